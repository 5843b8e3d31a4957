/** A spreadsheet read into plain text cells, whatever it came from (CSV or XLSX). */

export interface SheetRow {
  /** The row number the user sees in Excel (1 = first line of the file or sheet). */
  rowNumber: number;
  cells: string[];
}

export interface SheetTable {
  format: "csv" | "xlsx";
  /** XLSX only: the sheet the rows come from. */
  sheetName: string | null;
  /** All rows, the header among them. */
  rows: SheetRow[];
}
