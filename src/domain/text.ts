/** Vietnamese text helpers shared by the server, the CLI and the web app. Pure. */

/**
 * Folds Vietnamese text to a comparison key: no diacritics, "đ" → "d", lower case, single spaces.
 * Used only to *match* what a user typed ("Bac Kan", "bắc kạn", "Bắc Kạn"); never shown.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const vietnameseCollator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Compares two Vietnamese names the way a Vietnamese reader expects (Đ after D, tones secondary). */
export function compareVietnamese(a: string, b: string): number {
  return vietnameseCollator.compare(a, b);
}

/** Writes a count below 10 with a leading zero, as Vietnamese official documents do ("04/8", "giảm 02 bậc"). */
export function padCount(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : String(n);
}
