/** Why a file could not be read as a spreadsheet at all; `params` fill the message (see import issues). */
export class SheetReadError extends Error {
  constructor(
    readonly code:
      | "file.empty"
      | "file.too-large"
      | "file.not-spreadsheet"
      | "file.xls-legacy"
      | "file.xlsx-corrupt"
      | "file.encoding"
      | "file.csv-malformed"
      | "file.too-many-rows"
      | "file.no-visible-sheet",
    readonly params: Record<string, string | number> = {},
    /** The line of the file the problem is on, when there is one (CSV quoting errors). */
    readonly row?: number,
  ) {
    super(code);
  }
}
