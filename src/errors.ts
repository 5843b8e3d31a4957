/**
 * The closed catalogue of errors a use case can raise. Services throw AppError with a stable code; the
 * HTTP layer maps `kind` to a status, the CLI to an exit code, and both render the message in the user's
 * language from here. Anything else is a bug: a logged 500 with a request id.
 */
import type { Lang } from "./domain/format.ts";

export type ErrorKind =
  | "invalid"
  | "unprocessable"
  | "not-found"
  | "conflict"
  | "unauthenticated"
  | "forbidden"
  | "too-large"
  | "unsupported"
  | "unavailable";

type Params = Record<string, string | number>;

const MESSAGES: Record<string, { vi: (p: Params) => string; en: (p: Params) => string }> = {
  "request.invalid": {
    vi: () => "Yêu cầu không hợp lệ; xem chi tiết từng tham số.",
    en: () => "The request is not valid; see the details of each parameter.",
  },
  "index.not-found": {
    vi: (p) => `Không có bộ chỉ số «${p.index}».`,
    en: (p) => `There is no index "${p.index}".`,
  },
  "year.no-framework": {
    vi: (p) => `Năm ${p.year} không có khung chỉ số ${p.index}; các năm có khung: từ ${p.firstYear}.`,
    en: (p) => `${p.index} has no framework for ${p.year}; frameworks start in ${p.firstYear}.`,
  },
  "year.no-results": {
    vi: (p) => `Chưa có kết quả ${p.index} năm ${p.year}. Các năm đã có: ${p.available}.`,
    en: (p) => `No ${p.index} results for ${p.year} yet. Years available: ${p.available}.`,
  },
  "province.not-found": {
    vi: (p) => `Không tìm thấy tỉnh, thành phố «${p.query}» trong danh mục năm ${p.year}.${p.hint ? ` ${p.hint}` : ""}`,
    en: (p) => `No province "${p.query}" in the ${p.year} list.${p.hintEn ? ` ${p.hintEn}` : ""}`,
  },
  "province.ambiguous": {
    vi: (p) => `«${p.query}» ứng với nhiều tỉnh, thành phố: ${p.candidates}. Hãy ghi tên đầy đủ hoặc mã tỉnh.`,
    en: (p) => `"${p.query}" matches several provinces: ${p.candidates}. Give the full name or the code.`,
  },
  "dimension.not-found": {
    vi: (p) => `Năm ${p.year} không có chỉ số nội dung «${p.dimension}»; có: ${p.valid}.`,
    en: (p) => `${p.year} has no dimension "${p.dimension}"; valid: ${p.valid}.`,
  },
  "compare.count": {
    vi: () => "Hãy chọn từ 2 đến 4 tỉnh, thành phố để so sánh.",
    en: () => "Choose 2 to 4 provinces to compare.",
  },
  "import.invalid-file": {
    vi: (p) => `Tệp «${p.fileName}» không nhập được: ${p.count} lỗi. Dữ liệu đã lưu không thay đổi.`,
    en: (p) => `File "${p.fileName}" was not imported: ${p.count} error(s). Stored data is unchanged.`,
  },
  "import.disabled": {
    vi: () =>
      "Chức năng nhập kết quả qua API đang tắt. Quản trị viên cần đặt biến môi trường CHISO_IMPORT_TOKEN, hoặc dùng lệnh `chiso import results`.",
    en: () => "Importing results through the API is disabled: set CHISO_IMPORT_TOKEN, or use `chiso import results`.",
  },
  "auth.token-required": {
    vi: () => "Cần mã truy cập (Authorization: Bearer …) để nhập kết quả.",
    en: () => "An access token (Authorization: Bearer …) is required to import results.",
  },
  "auth.token-invalid": {
    vi: () => "Mã truy cập không đúng.",
    en: () => "The access token is not valid.",
  },
  "upload.missing-file": {
    vi: () => "Không có tệp trong yêu cầu: gửi tệp ở trường «file» (multipart/form-data) hoặc làm thân yêu cầu.",
    en: () => "No file in the request: send it as the \"file\" field (multipart/form-data) or as the body.",
  },
  "upload.malformed": {
    vi: () => "Không đọc được nội dung gửi lên: dữ liệu multipart/form-data bị hỏng.",
    en: () => "The upload could not be read: the multipart/form-data body is malformed.",
  },
  "upload.too-large": {
    vi: (p) => `Tệp vượt giới hạn ${p.limitMb} MB.`,
    en: (p) => `The file is over the ${p.limitMb} MB limit.`,
  },
  "file.not-found": {
    vi: (p) => `Không tìm thấy tệp «${p.path}».`,
    en: (p) => `There is no file "${p.path}".`,
  },
  "file.unreadable": {
    vi: (p) => `Không đọc được tệp «${p.path}» (${p.reason}).`,
    en: (p) => `The file "${p.path}" cannot be read (${p.reason}).`,
  },
  "server.port-in-use": {
    vi: (p) => `Cổng ${p.port} (${p.host}) đang được chương trình khác sử dụng. Chọn cổng khác bằng --port hoặc biến PORT.`,
    en: (p) => `Port ${p.port} (${p.host}) is already in use. Choose another with --port or PORT.`,
  },
  "server.port-denied": {
    vi: (p) =>
      `Không được phép mở cổng ${p.port} (${p.host}); cổng dưới 1024 cần quyền quản trị. Chọn cổng khác bằng --port hoặc biến PORT.`,
    en: (p) => `Not allowed to open port ${p.port} (${p.host}); ports below 1024 need administrator rights. Choose another with --port or PORT.`,
  },
  "data-dir.busy": {
    vi: (p) =>
      `Cơ sở dữ liệu nhúng ở ${p.dataDir} đang được tiến trình ${p.pid} (máy chủ Chỉ Số?) sử dụng. Hãy nhập qua giao diện web hoặc API, hoặc dừng máy chủ rồi chạy lại lệnh.`,
    en: (p) =>
      `The embedded database in ${p.dataDir} is in use by process ${p.pid} (a running Chỉ Số server?). Import through the web or API, or stop the server and run the command again.`,
  },
  "not-found": {
    vi: () => "Không tìm thấy trang hoặc tài nguyên này.",
    en: () => "This page or resource does not exist.",
  },
  internal: {
    vi: (p) => `Lỗi hệ thống, mã tra cứu ${p.requestId}. Xin báo quản trị viên.`,
    en: (p) => `Internal error, reference ${p.requestId}. Please tell the administrator.`,
  },
};

export class AppError extends Error {
  constructor(
    readonly code: keyof typeof MESSAGES | string,
    readonly kind: ErrorKind,
    readonly params: Params = {},
    /** Structured detail the caller may show: import row errors, invalid parameters. */
    readonly details?: unknown,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export function errorMessage(code: string, params: Params, lang: Lang): string {
  const entry = MESSAGES[code];
  return entry ? entry[lang](params) : code;
}
