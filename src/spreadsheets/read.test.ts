import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { renderIssue } from "../domain/results-import/issues.ts";
import { SheetReadError } from "./errors.ts";
import { declaredUnpackedSize, DEFAULT_LIMITS, readSpreadsheet } from "./read.ts";

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("PAPI");
  sheet.addRow(["year", "gso_code_old", "subdimension", "score"]);
  sheet.addRow([2021, "06", "1.1", 0.66]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Rewrites the uncompressed size every central-directory entry declares, as a zip bomb would. */
function claimUnpackedSize(bytes: Uint8Array, size: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 4 <= copy.length; i += 1) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return copy;
}

describe("an XLSX is checked before it is unpacked", () => {
  test("the declared unpacked size of a real workbook is what its parts add up to", async () => {
    const size = declaredUnpackedSize(await workbook());
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThan(100_000);
  });

  test("a workbook declaring gigabytes is refused without unpacking it, in words a user can act on", async () => {
    const bomb = claimUnpackedSize(await workbook(), 0x40000000);
    const error = await readSpreadsheet(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetReadError);
    expect((error as SheetReadError).code).toBe("file.xlsx-too-large");
    const message = renderIssue({ code: "file.xlsx-too-large", params: (error as SheetReadError).params }, "vi").message;
    expect(message).toContain("vượt giới hạn 200 MB");
    expect(message).toContain("Cần:");
  });

  test("a ZIP64 size marker counts as unbounded", async () => {
    const bomb = claimUnpackedSize(await workbook(), 0xffffffff);
    expect(declaredUnpackedSize(bomb)).toBe(Number.POSITIVE_INFINITY);
    const error = (await readSpreadsheet(bomb).catch((e: unknown) => e)) as SheetReadError;
    expect(renderIssue({ code: error.code, params: error.params }, "en").message).toContain("takes ∞ MB");
  });

  test("a normal workbook under the limit reads", async () => {
    const [table] = await readSpreadsheet(await workbook(), DEFAULT_LIMITS);
    expect(table!.rows[1]!.cells).toEqual(["2021", "06", "1.1", "0.66"]);
  });
});
