/** The signed-in answers several pages share, under one query key each, and how they are named and sorted. */
import { useQuery } from "@tanstack/react-query";
import type { Lang } from "@domain/format.ts";
import { KIND_LABELS, ORGANISATION_KINDS, type OrganisationKind } from "@domain/organisations.ts";
import { adminApi, type Organisation } from "../../lib/admin-api.ts";
import { collator } from "../../lib/format.ts";
import { ADMIN_KEY } from "../../lib/session.tsx";

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
