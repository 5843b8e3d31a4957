import type { IssueCode } from "../domain/results-import/issues.ts";

/** Why a file could not be read as a spreadsheet at all; `params` fill the message (see import issues). */
export class SheetReadError extends Error {
  constructor(
    readonly code: Extract<IssueCode, `file.${string}`>,
    readonly params: Record<string, string | number> = {},
    /** The line of the file the problem is on, when there is one (CSV quoting errors). */
    readonly row?: number,
  ) {
    super(code);
  }
}
