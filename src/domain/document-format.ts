/**
 * The wording rules of Decree 30/2020/NĐ-CP (Phụ lục I) for an official document's header and signature:
 * the number line, the place-and-date line with its leading zeros, the authority markers. Pure; the .docx
 * builder (issue 6) lays these strings out, the format checker reads them back.
 */

/** A document type of Phụ lục III (data/documents/document-types.csv). */
export interface DocumentType {
  /** KH, BC, TTr …; Công văn has none (its symbol is the body's). */
  abbreviation: string;
  nameVi: string;
  nameEn: string;
  /** Whether "Kính gửi:" heads it: always (Tờ trình), when sent upward (Báo cáo), or never. */
  addressee: "required" | "upward" | "none";
  validFrom: string;
}

/** "TM." on behalf of a collective body, "KT." deputy for the head, "Q." acting, "TL." / "TUQ." by delegation. */
export const AUTHORITY_MARKERS = ["TM.", "KT.", "Q.", "TL.", "TUQ."] as const;
export type AuthorityMarker = (typeof AUTHORITY_MARKERS)[number];

/** The marker a signature block's first line starts with ("KT. CHỦ TỊCH" → "KT."), or null for a head signing himself. */
export function authorityMarker(line: string): AuthorityMarker | null {
  const head = line.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
  return AUTHORITY_MARKERS.find((m) => m === head) ?? null;
}

/** Days below 10 and the months January and February take a leading zero: "ngày 05 tháng 01", but "tháng 6". */
export function dayOfMonthText(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}
export function monthText(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

/** Blank room left for the day and month of a document not yet signed (the clerk writes them in). */
const BLANK = "     ";

/**
 * "ngày 25 tháng 4 năm 2019" from an ISO day; without a day yet (a draft), "ngày      tháng      năm 2026"
 * as unsigned drafts are printed.
 */
export function documentDateText(isoDay: string | null, year: number): string {
  if (!isoDay) return `ngày ${BLANK} tháng ${BLANK} năm ${year}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) throw new Error(`not an ISO day: ${isoDay}`);
  return `ngày ${dayOfMonthText(Number(match[3]))} tháng ${monthText(Number(match[2]))} năm ${match[1]}`;
}

/** The italic line beside the number: "Lào Cai, ngày 25 tháng 4 năm 2019". */
export function placeDateLine(place: string, isoDay: string | null, year: number): string {
  return `${place.trim()}, ${documentDateText(isoDay, year)}`;
}

/**
 * "Số: 05/KH-UBND": the number (below 10 with a leading zero) and the symbol — the type's abbreviation and
 * the issuing body's, joined by "-" (a Công văn has only the body's: "1763/UBND-NC"). A document not yet
 * numbered keeps the room for it: "Số:      /KH-UBND".
 */
export function numberLine(number: number | null, symbol: string): string {
  const n = number === null ? BLANK : number < 10 ? `0${number}` : String(number);
  return `Số: ${n}/${symbol}`;
}

/** The symbol of a typed document: "KH" + "UBND" → "KH-UBND"; a Công văn (no type abbreviation) → the body's. */
export function documentSymbol(typeAbbreviation: string | null, bodySymbol: string): string {
  return typeAbbreviation ? `${typeAbbreviation}-${bodySymbol}` : bodySymbol;
}

/**
 * Reads a stored number ("170/KH-UBND", "05/BC-SKH", "/BC-SKH" for a draft) into its parts, so the number
 * line is printed by the rule whatever spacing the document was typed with ("23 /BC-SKHCN").
 */
export function parseDocumentNumber(text: string): { number: number | null; symbol: string } | null {
  const match = /^\s*(?:Số:\s*)?(\d*)\s*\/\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)\s*$/u.exec(text);
  if (!match) return null;
  return { number: match[1] ? Number(match[1]) : null, symbol: match[2]! };
}
