import { describe, expect, test } from "vitest";
import { authorityMarker, documentDateText, documentSymbol, numberLine, parseDocumentNumber, placeDateLine } from "./document-format.ts";

describe("Decree 30 header wording", () => {
  test("the date: days below 10 and months 1–2 take a leading zero, others do not", () => {
    expect(documentDateText("2020-01-05", 2020)).toBe("ngày 05 tháng 01 năm 2020");
    expect(documentDateText("2026-02-06", 2026)).toBe("ngày 06 tháng 02 năm 2026");
    expect(documentDateText("2019-04-25", 2019)).toBe("ngày 25 tháng 4 năm 2019");
    expect(documentDateText("2022-06-08", 2022)).toBe("ngày 08 tháng 6 năm 2022");
    expect(documentDateText("2021-12-10", 2021)).toBe("ngày 10 tháng 12 năm 2021");
    expect(documentDateText("2024-02-29", 2024)).toBe("ngày 29 tháng 02 năm 2024");
    expect(() => documentDateText("25/04/2019", 2019)).toThrow();
  });

  test("the place-and-date line as the seeds print it, and an unsigned draft's blanks", () => {
    expect(placeDateLine("Lào Cai", "2019-04-25", 2019)).toBe("Lào Cai, ngày 25 tháng 4 năm 2019"); // seed 004
    expect(placeDateLine("Quảng Trị", "2022-03-14", 2022)).toBe("Quảng Trị, ngày 14 tháng 3 năm 2022"); // seed 001
    expect(placeDateLine("Bình Phước", "2023-08-31", 2023)).toBe("Bình Phước, ngày 31 tháng 8 năm 2023"); // seed 003
    expect(placeDateLine("Lào Cai ", null, 2021)).toMatch(/^Lào Cai, ngày\s+tháng\s+năm 2021$/); // seed 000, a draft
  });

  test("the number line: a leading zero below 10, room left before numbering, the symbol joined by hyphens", () => {
    expect(numberLine(170, documentSymbol("KH", "UBND"))).toBe("Số: 170/KH-UBND");
    expect(numberLine(5, documentSymbol("KH", "UBND"))).toBe("Số: 05/KH-UBND");
    expect(numberLine(null, documentSymbol("BC", "SKH"))).toMatch(/^Số:\s+\/BC-SKH$/);
    expect(numberLine(1763, documentSymbol(null, "UBND-NC"))).toBe("Số: 1763/UBND-NC");
  });

  test("a stored number is read whatever its spacing", () => {
    expect(parseDocumentNumber("170/KH-UBND")).toEqual({ number: 170, symbol: "KH-UBND" });
    expect(parseDocumentNumber("Số: 23 /BC-SKHCN")).toEqual({ number: 23, symbol: "BC-SKHCN" });
    expect(parseDocumentNumber("/BC-SKH")).toEqual({ number: null, symbol: "BC-SKH" });
    expect(parseDocumentNumber("106/BC-SNgV")).toEqual({ number: 106, symbol: "BC-SNgV" });
    expect(parseDocumentNumber("Kế hoạch 170")).toBeNull();
  });

  test("authority markers", () => {
    expect(authorityMarker("TM. ỦY BAN NHÂN DÂN")).toBe("TM.");
    expect(authorityMarker("KT. CHỦ TỊCH")).toBe("KT.");
    expect(authorityMarker("TUQ. GIÁM ĐỐC")).toBe("TUQ.");
    expect(authorityMarker("GIÁM ĐỐC")).toBeNull();
  });
});
