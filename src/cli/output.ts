/** Printing for the terminal: aligned tables and messages in the user's language. */

/** Display width of a string: Vietnamese NFC letters are one column each. */
const width = (s: string) => [...s.normalize("NFC")].length;

export function table(headers: string[], rows: (string | number | null)[][], align: ("l" | "r")[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? "—" : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = " ".repeat(widths[i]! - width(c));
        return align[i] === "r" ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
