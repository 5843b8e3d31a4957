/**
 * An official document (văn bản hành chính) as data: what a template fills and the builder lays out in the
 * Decree 30/2020/NĐ-CP format. Nothing here knows about .docx; the layout rules live in format.ts.
 */

export interface DocumentHeader {
  /** The parent body ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI" above a department); null when the issuer is the top body. */
  parentBody: string | null;
  /** The issuing body, printed in upper case and bold ("SỞ NỘI VỤ", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"). */
  issuingBody: string;
  /** "Số: 170/KH-UBND" (domain/document-format.ts numberLine). */
  numberLine: string;
  /** "Lào Cai, ngày 25 tháng 4 năm 2019" (domain/document-format.ts placeDateLine). */
  placeDate: string;
}

/**
 * The body, block by block. Headings follow the numbering of plans and reports: a part "I. MỤC TIÊU",
 * a section "1. Mục tiêu", a subsection "1.1. …", an item "a) …"; paragraphs carry their own "- " or "+ ".
 */
export type Block =
  | { kind: "heading"; level: "part" | "section" | "subsection" | "item"; text: string }
  | { kind: "paragraph"; text: string; italic?: boolean }
  | { kind: "table"; table: DocumentTable };

export interface TableColumn {
  title: string;
  /** Share of the text width; the builder turns shares into exact widths. */
  share: number;
  align?: "left" | "center" | "right";
}

export interface DocumentTable {
  columns: TableColumn[];
  rows: { cells: string[]; bold?: boolean }[];
}

export interface Signature {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC"; null when the head signs in his own name. */
  authority: string | null;
  /** "CHỦ TỊCH", "PHÓ GIÁM ĐỐC". */
  title: string;
  /** Left blank on a draft not yet signed. */
  name: string | null;
}

export interface Appendix {
  /** "Phụ lục" or "Phụ lục I" when there are several. */
  label: string;
  title: string;
  /** "(Kèm theo Kế hoạch số 170/KH-UBND ngày 25/4/2019 của Ủy ban nhân dân tỉnh Lào Cai)". */
  reference: string;
  body: Block[];
}

/** What the builder lays out. */
export interface DocumentLayout {
  header: DocumentHeader;
  /** "KẾ HOẠCH", "BÁO CÁO". */
  typeName: string;
  /** The summary (trích yếu), printed bold under the type name. */
  summary: string;
  /** "Kính gửi:" recipients, when the type calls for it (a report sent upward). */
  addressees: string[];
  body: Block[];
  /** Nơi nhận, each as written without its "- " and final ";" ("Văn phòng Chính phủ"); "Lưu: …" comes last. */
  recipients: string[];
  /** The archive line's units after "Lưu:" ("VT, SNV"). */
  archive: string;
  signature: Signature;
  appendices: Appendix[];
  /** The file's title and subject (its properties), also the download's name. */
  title: string;
}

/** A document a template filled: its layout, and what an edit form needs to start from. */
export interface OfficialDocument extends DocumentLayout {
  /** The number and date as stored or edited; null where the clerk fills them in by hand. */
  number: string | null;
  issuedOn: string | null;
  /** What the template wrote for each part a user may rewrite, by key: what an edit form starts from. */
  generatedParts: Record<string, string>;
}
