import { describe, expect, test } from "vitest";
import { readDocumentTypes } from "./shipped-data.ts";

describe("shipped document types (Decree 30/2020, Phụ lục III)", () => {
  test("every abbreviation once; plans and reports as the seeds number them; who takes «Kính gửi»", () => {
    const types = readDocumentTypes();
    expect(types).toHaveLength(27);
    expect(new Set(types.map((t) => t.abbreviation)).size).toBe(types.length);
    const by = (a: string) => types.find((t) => t.abbreviation === a)!;
    expect(by("KH")).toMatchObject({ nameVi: "Kế hoạch", addressee: "none", validFrom: "2020-03-05" });
    expect(by("BC")).toMatchObject({ nameVi: "Báo cáo", addressee: "upward" });
    expect(by("TTr")).toMatchObject({ nameVi: "Tờ trình", addressee: "required" });
    expect(by("QyĐ").nameVi).toBe("Quy định");
  });
});
