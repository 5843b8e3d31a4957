/**
 * Rules for a province's bodies: the kinds, what makes a code valid, which bodies are current on a date,
 * and what a merge or a closure may do. Pure: the service loads and stores, these decide.
 */
import { compareVietnamese } from "./text.ts";

export const ORGANISATION_KINDS = [
  "people_committee",
  "office",
  "department",
  "inspectorate",
  "board",
  "commune",
  "police",
  "front",
  "mass_organisation",
  "press",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const KIND_LABELS: Record<OrganisationKind, { vi: string; en: string }> = {
  people_committee: { vi: "Ủy ban nhân dân", en: "People's Committee" },
  office: { vi: "Văn phòng", en: "Office" },
  department: { vi: "Sở, ban, ngành", en: "Department" },
  inspectorate: { vi: "Thanh tra", en: "Inspectorate" },
  board: { vi: "Ban quản lý, trung tâm", en: "Board or centre" },
  commune: { vi: "Xã, phường, đặc khu", en: "Commune or ward" },
  police: { vi: "Công an", en: "Police" },
  front: { vi: "Mặt trận Tổ quốc", en: "Fatherland Front" },
  mass_organisation: { vi: "Tổ chức chính trị - xã hội", en: "Mass organisation" },
  press: { vi: "Báo chí, phát thanh, truyền hình", en: "Press and broadcasting" },
  other: { vi: "Cơ quan, tổ chức khác", en: "Other body" },
};

/** Letters (Vietnamese ones included, as in "SGDĐT"), digits, and . _ - ; what a document number can carry. */
export const ORGANISATION_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,23}$/u;

export interface OrganisationRecord {
  id: number;
  provinceUnitId: number;
  parentId: number | null;
  kind: OrganisationKind;
  code: string;
  documentSymbol: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  endReason: "closed" | "merged" | null;
  mergedIntoId: number | null;
}

export function isEnded(org: Pick<OrganisationRecord, "endReason">): boolean {
  return org.endReason !== null;
}

/** The People's Committee first, then its office, departments …, each group in Vietnamese order. */
export function compareOrganisations(a: Pick<OrganisationRecord, "kind" | "name">, b: Pick<OrganisationRecord, "kind" | "name">): number {
  const rank = (k: OrganisationKind) => ORGANISATION_KINDS.indexOf(k);
  return rank(a.kind) - rank(b.kind) || compareVietnamese(a.name, b.name);
}

export type StructureProblem =
  | { code: "organisation.parent-other-province" }
  | { code: "organisation.parent-ended" }
  | { code: "organisation.parent-cycle" }
  | { code: "organisation.dates-reversed" };

/** Would making `parentId` the parent of `id` keep the tree a tree, inside one province, of current bodies? */
export function checkParent(
  all: ReadonlyMap<number, OrganisationRecord>,
  org: { id: number | null; provinceUnitId: number },
  parentId: number | null,
): StructureProblem | null {
  if (parentId === null) return null;
  const parent = all.get(parentId);
  if (!parent || parent.provinceUnitId !== org.provinceUnitId) return { code: "organisation.parent-other-province" };
  if (isEnded(parent)) return { code: "organisation.parent-ended" };
  for (let at: OrganisationRecord | undefined = parent, steps = 0; at && steps <= all.size; steps += 1) {
    if (org.id !== null && at.id === org.id) return { code: "organisation.parent-cycle" };
    at = at.parentId === null ? undefined : all.get(at.parentId);
  }
  return null;
}

export type MergeProblem =
  | { code: "merge.too-few" }
  | { code: "merge.other-province"; organisation: string }
  | { code: "merge.already-ended"; organisation: string }
  | { code: "merge.into-source" }
  | { code: "merge.date-before-start"; organisation: string; validFrom: string };

/**
 * A merge ends the sources on `lastDay` and points them at the target; the target (existing or new) goes
 * on. A target merged into itself, an ended body, or a body of another province is refused.
 */
export function checkMerge(sources: readonly OrganisationRecord[], target: { id: number | null; provinceUnitId: number }, lastDay: string): MergeProblem[] {
  const problems: MergeProblem[] = [];
  if (sources.length < 1 || (target.id === null && sources.length < 2)) problems.push({ code: "merge.too-few" });
  for (const source of sources) {
    if (source.provinceUnitId !== target.provinceUnitId) problems.push({ code: "merge.other-province", organisation: source.name });
    if (isEnded(source)) problems.push({ code: "merge.already-ended", organisation: source.name });
    if (source.id === target.id) problems.push({ code: "merge.into-source" });
    if (lastDay < source.validFrom) problems.push({ code: "merge.date-before-start", organisation: source.name, validFrom: source.validFrom });
  }
  return problems;
}

/** The day after an ISO date: a merged body's successor starts the day after the sources end. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
