/**
 * What an evidence file really is, from its bytes, not its name: a report's evidence may be a PDF, a Word or
 * Excel file (Office Open XML) or a photo (PNG, JPEG). Anything else — an old binary Office file, an
 * executable renamed ".pdf", an archive — is refused with what it looks like. Pure.
 */

export const EVIDENCE_KINDS = {
  pdf: { contentType: "application/pdf", extension: "pdf" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  png: { contentType: "image/png", extension: "png" },
  jpeg: { contentType: "image/jpeg", extension: "jpg" },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

export type Sniffed = { ok: true; kind: EvidenceKind; contentType: string } | { ok: false; looksLike: "empty" | "old-office" | "executable" | "zip" | "unknown" };

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Whether an ASCII name occurs in the first `limit` bytes (the entries of a zip's local headers). */
function mentions(bytes: Uint8Array, name: string, limit = 2 * 1024 * 1024): boolean {
  const text = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, limit)));
  return text.includes(name);
}

export function sniffEvidence(bytes: Uint8Array): Sniffed {
  const ok = (kind: EvidenceKind): Sniffed => ({ ok: true, kind, contentType: EVIDENCE_KINDS[kind].contentType });
  if (bytes.length === 0) return { ok: false, looksLike: "empty" };
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ok("pdf"); // %PDF-
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok("png");
  if (starts(bytes, [0xff, 0xd8, 0xff])) return ok("jpeg");
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (mentions(bytes, "word/")) return ok("docx");
    if (mentions(bytes, "xl/")) return ok("xlsx");
    return { ok: false, looksLike: "zip" };
  }
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ok: false, looksLike: "old-office" };
  if (starts(bytes, [0x4d, 0x5a]) || starts(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { ok: false, looksLike: "executable" };
  return { ok: false, looksLike: "unknown" };
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters, bounded. */
export function cleanFileName(name: string, kind: EvidenceKind): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f"<>|:*?]/g, "").trim().slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, "") || "minh-chung";
  return `${stem}.${EVIDENCE_KINDS[kind].extension}`;
}
