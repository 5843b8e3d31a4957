import { expect, test } from "vitest";
import { formatCompact, formatDate, formatNumber, formatSigned } from "./format.ts";
import { compareVietnamese, foldVietnamese, padCount } from "./text.ts";

test("foldVietnamese matches names typed with or without diacritics", () => {
  expect(foldVietnamese("Bắc Kạn")).toBe("bac kan");
  expect(foldVietnamese("  ĐẮK   LẮK ")).toBe("dak lak");
  expect(foldVietnamese("Bà Rịa - Vũng Tàu")).toBe("ba ria vung tau");
  expect(foldVietnamese("Thanh Hoá")).toBe(foldVietnamese("Thanh Hóa"));
});

test("Vietnamese names sort as a Vietnamese reader expects: Đ after D", () => {
  const sorted = ["Đà Nẵng", "Điện Biên", "Cà Mau", "Dung", "An Giang"].sort(compareVietnamese);
  expect(sorted).toEqual(["An Giang", "Cà Mau", "Dung", "Đà Nẵng", "Điện Biên"]);
});

test("numbers and dates use the Vietnamese forms", () => {
  expect(formatNumber(42.15294, 3, "vi")).toBe("42,153");
  expect(formatNumber(3321, 0, "vi")).toBe("3.321");
  expect(formatNumber(42.15294, 3, "en")).toBe("42.153");
  expect(formatCompact(3.3333, 1, "vi")).toBe("3,3");
  expect(formatCompact(2.5, 1, "vi")).toBe("2,5");
  expect(formatCompact(10, 1, "vi")).toBe("10");
  expect(formatSigned(-0.5702, 3, "vi")).toBe("−0,570");
  expect(formatSigned(0.19, 2, "vi")).toBe("+0,19");
  expect(formatSigned(0.0001, 3, "vi")).toBe("0,000");
  expect(formatDate("2019-04-25")).toBe("25/04/2019");
});

test("counts below ten take a leading zero, as in official documents", () => {
  expect(padCount(4)).toBe("04");
  expect(padCount(0)).toBe("00");
  expect(padCount(34)).toBe("34");
});
