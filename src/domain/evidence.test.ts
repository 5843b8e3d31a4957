/** Evidence files are recognised by their bytes; their names are made safe to store and send back. */
import { describe, expect, test } from "vitest";
import { cleanFileName, sniffEvidence } from "./evidence.ts";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("what a file really is", () => {
  test("PDF, PNG, JPEG by signature; Word and Excel by what their zip holds", () => {
    expect(sniffEvidence(text("%PDF-1.7\n…"))).toMatchObject({ ok: true, kind: "pdf" });
    expect(sniffEvidence(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toMatchObject({ ok: true, kind: "png" });
    expect(sniffEvidence(bytes(0xff, 0xd8, 0xff, 0xe0))).toMatchObject({ ok: true, kind: "jpeg" });
    const zip = (entry: string) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text(`....[Content_Types].xml....${entry}`)]);
    expect(sniffEvidence(zip("word/document.xml"))).toMatchObject({ ok: true, kind: "docx" });
    expect(sniffEvidence(zip("xl/workbook.xml"))).toMatchObject({ ok: true, kind: "xlsx" });
    expect(sniffEvidence(zip("photos/a.jpg"))).toEqual({ ok: false, looksLike: "zip" });
  });

  test("refused, saying what it looks like: empty, old Office, a program, anything else", () => {
    expect(sniffEvidence(bytes())).toEqual({ ok: false, looksLike: "empty" });
    expect(sniffEvidence(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toEqual({ ok: false, looksLike: "old-office" });
    expect(sniffEvidence(text("MZ\x90\x00"))).toEqual({ ok: false, looksLike: "executable" });
    expect(sniffEvidence(bytes(0x7f, 0x45, 0x4c, 0x46))).toEqual({ ok: false, looksLike: "executable" });
    expect(sniffEvidence(text("<html>"))).toEqual({ ok: false, looksLike: "unknown" });
  });

  test("names lose their folders and unsafe characters and take the extension of what the file is", () => {
    expect(cleanFileName("C:\\Users\\cv\\Biên bản quý II.pdf", "pdf")).toBe("Biên bản quý II.pdf");
    expect(cleanFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(cleanFileName('so"lieu<1>.exe', "xlsx")).toBe("solieu1.xlsx");
    expect(cleanFileName("", "jpeg")).toBe("minh-chung.jpg");
  });
});
