/** The signed-in answers several pages share, under one query key each, and how they are named and sorted. */
import { useState } from "react";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import type { Role } from "@domain/access.ts";
import type { Lang } from "@domain/format.ts";
import { KIND_LABELS, ORGANISATION_KINDS, type OrganisationKind } from "@domain/organisations.ts";
import { adminApi, planApi, reportApi, type Organisation, type PlanSummary, type ProvinceRef } from "../../lib/admin-api.ts";
import { api } from "../../lib/api.ts";
import { collator } from "../../lib/format.ts";
import { ADMIN_KEY, useSession } from "../../lib/session.tsx";

export const organisationsKey = (province: string | undefined) => [ADMIN_KEY, "organisations", province] as const;
export const peopleKey = [ADMIN_KEY, "people"] as const;

/** A province's bodies; with `includeEnded`, the closed and merged ones too (for names in the history). */
export function useOrganisations(province: string | undefined, includeEnded = false) {
  return useQuery({
    queryKey: [...organisationsKey(province), includeEnded],
    queryFn: () => adminApi.organisations(province!, includeEnded),
    enabled: province !== undefined,
  });
}

export const kindLabel = (kind: OrganisationKind, lang: Lang) => KIND_LABELS[kind][lang];
export const kindOptions = (lang: Lang) => ORGANISATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind][lang] }));

/** The People's Committee first, then its office, departments …; each kind in Vietnamese order. */
export function compareBodies(a: Pick<Organisation, "kind" | "name">, b: Pick<Organisation, "kind" | "name">): number {
  return ORGANISATION_KINDS.indexOf(a.kind) - ORGANISATION_KINDS.indexOf(b.kind) || collator.compare(a.name, b.name);
}

/** Options for a body picker: current bodies (all, for filtering history), named "Sở Nội vụ (SNV)". */
export function bodyOptions(organisations: readonly Organisation[], extra: { value: string; label: string }[] = [], includeEnded = false) {
  const current = organisations
    .filter((o) => includeEnded || o.endReason === null)
    .sort(compareBodies)
    .map((o) => ({ value: String(o.id), label: `${o.name} (${o.code})` }));
  const known = new Set(current.map((o) => o.value));
  return [...current, ...extra.filter((e) => !known.has(e.value))];
}

export const plansKey = [ADMIN_KEY, "plans"] as const;
export const planKey = (id: number) => [...plansKey, "plan", id] as const;
/** Everything about one plan lives under its key, so one invalidation refreshes its tabs. */
export const tasksKey = (id: number) => [...planKey(id), "tasks"] as const;
export const subPlansKey = (id: number) => [...planKey(id), "sub-plans"] as const;

export const usePlan = (id: number, enabled = true) => useQuery({ queryKey: planKey(id), queryFn: () => planApi.get(id), enabled });
export const usePlanTasks = (id: number, enabled = true) => useQuery({ queryKey: tasksKey(id), queryFn: () => planApi.tasks(id), enabled });
export const usePlanAgencies = (id: number, enabled = true) =>
  useQuery({ queryKey: [...planKey(id), "agencies"], queryFn: () => planApi.agencies(id), enabled, staleTime: 5 * 60_000 });
export const useSubPlans = (id: number, enabled = true) => useQuery({ queryKey: subPlansKey(id), queryFn: () => planApi.subPlans(id), enabled });

/** Everything about periodic reports (the inbox, each report, completeness, consolidation) under one key. */
export const reportsKey = [ADMIN_KEY, "reports"] as const;
export const reportKey = (id: number) => [...reportsKey, id] as const;
export const inboxKey = [...reportsKey, "inbox"] as const;
/** An agency's reports in each period of a regime. */
export const agencyReportsKey = (regimeId: number, organisationId: number) => [...reportsKey, "regime", regimeId, "agency", organisationId] as const;
/** A plan's regime lives under the plan (changing it refreshes the plan's tabs). */
export const regimeKey = (planId: number) => [...planKey(planId), "regime"] as const;
export const useRegime = (planId: number, enabled = true) => useQuery({ queryKey: regimeKey(planId), queryFn: () => reportApi.regime(planId), enabled });
/** An agency's report (id, state, timeliness) in each period of a regime: read-only, creates nothing. */
export const useAgencyReports = (regimeId: number, organisationId: number, enabled = true) =>
  useQuery({ queryKey: agencyReportsKey(regimeId, organisationId), queryFn: () => reportApi.agencyReports(regimeId, organisationId), enabled });
export const useInbox = (enabled = true) => useQuery({ queryKey: inboxKey, queryFn: reportApi.inbox, enabled });

