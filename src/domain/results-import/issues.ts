/**
 * Everything an import of official results can object to, and how to say it to a civil servant: which
 * row, which column, what was there, what was expected. Vietnamese first; English with --lang en. Pure.
 */
import { formatCompact, type Lang } from "../format.ts";

const mb = (value: string | number | undefined, lang: Lang) => {
  const n = Number(value);
  return Number.isFinite(n) ? formatCompact(n, 3, lang) : "∞";
};

export type IssueCode =
  // the file as a whole
  | "file.empty"
  | "file.too-large"
  | "file.not-spreadsheet"
  | "file.xls-legacy"
  | "file.xlsx-corrupt"
  | "file.encoding"
  | "file.csv-malformed"
  | "file.too-many-rows"
  | "file.no-visible-sheet"
  | "file.xlsx-too-large"
  | "file.no-rows"
  | "columns.missing"
  | "columns.duplicate"
  | "columns.ignored"
  // one row
  | "row.field-count"
  | "row.duplicate"
  | "row.conflicting-duplicate"
  | "year.invalid"
  | "year.no-framework"
  | "province.missing"
  | "province.unknown-for-year"
  | "province.ambiguous"
  | "province.mismatch"
  | "subdimension.missing"
  | "subdimension.unknown-for-year"
  | "dimension.mismatch"
  | "score.not-a-number"
  | "score.out-of-range"
  | "max.mismatch"
  | "group.invalid"
  | "group.missing"
  | "group.inconsistent"
  | "scope.invalid";

