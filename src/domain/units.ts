/**
 * Administrative units as data with validity dates: the 63 provinces (until 30/06/2025), the 34 units
 * (from 01/07/2025), the communes under them, and the succession between old and new. Pure.
 */
import { compareVietnamese, foldVietnamese } from "./text.ts";

export type UnitSet = "vn63" | "vn34";
export type UnitKind = "province" | "municipality" | "commune" | "ward" | "special_zone";

export interface AdminUnit {
  set: UnitSet;
  code: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  kind: UnitKind;
  /** ISO dates; `validTo` null while in force. */
  validFrom: string;
  validTo: string | null;
}

export function isValidOn(unit: Pick<AdminUnit, "validFrom" | "validTo">, isoDate: string): boolean {
  return unit.validFrom <= isoDate && (unit.validTo === null || isoDate <= unit.validTo);
}

/** The day on which an index's results for `year` are keyed to units ("12-31" → 31/12 of that year). */
export function unitReferenceDate(unitsValidOn: string, year: number): string {
  return `${year}-${unitsValidOn}`;
}

export function sortByVietnameseName<T extends { name: string }>(units: readonly T[]): T[] {
  return [...units].sort((a, b) => compareVietnamese(a.name, b.name));
}

const PREFIXES = /^(tinh|thanh pho|tp)\s+/;
/** Common ways of writing Ho Chi Minh City that share no words with its name. */
const ALIASES: Record<string, string> = { hcm: "ho chi minh", tphcm: "ho chi minh", "sai gon": "ho chi minh" };

function nameKey(text: string): string {
  const folded = foldVietnamese(text).replace(PREFIXES, "");
  return ALIASES[folded] ?? folded;
}

export type ProvinceMatch<T> =
  | { ok: true; unit: T }
  | { ok: false; reason: "not-found" | "ambiguous"; candidates: T[] };

/**
 * Finds a province by GSO code, or by name with or without diacritics and with or without "Tỉnh" /
 * "Thành phố" / "TP.". A unique partial match ("Kạn") is accepted; several are reported as ambiguous.
 */
export function matchProvince<T extends Pick<AdminUnit, "code" | "name" | "fullName">>(
  query: string,
  units: readonly T[],
): ProvinceMatch<T> {
  const trimmed = query.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, "0");
    const unit = units.find((u) => u.code === code);
    return unit ? { ok: true, unit } : { ok: false, reason: "not-found", candidates: [] };
  }
  const key = nameKey(trimmed);
  if (!key) return { ok: false, reason: "not-found", candidates: [] };
  const exact = units.filter((u) => nameKey(u.name) === key || nameKey(u.fullName) === key);
  if (exact.length === 1) return { ok: true, unit: exact[0]! };
  if (exact.length > 1) return { ok: false, reason: "ambiguous", candidates: exact };
  const words = key.split(" ");
  const partial = units.filter((u) => {
    const name = ` ${nameKey(u.name)} `;
    return key.length >= 3 && words.every((w) => name.includes(` ${w} `));
  });
  if (partial.length === 1) return { ok: true, unit: partial[0]! };
  return { ok: false, reason: partial.length > 1 ? "ambiguous" : "not-found", candidates: partial };
}
