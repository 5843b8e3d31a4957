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
      | "file.too-many-rows",
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
