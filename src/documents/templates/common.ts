/**
 * What the four templates share: the header from stored fields, stored text turned into blocks, the
 * recipients list read from what a user typed, and the edits a user makes before downloading. Pure.
 */
import { z } from "zod";
import { numberLine, parseDocumentNumber, placeDateLine } from "../../domain/document-format.ts";
import { formatDate } from "../../domain/format.ts";
import type { Block, DocumentHeader, Signature } from "../model.ts";

/** What a user may change before downloading a generated document; everything else comes from the data. */
export const documentEditsSchema = z.object({
  number: z.string().trim().max(60).nullable().optional(),
  issuedOn: z.iso.date().nullable().optional(),
  signer: z
    .object({ authority: z.string().trim().max(120).nullable(), title: z.string().trim().min(1).max(120), name: z.string().trim().max(120).nullable() })
    .optional(),
  recipients: z.array(z.string().trim().min(1).max(300)).max(40).optional(),
  /** Text that replaces a generated part, by the part's key (the template lists its keys). */
  sections: z.record(z.string().max(40), z.string().max(20_000)).optional(),
});
export type DocumentEdits = z.infer<typeof documentEditsSchema>;

/** A document type as a template needs it: the printed name and the symbol after the number ("KH-UBND"). */
export interface DocumentKind {
  typeName: string;
  symbol: string;
}

export interface HeaderInput {
  parentBody: string | null;
  issuingBody: string;
  /** A stored number ("170/KH-UBND", "/BC-SKH") or null for a draft without one. */
  number: string | null;
  /** The symbol a draft will carry ("KH-UBND") when it has no number yet. */
  symbol: string;
  place: string;
  issuedOn: string | null;
  year: number;
}

export function documentHeader(input: HeaderInput): DocumentHeader {
  const parsed = input.number ? parseDocumentNumber(input.number) : null;
  return {
    parentBody: input.parentBody,
    issuingBody: input.issuingBody,
    numberLine: numberLine(parsed?.number ?? null, parsed?.symbol ?? input.symbol),
    placeDate: placeDateLine(input.place, input.issuedOn, input.issuedOn ? Number(input.issuedOn.slice(0, 4)) : input.year),
  };
}

export const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);
export const upperFirst = (s: string) => (s ? s.charAt(0).toLocaleUpperCase("vi") + s.slice(1) : s);

/** "Kế hoạch số 170/KH-UBND ngày 25/04/2019": how running text cites a document. */
export function citation(kind: string, number: string | null, issuedOn: string | null): string {
  if (!number) return `${kind} (dự thảo)`;
  return `${kind} số ${number}${issuedOn ? ` ngày ${formatDate(issuedOn)}` : ""}`;
}

/**
 * Stored text (one paragraph per line, as a user typed it) as blocks: "I. …" a part, "1. …:" and "1.1. …" a
 * section heading when short and ending with ":", anything else a paragraph keeping its "- " or "+ ".
 */
export function textBlocks(text: string | null | undefined): Block[] {
  if (!text) return [];
  const out: Block[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[IVX]+\.\s/.test(line) && line.length < 120) out.push({ kind: "heading", level: "part", text: line });
    else if (/^\d+\.\d+\.\s/.test(line) && line.length < 160 && !/[.;]$/.test(line)) out.push({ kind: "heading", level: "subsection", text: line });
    else if (/^\d+\.\s/.test(line) && line.length < 160 && line.endsWith(":")) out.push({ kind: "heading", level: "section", text: line });
    else out.push({ kind: "paragraph", text: line });
  }
  return out;
}

/**
 * Nơi nhận as a user typed it ("- Bộ Nội vụ;" … "- Lưu: VT, KSTT1,2.") into the recipients and the archive
 * line; without a "Lưu:" line the archive is the given default.
 */
export function readRecipients(lines: readonly string[], defaultArchive: string): { recipients: string[]; archive: string } {
  const recipients: string[] = [];
  let archive = defaultArchive;
  for (const raw of lines) {
    const line = raw.trim().replace(/^[-–+•]\s*/, "").replace(/[;.,]\s*$/, "").trim();
    if (!line) continue;
    const kept = /^Lưu\s*:\s*(.*)$/i.exec(line);
    if (kept) archive = kept[1]!.trim() || defaultArchive;
    else recipients.push(line);
  }
  return { recipients, archive };
}

/** The signature: the user's edit, else what is stored, else the default for the issuing body's kind. */
export function signatureOf(
  stored: { authority: string | null; title: string | null; name: string | null },
  fallback: { authority: string | null; title: string },
  edits?: DocumentEdits,
): Signature {
  if (edits?.signer) return { authority: edits.signer.authority || null, title: edits.signer.title, name: edits.signer.name || null };
  if (stored.title) return { authority: stored.authority, title: stored.title, name: stored.name };
  return { authority: fallback.authority, title: fallback.title, name: stored.name };
}

/** The user's edits, and what the template would write for each part (a form shows it to be edited). */
export interface EditContext {
  edits: DocumentEdits | undefined;
  generated: Record<string, string>;
}
export const editContext = (edits?: DocumentEdits): EditContext => ({ edits, generated: {} });

/** Blocks back as the text a user edits: one paragraph or heading per line (tables are not editable text). */
export function blocksText(blocks: Block[]): string {
  return blocks.flatMap((b) => (b.kind === "table" ? [] : [b.text])).join("\n");
}

/** A part the user rewrote replaces the generated one; the generated text is kept for the edit form. */
export function editable(ctx: EditContext, key: string, generated: Block[]): Block[] {
  ctx.generated[key] = blocksText(generated);
  const text = ctx.edits?.sections?.[key];
  return text !== undefined && text.trim() !== "" ? textBlocks(text) : generated;
}

export const percent = (v: number) => `${Math.round(v)}%`;