/**
 * Opens an agency's report for a period (the existing one, or a new draft pre-filled from the period
 * before) and goes to it; `opening` names the one under way ("regime:organisation:period").
 */
export function useOpenReport() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = async (regimeId: number, organisationId: number, period: string) => {
    setOpening(`${regimeId}:${organisationId}:${period}`);
    setError(null);
    try {
      const view = await reportApi.open(regimeId, organisationId, period);
      const province = params.get("province");
      navigate(`/admin/reports/${view.report.id}${province ? `?province=${province}` : ""}`);
    } catch (e) {
      setError(e);
    } finally {
      setOpening(null);
    }
  };
  return { open, opening, error, isOpening: (regimeId: number, organisationId: number, period: string) => opening === `${regimeId}:${organisationId}:${period}` };
}

/** Reads every agency's reports of the province (completeness, consolidation): Sở Nội vụ and the province's leadership. */
export function useReadsProvinceReports(): boolean {
  const { session, can } = useSession();
  return can("agency-work.read") && (session?.user?.roles.some((r) => r.role === "coordinator" || r.role === "viewer") ?? false);
}

/**
 * Draws up the province's own plans: a coordinator or the administrator. (Agency people hold
 * plans.manage too, but only for their agency's sub-plans.)
 */
export function useDrawsUpPlans(): boolean {
  const { session, can } = useSession();
  return can("plans.manage") && (session?.user?.roles.some((r) => r.role === "admin" || r.role === "coordinator") ?? false);
}

const AGENCY_ROLES: readonly Role[] = ["leader", "officer"];

/** The agencies the person works for as a leader or an officer, each once, in Vietnamese order. */
export function useOwnAgencies(): { id: number; name: string }[] {
  const { session } = useSession();
  const agencies = new Map<number, { id: number; name: string }>();
  for (const role of session?.user?.roles ?? []) {
    if (AGENCY_ROLES.includes(role.role) && role.organisationId !== null) {
      agencies.set(role.organisationId, { id: role.organisationId, name: role.organisationName ?? String(role.organisationId) });
    }
  }
  return [...agencies.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/** A plan in a list, with the province it was listed under when that is a predecessor ("Lào Cai (vn63)"). */
export interface ListedPlan extends PlanSummary {
  predecessorName: string | null;
}

/**
 * The plans of a province as its people know them: its own and, for one of the 34, those of the 63-era
 * provinces it was formed from (one request per key, so each older plan is marked with the province
 * it belongs to), newest year first. `all`: every plan the person may read (an administrator's "whole system").
 */
export function usePlanList(province: ProvinceRef | undefined, all: boolean) {
  const needsUnits = !all && province?.set === "vn34";
  const units34 = useQuery({ queryKey: ["units", "vn34"], queryFn: () => api.units("vn34"), enabled: needsUnits, staleTime: Infinity });
  const units63 = useQuery({ queryKey: ["units", "vn63"], queryFn: () => api.units("vn63"), enabled: needsUnits, staleTime: Infinity });
  const predecessors = needsUnits ? (units34.data?.find((u) => u.code === province.code)?.predecessors ?? []) : [];
  const keys: { key: string | undefined; name: string | null }[] = all
    ? [{ key: undefined, name: null }]
    : !province
      ? []
      : province.set === "vn34" && !units34.data
        ? []
        : [
            { key: province.key, name: null },
            ...predecessors.map((code) => ({ key: `vn63-${code}`, name: units63.data?.find((u) => u.code === code)?.name ?? code })),
          ];
  return useQueries({
    queries: keys.map(({ key }) => ({ queryKey: [...plansKey, "list", key ?? "all"], queryFn: () => planApi.list(key) })),
    combine: (answers) => {
      const seen = new Set<number>();
      const plans: ListedPlan[] = [];
      // Predecessors' answers first: the current province's answer includes their plans too, unmarked.
      [...answers.entries()].reverse().forEach(([i, answer]) => {
        for (const plan of answer.data ?? []) {
          if (seen.has(plan.id)) continue;
          seen.add(plan.id);
          plans.push({ ...plan, predecessorName: keys[i]!.name });
        }
      });
      plans.sort((a, b) => b.year - a.year || (b.issuedOn ?? "").localeCompare(a.issuedOn ?? "") || b.id - a.id);
      const error = answers.find((a) => a.error)?.error ?? units34.error ?? null;
      const pending = keys.length === 0 || answers.some((a) => a.isPending);
      return { plans, error, pending, refetch: () => answers.forEach((a) => void a.refetch()) };
    },
  });
}