export interface ImportIssue {
  code: IssueCode;
  /** Spreadsheet row number (1 = first row), when the issue is in one row. */
  row?: number;
  /** The column as named in the file's header. */
  column?: string;
  /** What the cell held. */
  value?: string;
  params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;
type Template = (p: Params, value: string) => { problem: string; expected?: string };

/** What Excel's error values mean, for a cell that shows one instead of a number. */
const EXCEL_ERRORS: Record<string, { vi: string; en: string }> = {
  "#DIV/0!": { vi: "chia cho 0", en: "division by zero" },
  "#N/A": { vi: "không tìm thấy giá trị", en: "value not available" },
  "#VALUE!": { vi: "sai kiểu dữ liệu trong công thức", en: "wrong type of argument" },
  "#REF!": { vi: "công thức tham chiếu đến ô đã bị xóa", en: "reference to a deleted cell" },
  "#NAME?": { vi: "tên hàm hoặc tên vùng không đúng", en: "unknown function or range name" },
  "#NUM!": { vi: "số không hợp lệ", en: "invalid number" },
  "#NULL!": { vi: "hai vùng không giao nhau", en: "ranges do not intersect" },
  "#SPILL!": { vi: "kết quả mảng bị chặn", en: "array result blocked" },
  "#CALC!": { vi: "lỗi tính toán", en: "calculation error" },
};

/** The kind of thing a reading error says the file was, when it was not a spreadsheet. */
const isWebPage = (p: Params) => p.detected === "HTML" || p.detected === "XML";

const VI: Record<IssueCode, Template> = {
  "file.empty": () => ({
    problem: "Tệp trống (0 byte).",
    expected: "tệp kết quả dạng CSV hoặc Excel (.xlsx) có dòng tiêu đề và các dòng dữ liệu",
  }),
  "file.too-large": (p) => ({
    problem: `Tệp có dung lượng ${mb(p.sizeMb, "vi")} MB, vượt giới hạn ${mb(p.limitMb, "vi")} MB.`,
    expected: `tệp nhỏ hơn ${mb(p.limitMb, "vi")} MB; tách theo năm nếu cần`,
  }),
  "file.not-spreadsheet": (p) =>
    isWebPage(p)
      ? {
          problem: `Tệp là trang web (${p.detected}) mang đuôi bảng tính, thường do chức năng «Xuất Excel» của một phần mềm tạo ra; tệp này không phải bảng tính thật.`,
          expected: "mở tệp bằng Excel, chọn Lưu thành → Sổ làm việc Excel (.xlsx), rồi tải lên tệp .xlsx đó",
        }
      : p.detected === "ZIP"
        ? {
            problem: "Tệp là một tệp nén (ZIP), không phải sổ làm việc Excel.",
            expected: "giải nén rồi tải lên tệp CSV hoặc .xlsx bên trong",
          }
        : {
            problem: `Tệp không phải bảng tính (nhận diện được: ${p.detected}).`,
            expected: "bảng tính CSV (UTF-8) hoặc Excel (.xlsx)",
          },
  "file.xls-legacy": () => ({
    problem: "Tệp Excel 97–2003 (.xls) chưa được hỗ trợ.",
    expected: "mở tệp trong Excel, chọn Lưu thành → Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8",
  }),
  "file.xlsx-corrupt": (p) => ({
    problem: `Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx (${p.detail}).`,
    expected: "tệp .xlsx mở được bằng Excel hoặc LibreOffice",
  }),
  "file.encoding": (p) => ({
    problem: `Tệp CSV không dùng bảng mã UTF-8 (gặp ký tự không đọc được ở dòng ${p.line}); tên tỉnh sẽ bị lỗi dấu.`,
    expected: "trong Excel chọn Lưu thành → «CSV UTF-8 (phân cách bằng dấu phẩy)»",
  }),
  "file.csv-malformed": (p) =>
    p.reason === "unclosed-quote"
      ? {
          problem: `Dấu ngoặc kép mở trên dòng này («${p.excerpt}») không có dấu đóng, nên phần còn lại của tệp bị đọc thành một ô.`,
          expected: "thêm dấu ngoặc kép đóng ở cuối ô đó, hoặc xóa dấu ngoặc kép mở",
        }
      : {
          problem: `Tệp CSV sai định dạng: dấu ngoặc kép nằm giữa ô («${p.excerpt}»).`,
          expected: "đặt cả ô trong ngoặc kép và viết đôi mỗi ngoặc kép bên trong, ví dụ \"Báo \"\"Nhân Dân\"\"\"",
        },
  "file.too-many-rows": (p) => ({
    problem: `Tệp có hơn ${p.limit} dòng.`,
    expected: `không quá ${p.limit} dòng dữ liệu; tách theo năm nếu cần`,
  }),
  "file.xlsx-too-large": (p) => ({
    problem: `Tệp Excel khi giải nén chiếm ${mb(p.unpackedMb, "vi")} MB, vượt giới hạn ${mb(p.limitMb, "vi")} MB (tệp có thể bị hỏng hoặc chứa dữ liệu thừa).`,
    expected: "chỉ giữ trang tính kết quả, xóa trang và hình ảnh không cần, hoặc lưu thành CSV UTF-8",
  }),
  "file.no-visible-sheet": (p) => ({
    problem: `Sổ làm việc không có trang tính nào đang hiện${p.sheets ? ` (các trang bị ẩn: ${p.sheets})` : ""}.`,
    expected: "bỏ ẩn trang tính chứa kết quả (nhấp chuột phải vào tên trang → Bỏ ẩn) rồi lưu lại",
  }),
  "file.no-rows": () => ({
    problem: "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.",
    expected: "ít nhất một dòng kết quả dưới dòng tiêu đề",
  }),
  "columns.missing": (p) => ({
    problem: `Thiếu cột bắt buộc: ${p.missing}. Các cột đọc được: ${p.found}.${p.hint ? ` ${p.hint}` : ""}`,
    expected: `${p.required}`,
  }),
  "columns.duplicate": (p) =>
    p.firstColumn && p.firstColumn !== p.column
      ? {
          problem: `Cột «${p.firstColumn}» (cột thứ ${p.first}) và cột «${p.column}» (cột thứ ${p.second}) cùng chỉ một nội dung; không biết dùng cột nào.`,
          expected: "giữ một cột, xóa hoặc đổi tên cột kia",
        }
      : {
          problem: `Cột «${p.column}» xuất hiện hai lần (cột thứ ${p.first} và ${p.second}).`,
          expected: "mỗi cột chỉ một lần; xóa một trong hai cột",
        },
  "columns.ignored": (p) => ({ problem: `Các cột không dùng đến, đã bỏ qua: ${p.columns}.` }),
  "row.field-count": (p) => ({
    problem: `Dòng có ${p.found} ô, trong khi dòng tiêu đề có ${p.expected} cột.`,
    expected: "số ô bằng số cột; ô có dấu phẩy (như số thập phân «1,26») phải đặt trong ngoặc kép",
  }),
  "row.duplicate": (p) => ({
    problem: `Dòng trùng với dòng ${p.firstRow} (cùng năm, tỉnh và nội dung).`,
    expected: "mỗi tỉnh, mỗi năm, mỗi nội dung chỉ một dòng",
  }),
  "row.conflicting-duplicate": (p, v) => ({
    problem: `Cùng năm, tỉnh và nội dung với dòng ${p.firstRow} nhưng khác giá trị («${p.firstValue}» và «${v}»).`,
    expected: "mỗi tỉnh, mỗi năm, mỗi nội dung chỉ một dòng; kiểm tra dòng nào đúng",
  }),
  "year.invalid": (_p, v) => ({ problem: `«${v}» không phải là năm.`, expected: "năm viết đủ bốn chữ số, ví dụ 2021" }),
  "year.no-framework": (p, v) => ({
    problem: `Năm ${v} không có khung chỉ số ${p.index}.`,
    expected: `một năm từ ${p.firstYear} trở đi`,
  }),
  "province.missing": () => ({ problem: "Thiếu cả mã tỉnh và tên tỉnh.", expected: "mã tỉnh (mã thống kê, ví dụ 06) hoặc tên tỉnh" }),
  "province.unknown-for-year": (p, v) => ({
    problem: `Không có tỉnh, thành phố «${v}» trong danh mục ${p.unitSet} năm ${p.year}.${p.hint ? ` ${p.hint}` : ""}`,
    expected: `mã hoặc tên một tỉnh, thành phố của danh mục ${p.unitSet}`,
  }),
  "province.ambiguous": (p, v) => ({
    problem: `Tên «${v}» ứng với nhiều tỉnh, thành phố: ${p.candidates}.`,
    expected: "tên đầy đủ hoặc mã tỉnh",
  }),
  "province.mismatch": (p) => ({
    problem: `Mã tỉnh «${p.code}» là ${p.codeName} nhưng tên tỉnh ghi «${p.name}».`,
    expected: "mã và tên của cùng một tỉnh",
  }),
  "subdimension.missing": () => ({ problem: "Ô trống.", expected: "mã nội dung thành phần, ví dụ 1.1" }),
  "subdimension.unknown-for-year": (p, v) => ({
    problem: `Nội dung thành phần «${v}» không có trong khung ${p.index} năm ${p.year} (phiên bản ${p.version}).`,
    expected: `một trong các mã: ${p.valid}`,
  }),
  "dimension.mismatch": (p, v) => ({
    problem: `Ghi «${v}» nhưng nội dung thành phần ${p.subdimension} năm ${p.year} thuộc ${p.expected}.`,
    expected: `${p.expected}`,
  }),
  "score.not-a-number": (_p, v) =>
    EXCEL_ERRORS[v.toUpperCase()]
      ? {
          problem: `Ô có lỗi công thức Excel «${v}» (${EXCEL_ERRORS[v.toUpperCase()]!.vi}), không có điểm.`,
          expected: "sửa công thức hoặc nhập điểm (số thập phân); để trống nếu tỉnh không được đánh giá",
        }
      : v.startsWith("=")
        ? {
            problem: `Ô chứa công thức «${v}» nhưng tệp không lưu giá trị của công thức (tệp do phần mềm khác Excel tạo ra, hoặc công thức cho kết quả rỗng).`,
            expected: "thay công thức bằng giá trị (chọn cột, Sao chép rồi Dán đặc biệt → Giá trị); để trống ô nếu tỉnh không được đánh giá",
          }
        : {
            problem: `«${v}» không phải là số.`,
            expected: "số thập phân, ví dụ 1.264 hoặc 1,264; để trống nếu tỉnh không được đánh giá",
          },
  "score.out-of-range": (p, v) => ({
    problem: `Điểm ${v} nằm ngoài thang điểm của ${p.what} năm ${p.year}.`,
    expected: `một số từ ${p.min} đến ${p.max}`,
  }),
  "max.mismatch": (p, v) => ({
    problem: `Điểm tối đa ghi ${v} nhưng khung chỉ số năm ${p.year} quy định ${p.expected} cho nội dung thành phần ${p.subdimension}.`,
    expected: `${p.expected}`,
  }),
  "group.invalid": (_p, v) => ({
    problem: `«${v}» không phải tên một nhóm xếp hạng.`,
    expected: "Nhóm đạt điểm cao nhất / trung bình cao / trung bình thấp / thấp nhất (hoặc 1–4)",
  }),
  "group.missing": () => ({ problem: "Ô trống.", expected: "tên nhóm, ví dụ «Nhóm đạt điểm trung bình cao»" }),
  "group.inconsistent": (p, v) => ({
    problem: `Nhóm «${v}» khác với nhóm «${p.firstValue}» ghi ở dòng ${p.firstRow} cho cùng tỉnh, năm và phạm vi.`,
    expected: "cùng một nhóm trên mọi dòng của một tỉnh trong một năm",
  }),
  "scope.invalid": (p, v) => ({
    problem: `«${v}» không phải «total» (điểm tổng hợp) hay một chỉ số nội dung của năm ${p.year}.`,
    expected: `total hoặc một trong: ${p.valid}`,
  }),
};

const EN: Record<IssueCode, Template> = {
  "file.empty": () => ({ problem: "The file is empty (0 bytes).", expected: "a CSV or Excel (.xlsx) results file with a header row and data rows" }),
  "file.too-large": (p) => ({ problem: `The file is ${mb(p.sizeMb, "en")} MB, over the ${mb(p.limitMb, "en")} MB limit.`, expected: `a file under ${mb(p.limitMb, "en")} MB; split it by year if needed` }),
  "file.not-spreadsheet": (p) =>
    isWebPage(p)
      ? { problem: `The file is a web page (${p.detected}) with a spreadsheet name, as the "Export to Excel" of some software writes it; it is not a real spreadsheet.`, expected: "open it in Excel, Save As → Excel Workbook (.xlsx), and upload that file" }
      : p.detected === "ZIP"
        ? { problem: "The file is a ZIP archive, not an Excel workbook.", expected: "unzip it and upload the CSV or .xlsx file inside" }
        : { problem: `The file is not a spreadsheet (looks like: ${p.detected}).`, expected: "a CSV (UTF-8) or Excel (.xlsx) file" },
  "file.xls-legacy": () => ({ problem: "Excel 97–2003 files (.xls) are not supported.", expected: "open it in Excel and save as .xlsx or CSV UTF-8" }),
  "file.xlsx-corrupt": (p) => ({ problem: `The Excel file cannot be read: it is damaged or not .xlsx (${p.detail}).`, expected: "an .xlsx file that Excel or LibreOffice opens" }),
  "file.encoding": (p) => ({ problem: `The CSV file is not UTF-8 (unreadable character on line ${p.line}); Vietnamese names would be garbled.`, expected: "in Excel, Save As → \"CSV UTF-8 (Comma delimited)\"" }),
  "file.csv-malformed": (p) =>
    p.reason === "unclosed-quote"
      ? { problem: `The double quote opened on this line ("${p.excerpt}") is never closed, so the rest of the file reads as one cell.`, expected: "a closing double quote at the end of that cell, or no opening one" }
      : { problem: `The CSV file is malformed: a double quote inside a cell ("${p.excerpt}").`, expected: "the whole cell in double quotes with inner quotes doubled, such as \"The \"\"Nhan Dan\"\" daily\"" },
  "file.too-many-rows": (p) => ({ problem: `The file has more than ${p.limit} rows.`, expected: `at most ${p.limit} data rows; split it by year if needed` }),
  "file.xlsx-too-large": (p) => ({ problem: `Unpacked, the Excel file takes ${mb(p.unpackedMb, "en")} MB, over the ${mb(p.limitMb, "en")} MB limit (it may be damaged or carry unneeded content).`, expected: "keep only the results sheet, remove other sheets and images, or save as CSV UTF-8" }),
  "file.no-visible-sheet": (p) => ({ problem: `The workbook has no visible sheet${p.sheets ? ` (hidden: ${p.sheets})` : ""}.`, expected: "unhide the sheet with the results (right-click the sheet tab → Unhide) and save" }),
  "file.no-rows": () => ({ problem: "The file has a header row but no data rows.", expected: "at least one result row under the header" }),
  "columns.missing": (p) => ({ problem: `Required columns missing: ${p.missingEn ?? p.missing}. Columns found: ${p.foundEn ?? p.found}.${p.hintEn ? ` ${p.hintEn}` : ""}`, expected: `${p.requiredEn}` }),
  "columns.duplicate": (p) =>
    p.firstColumn && p.firstColumn !== p.column
      ? { problem: `Columns "${p.firstColumn}" (column ${p.first}) and "${p.column}" (column ${p.second}) hold the same field; it is unclear which to use.`, expected: "one of them only; delete or rename the other" }
      : { problem: `Column "${p.column}" appears twice (columns ${p.first} and ${p.second}).`, expected: "each column once; delete one of them" },
  "columns.ignored": (p) => ({ problem: `Unused columns, ignored: ${p.columns}.` }),
  "row.field-count": (p) => ({ problem: `The row has ${p.found} cells but the header has ${p.expected} columns.`, expected: "as many cells as columns; wrap cells containing commas (such as \"1,26\") in double quotes" }),
  "row.duplicate": (p) => ({ problem: `The row repeats row ${p.firstRow} (same year, province and item).`, expected: "one row per province, year and item" }),
  "row.conflicting-duplicate": (p, v) => ({ problem: `Same year, province and item as row ${p.firstRow} but a different value ("${p.firstValue}" and "${v}").`, expected: "one row per province, year and item; check which one is right" }),
  "year.invalid": (_p, v) => ({ problem: `"${v}" is not a year.`, expected: "a four-digit year, such as 2021" }),
  "year.no-framework": (p, v) => ({ problem: `There is no ${p.index} framework for ${v}.`, expected: `a year from ${p.firstYear} on` }),
  "province.missing": () => ({ problem: "Both the province code and the province name are empty.", expected: "a GSO province code (such as 06) or a province name" }),
  "province.unknown-for-year": (p, v) => ({ problem: `No province "${v}" in the ${p.unitSetEn} list for ${p.year}.${p.hintEn ? ` ${p.hintEn}` : ""}`, expected: `the code or name of a province in the ${p.unitSetEn} list` }),
  "province.ambiguous": (p, v) => ({ problem: `"${v}" matches several provinces: ${p.candidates}.`, expected: "the full name or the province code" }),
  "province.mismatch": (p) => ({ problem: `Province code "${p.code}" is ${p.codeName} but the name says "${p.name}".`, expected: "the code and name of the same province" }),
  "subdimension.missing": () => ({ problem: "The cell is empty.", expected: "a sub-dimension code, such as 1.1" }),
  "subdimension.unknown-for-year": (p, v) => ({ problem: `Sub-dimension "${v}" is not in the ${p.index} framework for ${p.year} (version ${p.version}).`, expected: `one of: ${p.valid}` }),
  "dimension.mismatch": (p, v) => ({ problem: `The row says "${v}" but sub-dimension ${p.subdimension} belongs to ${p.expected} in ${p.year}.`, expected: `${p.expected}` }),
  "score.not-a-number": (_p, v) =>
    EXCEL_ERRORS[v.toUpperCase()]
      ? { problem: `The cell holds the Excel formula error "${v}" (${EXCEL_ERRORS[v.toUpperCase()]!.en}), not a score.`, expected: "a corrected formula or a score (decimal number); leave it empty if the province was not scored" }
      : v.startsWith("=")
        ? { problem: `The cell holds the formula "${v}" but the file stores no value for it (it was written by software other than Excel, or the formula gives an empty result).`, expected: "values instead of formulas (select the column, Copy, then Paste Special → Values); leave the cell empty if the province was not scored" }
        : { problem: `"${v}" is not a number.`, expected: "a decimal number such as 1.264; leave it empty if the province was not scored" },
  "score.out-of-range": (p, v) => ({ problem: `Score ${v} is outside the scale of ${p.whatEn} in ${p.year}.`, expected: `a number from ${p.minEn} to ${p.maxEn}` }),
  "max.mismatch": (p, v) => ({ problem: `The maximum says ${v} but the ${p.year} framework sets ${p.expectedEn} for sub-dimension ${p.subdimension}.`, expected: `${p.expectedEn}` }),
  "group.invalid": (_p, v) => ({ problem: `"${v}" is not the name of a performance group.`, expected: "highest / high-average / low-average / lowest (or 1–4)" }),
  "group.missing": () => ({ problem: "The cell is empty.", expected: "a group name, such as \"high-average\"" }),
  "group.inconsistent": (p, v) => ({ problem: `Group "${v}" differs from "${p.firstValue}" given in row ${p.firstRow} for the same province, year and scope.`, expected: "the same group on every row of a province in a year" }),
  "scope.invalid": (p, v) => ({ problem: `"${v}" is neither "total" nor a dimension of ${p.year}.`, expected: `total or one of: ${p.valid}` }),
};

export interface RenderedIssue extends ImportIssue {
  /** One self-contained sentence: where, what, what was expected. */
  message: string;
  problem: string;
  expected: string | null;
}

export function renderIssue(issue: ImportIssue, lang: Lang): RenderedIssue {
  const template = (lang === "vi" ? VI : EN)[issue.code];
  const { problem, expected } = template(issue.params ?? {}, issue.value ?? "");
  const where: string[] = [];
  if (issue.row !== undefined) where.push(lang === "vi" ? `Dòng ${issue.row}` : `Row ${issue.row}`);
  if (issue.column !== undefined) where.push(lang === "vi" ? `cột «${issue.column}»` : `column "${issue.column}"`);
  const prefix = where.length > 0 ? `${where.join(", ")}: ` : "";
  const need = expected ? (lang === "vi" ? ` Cần: ${expected}.` : ` Expected: ${expected}.`) : "";
  return { ...issue, message: `${prefix}${problem}${need}`, problem, expected: expected ?? null };
}
