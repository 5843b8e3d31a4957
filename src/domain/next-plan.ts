/**
 * What next year's plan starts from, read the way seed 002 (Bắc Kạn, 416/KH-UBND) opens: the dimensions
 * under half of their maximum, those in the lowest group, the sub-dimensions under one point — and the
 * tasks of the previous plan that served them. Pure.
 */
import { findDimension, findSubdimension, subdimensions, type FrameworkVersion } from "./frameworks.ts";
import type { Group } from "./groups.ts";
import type { ProvinceProfile } from "./profile.ts";
import type { WeakThreshold } from "./wording.ts";

/**
 * A sub-dimension is weak for planning when it scores under this many points: the plans list them so
 * ("đạt dưới 1 điểm"), whatever the maximum (2,5 or 3,33). Seed 002's seven are exactly those under 1 point
 * in 2021 (7.1 at 1,05 is not named although its share of the maximum is lower than 1.4's).
 */
export const WEAK_SUBDIMENSION_POINTS = 1;

export const PLANNING_THRESHOLD: WeakThreshold = { kind: "points", points: WEAK_SUBDIMENSION_POINTS };

export interface NodeFinding {
  code: string;
  slug: string;
  nameVi: string;
  nameEn: string;
  score: number;
  max: number;
}

export interface PlanFindings {
  total: { score: number | null; max: number; rank: number | null; rankedCount: number; group: Group | null };
  /** Under half of the maximum ("dưới 5/10"). */
  weakDimensions: NodeFinding[];
  lowestGroupDimensions: NodeFinding[];
  /** Under WEAK_SUBDIMENSION_POINTS, in framework order. */
  weakSubdimensions: NodeFinding[];
}

export function planFindings(profile: ProvinceProfile, points = WEAK_SUBDIMENSION_POINTS): PlanFindings {
  const finding = (n: { code: string; slug: string; nameVi: string; nameEn: string; score: number | null; max: number }): NodeFinding => ({
    code: n.code,
    slug: n.slug,
    nameVi: n.nameVi,
    nameEn: n.nameEn,
    score: n.score!,
    max: n.max,
  });
  return {
    total: {
      score: profile.total.score,
      max: profile.total.max,
      rank: profile.total.rank,
      rankedCount: profile.rankedCount,
      group: profile.total.group,
    },
    weakDimensions: profile.dimensions.filter((d) => d.belowHalf).map(finding),
    lowestGroupDimensions: profile.dimensions.filter((d) => d.score !== null && d.group === "lowest").map(finding),
    weakSubdimensions: profile.subdimensions.filter((s) => s.score !== null && s.score < points).map(finding),
  };
}

/** The profile with its weak sub-dimensions by the planning rule, for the wording of the plan's opening. */
export function withPlanningFindings(profile: ProvinceProfile, findings: PlanFindings): ProvinceProfile {
  return { ...profile, findings: { ...profile.findings, weakSubdimensions: findings.weakSubdimensions.map((s) => s.code) } };
}

/**
 * The slugs a previous plan's task serves, in its own year's framework: a dimension stands for itself and
 * its sub-dimensions (a task on D2 works on a weak 2.1), a sub-dimension for itself and its dimension (a task
 * on 2.1 serves a weak D2). Unknown codes serve nothing.
 */
function servedSlugs(nodes: readonly string[], version: FrameworkVersion): Set<string> {
  const slugs = new Set<string>();
  for (const node of nodes) {
    const dimension = findDimension(version, node);
    if (dimension) {
      slugs.add(dimension.slug);
      for (const child of dimension.children) slugs.add(child.slug);
      continue;
    }
    const sub = findSubdimension(version, node);
    if (sub) {
      slugs.add(sub.slug);
      slugs.add(findDimension(version, sub.dimensionCode)!.slug);
    }
  }
  return slugs;
}

/**
 * The previous plan's tasks that served what is weak now. Matched by slug, so a task written against the
 * 2019 framework still finds a 2021 dimension or sub-dimension that kept its identity.
 */
export function tasksServing<T extends { nodes: readonly string[] }>(tasks: readonly T[], taskVersion: FrameworkVersion, findings: PlanFindings): T[] {
  const weak = new Set([...findings.weakDimensions, ...findings.lowestGroupDimensions, ...findings.weakSubdimensions].map((f) => f.slug));
  return tasks.filter((task) => [...servedSlugs(task.nodes, taskVersion)].some((slug) => weak.has(slug)));
}

/**
 * A task's nodes in another framework version, by slug (a version's code of the same identity); nodes the
 * other version lacks are dropped, so a copied task never points at a node its plan year does not have.
 */
export function nodesIn(nodes: readonly string[], from: FrameworkVersion, to: FrameworkVersion): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    const dimension = findDimension(from, node);
    const slug = dimension?.slug ?? findSubdimension(from, node)?.slug;
    if (!slug) continue;
    const match = to.dimensions.find((d) => d.slug === slug)?.code ?? subdimensions(to).find((s) => s.slug === slug)?.code;
    if (match && !out.includes(match)) out.push(match);
  }
  return out;
}
