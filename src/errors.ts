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
  | "unavailable"
  | "too-many";

type Params = Record<string, string | number>;

/** A report's states and steps in words, for the messages below. */
const REPORT_WORDS: Record<"vi" | "en", Record<string, string>> = {
  vi: {
    draft: "đang là dự thảo",
    submitted: "đã gửi, chờ lãnh đạo duyệt",
    approved: "đã được lãnh đạo duyệt, chờ Sở Nội vụ tiếp nhận",
    accepted: "đã được tiếp nhận (đã khoá)",
    returned: "đã bị trả lại",
    submit: "gửi",
    approve: "duyệt",
    "send-back": "trả lại cho chuyên viên",
    accept: "tiếp nhận",
    return: "trả lại",
    reopen: "mở lại",
  },
  en: {
    draft: "a draft",
    submitted: "submitted, awaiting the leader's approval",
    approved: "approved, awaiting review",
    accepted: "accepted (locked)",
    returned: "returned",
    submit: "submitted",
    approve: "approved",
    "send-back": "sent back",
    accept: "accepted",
    return: "returned",
    reopen: "reopened",
  },
};

const MESSAGES: Record<string, { vi: (p: Params) => string; en: (p: Params) => string }> = {
  "request.invalid": {
    vi: (p) => (p.first ? `Yêu cầu không hợp lệ: ${p.first}` : "Yêu cầu không hợp lệ; xem chi tiết từng tham số."),
    en: (p) => (p.first ? `The request is not valid: ${p.first}` : "The request is not valid; see the details of each parameter."),
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
  // ---- sign-in, sessions, permissions
  "auth.required": {
    vi: () => "Cần đăng nhập để dùng chức năng này (hoặc phiên làm việc đã hết hạn).",
    en: () => "Please sign in to use this (or your session has expired).",
  },
  "auth.forbidden": {
    vi: () => "Tài khoản của bạn không có quyền thực hiện thao tác này.",
    en: () => "Your account is not allowed to do this.",
  },
  "auth.out-of-scope": {
    vi: () => "Dữ liệu này thuộc cơ quan hoặc tỉnh, thành phố khác; tài khoản của bạn không có quyền truy cập.",
    en: () => "This belongs to another agency or province; your account has no access to it.",
  },
  "auth.invalid-credentials": {
    vi: () => "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: () => "Wrong username or password.",
  },
  "auth.locked": {
    vi: (p) => `Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần. Thử lại sau ${p.until}, hoặc nhờ quản trị viên đặt lại mật khẩu.`,
    en: (p) => `Too many wrong passwords: the account is locked until ${p.untilEn}. Try again then, or ask an administrator to reset it.`,
  },
  "auth.disabled": {
    vi: () => "Tài khoản đã bị vô hiệu hoá. Liên hệ Sở Nội vụ hoặc quản trị viên.",
    en: () => "This account has been disabled. Contact the Department of Home Affairs or the administrator.",
  },
  "auth.password-change-required": {
    vi: () => "Bạn cần đổi mật khẩu tạm trước khi tiếp tục.",
    en: () => "Change your temporary password before going on.",
  },
  "auth.csrf": {
    vi: () => "Yêu cầu bị từ chối vì thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.",
    en: () => "Request refused: the anti-forgery (CSRF) token is missing or wrong. Reload the page and try again.",
  },
  "auth.wrong-password": {
    vi: () => "Mật khẩu hiện tại không đúng.",
    en: () => "The current password is wrong.",
  },
  "password.too-short": {
    vi: (p) => `Mật khẩu cần ít nhất ${p.min} ký tự.`,
    en: (p) => `A password needs at least ${p.min} characters.`,
  },
  "password.too-long": {
    vi: (p) => `Mật khẩu dài quá ${p.max} ký tự.`,
    en: (p) => `A password may have at most ${p.max} characters.`,
  },
  "password.contains-username": {
    vi: () => "Mật khẩu không được chứa tên đăng nhập.",
    en: () => "The password must not contain the username.",
  },
  "password.too-simple": {
    vi: () => "Mật khẩu quá đơn giản (lặp một ký tự hoặc một dãy liên tiếp); hãy dùng một cụm từ dễ nhớ, khó đoán.",
    en: () => "The password is too simple (one repeated character or a plain run); use a memorable, hard-to-guess phrase.",
  },
  "password.same": {
    vi: () => "Mật khẩu mới phải khác mật khẩu hiện tại.",
    en: () => "The new password must differ from the current one.",
  },
  // ---- people
  "user.not-found": {
    vi: (p) => `Không có người dùng «${p.user}».`,
    en: (p) => `There is no user "${p.user}".`,
  },
  "user.username-taken": {
    vi: (p) => `Tên đăng nhập «${p.username}» đã có người dùng.`,
    en: (p) => `The username "${p.username}" is taken.`,
  },
  "user.email-taken": {
    vi: (p) => `Thư điện tử «${p.email}» đã gắn với tài khoản khác.`,
    en: (p) => `The e-mail "${p.email}" belongs to another account.`,
  },
  "user.username-invalid": {
    vi: (p) => `Tên đăng nhập «${p.username}» không hợp lệ: 3–64 ký tự, chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.`,
    en: (p) => `The username "${p.username}" is not valid: 3–64 characters, lower-case letters without accents, digits, . _ -.`,
  },
  "user.role-not-allowed": {
    vi: (p) => `Bạn không được giao vai trò «${p.role}» tại «${p.organisation}».`,
    en: (p) => `You may not grant the role "${p.role}" in "${p.organisation}".`,
  },
  "user.role-needs-organisation": {
    vi: (p) => `Vai trò «${p.role}» phải gắn với một cơ quan, đơn vị.`,
    en: (p) => `The role "${p.role}" must be tied to an organisation.`,
  },
  "user.needs-role": {
    vi: () => "Người dùng mới cần ít nhất một vai trò tại một cơ quan, đơn vị của tỉnh, thành phố bạn quản lý.",
    en: () => "A new person needs at least one role in an organisation of a province you manage.",
  },
  "user.admin-no-organisation": {
    vi: () => "Vai trò quản trị hệ thống không gắn với cơ quan nào.",
    en: () => "The system administrator role is not tied to an organisation.",
  },
  "user.last-admin": {
    vi: () => "Không thể vô hiệu hoá hoặc bỏ vai trò của quản trị viên cuối cùng.",
    en: () => "The last administrator cannot be disabled or lose the role.",
  },
  "user.self": {
    vi: () => "Không tự vô hiệu hoá hoặc tự đổi vai trò của chính mình; nhờ một quản trị viên khác.",
    en: () => "You cannot disable yourself or change your own roles; ask another administrator.",
  },
  // ---- organisations
  "organisation.not-found": {
    vi: (p) => `Không có cơ quan, đơn vị «${p.organisation}».`,
    en: (p) => `There is no organisation "${p.organisation}".`,
  },
  "organisation.code-taken": {
    vi: (p) => `Mã «${p.code}» đã dùng cho «${p.other}» trong tỉnh này.`,
    en: (p) => `The code "${p.code}" is already used by "${p.other}" in this province.`,
  },
  "organisation.code-invalid": {
    vi: (p) => `Mã «${p.code}» không hợp lệ: 1–24 ký tự chữ, số, dấu chấm, gạch dưới hoặc gạch ngang, không có khoảng trắng.`,
    en: (p) => `The code "${p.code}" is not valid: 1–24 letters, digits, . _ -, no spaces.`,
  },
  "organisation.parent-other-province": {
    vi: () => "Cơ quan cấp trên phải thuộc cùng tỉnh, thành phố.",
    en: () => "The parent body must belong to the same province.",
  },
  "organisation.parent-ended": {
    vi: () => "Cơ quan cấp trên đã giải thể hoặc hợp nhất; chọn cơ quan đang hoạt động.",
    en: () => "The parent body has been closed or merged; choose a current one.",
  },
  "organisation.parent-cycle": {
    vi: () => "Không thể đặt một cơ quan làm cấp dưới của chính nó hoặc của đơn vị trực thuộc nó.",
    en: () => "A body cannot sit under itself or under one of its own units.",
  },
  "organisation.dates-reversed": {
    vi: () => "Ngày kết thúc phải sau ngày bắt đầu hiệu lực.",
    en: () => "The end date must come after the start date.",
  },
  "organisation.ended": {
    vi: (p) => `«${p.organisation}» đã ${p.reason === "merged" ? "hợp nhất" : "giải thể"} từ ${p.date}; không sửa được nữa.`,
    en: (p) => `"${p.organisation}" was ${p.reason === "merged" ? "merged" : "closed"} on ${p.date}; it can no longer be changed.`,
  },
  "organisation.has-current-children": {
    vi: (p) => `«${p.organisation}» còn ${p.count} đơn vị trực thuộc đang hoạt động; chuyển hoặc kết thúc chúng trước.`,
    en: (p) => `"${p.organisation}" still has ${p.count} current unit(s) under it; move or end them first.`,
  },
  "province.already-set-up": {
    vi: (p) => `${p.province} đã có danh sách cơ quan (${p.count} cơ quan, đơn vị). Thêm hoặc sửa từng cơ quan ở trang Cơ quan.`,
    en: (p) => `${p.province} already has its organisations (${p.count}). Add or edit them one by one.`,
  },
  "province.not-34": {
    vi: (p) => `«${p.province}» không phải tỉnh, thành phố hiện hành (34 đơn vị từ 01/07/2025).`,
    en: (p) => `"${p.province}" is not a current province (the 34 units from 1 July 2025).`,
  },
  "merge.too-few": {
    vi: () => "Hợp nhất cần ít nhất hai cơ quan (hoặc một cơ quan sáp nhập vào một cơ quan khác).",
    en: () => "A merger needs at least two bodies (or one body merged into another).",
  },
  "merge.other-province": {
    vi: (p) => `«${p.organisation}» thuộc tỉnh, thành phố khác.`,
    en: (p) => `"${p.organisation}" belongs to another province.`,
  },
  "merge.already-ended": {
    vi: (p) => `«${p.organisation}» đã giải thể hoặc hợp nhất trước đó.`,
    en: (p) => `"${p.organisation}" has already been closed or merged.`,
  },
  "merge.into-source": {
    vi: () => "Cơ quan nhận hợp nhất không được nằm trong danh sách cơ quan bị hợp nhất.",
    en: () => "The body merged into cannot be one of the bodies being merged.",
  },
  "merge.date-before-start": {
    vi: (p) => `Ngày hợp nhất trước ngày «${p.organisation}» bắt đầu hoạt động (${p.validFrom}).`,
    en: (p) => `The merger date is before "${p.organisation}" started (${p.validFrom}).`,
  },
  "cli.bad-output": {
    vi: (p) => `Tệp kết quả «${p.file}» phải có đuôi .docx (văn bản Word) hoặc .pdf.`,
    en: (p) => `The output file "${p.file}" must end in .docx (Word) or .pdf.`,
  },
  "cli.role-needs-place": {
    vi: () => "Cần --admin, hoặc --role cùng --province và --organisation (ví dụ --role coordinator --province 15 --organisation SNV).",
    en: () => "Give --admin, or --role with --province and --organisation (e.g. --role coordinator --province 15 --organisation SNV).",
  },
  "plan.not-found": {
    vi: (p) => `Không tìm thấy kế hoạch «${p.plan}».`,
    en: (p) => `There is no plan "${p.plan}".`,
  },
  "plan.ambiguous": {
    vi: (p) => `Có nhiều kế hoạch số «${p.plan}» (${p.provinces}); hãy ghi thêm --province.`,
    en: (p) => `Several plans are numbered "${p.plan}" (${p.provinces}); add --province.`,
  },
  "plan.number-taken": {
    vi: (p) => `Tỉnh, thành phố này đã có kế hoạch số «${p.number}».`,
    en: (p) => `This province already has a plan numbered "${p.number}".`,
  },
  "plan.not-draft": {
    vi: (p) => `Kế hoạch «${p.number}» đã ban hành; chỉ sửa được khi còn là dự thảo.`,
    en: (p) => `Plan "${p.number}" has been issued; only drafts can be changed.`,
  },
  "plan.not-issued": {
    vi: (p) => `Kế hoạch «${p.number}» chưa ban hành hoặc đã được thay thế; chỉ kế hoạch đang có hiệu lực mới được thay thế.`,
    en: (p) => `Plan "${p.number}" is not in force (a draft, or already superseded); only an issued plan can be superseded.`,
  },
  "plan.baseline-not-before": {
    vi: (p) => `Năm gốc (${p.baselineYear}) phải trước năm kế hoạch (${p.year}).`,
    en: (p) => `The baseline year (${p.baselineYear}) must come before the plan year (${p.year}).`,
  },
  "plan.parent-not-issued": {
    vi: (p) => `Kế hoạch «${p.number}» chưa ban hành: các cơ quan chỉ xây dựng kế hoạch triển khai sau khi kế hoạch của tỉnh được ban hành.`,
    en: (p) => `Plan "${p.number}" has not been issued: agencies make their own plans once the province's is issued.`,
  },
  "plan.sub-of-sub": {
    vi: (p) => `«${p.number}» là kế hoạch của một cơ quan; kế hoạch triển khai được lập từ kế hoạch của tỉnh.`,
    en: (p) => `"${p.number}" is an agency's plan; sub-plans are made from the province's plan.`,
  },
  "plan.sub-plan-exists": {
    vi: (p) => `${p.agency} đã có kế hoạch triển khai (${p.number}); hãy sửa kế hoạch đó, hoặc thay thế nó trước khi lập kế hoạch mới.`,
    en: (p) => `${p.agency} already has its sub-plan (${p.number}); edit it, or supersede it before making a new one.`,
  },
  "target.incomplete": {
    vi: (p) => `Chỉ tiêu «${p.node}» (${p.kind}) thiếu giá trị: điểm, mức tăng, nhóm hoặc thứ hạng.`,
    en: (p) => `Target "${p.node}" (${p.kind}) lacks its value: a score, an increase, a group or a rank.`,
  },
  "task.not-found": {
    vi: (p) => `Không có nhiệm vụ «${p.task}».`,
    en: (p) => `There is no task "${p.task}".`,
  },
  "task.node-unknown": {
    vi: (p) => `Khung chỉ số năm ${p.year} không có nội dung «${p.node}».`,
    en: (p) => `The ${p.year} framework has no node "${p.node}".`,
  },
  "task.ratio-incomplete": {
    vi: (p) => `Chỉ số «${p.indicator}» là tỷ lệ: cần chọn tử số và mẫu số.`,
    en: (p) => `Indicator "${p.indicator}" is a ratio: choose its numerator and denominator.`,
  },
  "task.ratio-reference": {
    vi: (p) => `Chỉ số «${p.indicator}»: tử số và mẫu số phải là hai chỉ số khác (không phải tỷ lệ) của cùng nhiệm vụ.`,
    en: (p) => `Indicator "${p.indicator}": numerator and denominator must be two other, non-ratio indicators of the same task.`,
  },
  "regime.not-found": {
    vi: (p) => `Không tìm thấy chế độ báo cáo số ${p.regime}.`,
    en: (p) => `Reporting regime ${p.regime} not found.`,
  },
  "regime.sub-plan": {
    vi: (p) => `«${p.number}» là kế hoạch của một cơ quan; chế độ báo cáo gắn với kế hoạch của tỉnh.`,
    en: (p) => `"${p.number}" is an agency's plan; a reporting regime belongs to the province's plan.`,
  },
  "regime.invalid": {
    vi: (p) => `Chế độ báo cáo không hợp lệ: ${p.reason}. Hạn gửi của cấp dưới không được muộn hơn hạn của cấp trên; ngày chốt số liệu từ 2 đến 28.`,
    en: (p) => `The reporting regime is not valid: ${p.reason}. A lower level's deadline may not be later than the level above; the cut-off day is 2–28.`,
  },
  "evidence.type-refused": {
    vi: (p) =>
      `Tệp «${p.fileName}» không được nhận làm minh chứng: ${
        { empty: "tệp rỗng", "old-office": "là tệp Word/Excel định dạng cũ (.doc/.xls) — hãy lưu lại dưới dạng .docx/.xlsx hoặc PDF", executable: "là tệp chương trình, không phải tài liệu", zip: "là tệp nén", unknown: "không phải PDF, Word, Excel hay ảnh" }[String(p.looksLike)] ?? "không đúng định dạng"
      }. Chấp nhận: PDF, Word (.docx), Excel (.xlsx), ảnh PNG hoặc JPEG.`,
    en: (p) =>
      `"${p.fileName}" is not accepted as evidence: ${
        { empty: "the file is empty", "old-office": "it is an old-format Word/Excel file (.doc/.xls) — save it as .docx/.xlsx or PDF", executable: "it is a program, not a document", zip: "it is an archive", unknown: "it is not a PDF, Word, Excel file or picture" }[String(p.looksLike)] ?? "wrong format"
      }. Accepted: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG pictures.`,
  },
  "evidence.store-unavailable": {
    vi: () => "Kho lưu tệp minh chứng đang không phản hồi nên chưa lưu hoặc mở được tệp; báo cáo không thay đổi. Vui lòng thử lại sau ít phút hoặc báo quản trị hệ thống.",
    en: () => "The evidence file store is not answering, so the file was not saved or opened; the report is unchanged. Try again in a few minutes or tell the system administrator.",
  },
  "document.pdf-unavailable": {
    vi: () =>
      "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF. Bản Word (.docx) vẫn tải được; quản trị hệ thống cài LibreOffice (Debian: apt-get install libreoffice-writer-nogui) để có bản PDF.",
    en: () =>
      "LibreOffice is not installed on the server, so no PDF can be made. The Word (.docx) version can still be downloaded; the administrator installs LibreOffice (Debian: apt-get install libreoffice-writer-nogui) for PDFs.",
  },
  "document.pdf-failed": {
    vi: () => "LibreOffice không chuyển được văn bản sang PDF (quá thời gian hoặc lỗi khi chuyển). Bản Word (.docx) vẫn tải được; vui lòng thử lại sau.",
    en: () => "LibreOffice could not turn the document into a PDF (it failed or took too long). The Word (.docx) version can still be downloaded; try again later.",
  },
  "document.pdf-busy": {
    vi: () => "Máy chủ đang chuyển nhiều văn bản sang PDF; vui lòng thử lại sau ít phút. Bản Word (.docx) vẫn tải được ngay.",
    en: () => "The server is converting many documents to PDF; try again in a few minutes. The Word (.docx) version can be downloaded now.",
  },
  "document.not-docx": {
    vi: (p) => `Tệp «${p.fileName}» không phải văn bản Word (.docx) nên không kiểm tra được thể thức. Hãy lưu văn bản dưới dạng .docx rồi kiểm tra lại.`,
    en: (p) => `"${p.fileName}" is not a Word (.docx) document, so its format cannot be checked. Save it as .docx and check again.`,
  },
  "document.section-unknown": {
    vi: (p) => `Văn bản này không có phần «${p.section}» để sửa. Các phần sửa được: ${p.allowed}.`,
    en: (p) => `This document has no part "${p.section}" to edit. Editable parts: ${p.allowed}.`,
  },
  "evidence.not-found": {
    vi: (p) => `Không tìm thấy tệp minh chứng số ${p.evidence} của báo cáo này.`,
    en: (p) => `Evidence file ${p.evidence} of this report not found.`,
  },
  "report.not-found": {
    vi: (p) => `Không tìm thấy báo cáo số ${p.report}.`,
    en: (p) => `Report ${p.report} not found.`,
  },
  "report.period-unknown": {
    vi: (p) => `Kỳ báo cáo «${p.period}» không thuộc chế độ báo cáo của kế hoạch năm ${p.year} (ví dụ: ${p.year}-Q1, ${p.year}-H1, ${p.year}-9M, ${p.year}-Y).`,
    en: (p) => `Period "${p.period}" is not one of the ${p.year} plan's reporting periods (e.g. ${p.year}-Q1, ${p.year}-H1, ${p.year}-9M, ${p.year}-Y).`,
  },
  "report.agency-not-reporting": {
    vi: () => "Cơ quan này không thuộc danh sách cơ quan báo cáo của kế hoạch.",
    en: () => "This agency is not among the plan's reporting agencies.",
  },
  "report.locked": {
    vi: (p) => `Báo cáo ${REPORT_WORDS.vi[String(p.status)] ?? p.status}; chỉ sửa được khi là dự thảo hoặc bị trả lại.`,
    en: (p) => `The report is ${REPORT_WORDS.en[String(p.status)] ?? p.status}; only a draft or a returned report can be edited.`,
  },
  "report.task-not-assigned": {
    vi: (p) => `Nhiệm vụ số ${p.task} không được giao cho cơ quan này trong kế hoạch.`,
    en: (p) => `Task ${p.task} is not assigned to this agency in the plan.`,
  },
  "report.indicator-unknown": {
    vi: (p) => `Chỉ số số ${p.indicator} không có trong biểu mẫu của báo cáo này.`,
    en: (p) => `Indicator ${p.indicator} is not on this report's form.`,
  },
  "report.indicator-computed": {
    vi: (p) => `Chỉ số «${p.indicator}» là tỷ lệ, được tính tự động; không nhập trực tiếp.`,
    en: (p) => `Indicator "${p.indicator}" is a ratio computed from two others; it is not entered.`,
  },
  "report.conflict": {
    vi: (p) => `Báo cáo vừa được người khác lưu (phiên bản ${p.version}, bạn đang sửa phiên bản ${p.yours}). Hãy xem bản hiện tại, chép lại phần bạn sửa rồi lưu lại.`,
    en: (p) => `Someone else saved this report meanwhile (version ${p.version}; you were editing version ${p.yours}). Look at the current one, re-apply your changes and save again.`,
  },
  "report.wrong-state": {
    vi: (p) => `Không thể ${REPORT_WORDS.vi[String(p.action)] ?? p.action} báo cáo ${REPORT_WORDS.vi[String(p.status)] ?? p.status}.`,
    en: (p) => `A report that is ${REPORT_WORDS.en[String(p.status)] ?? p.status} cannot be ${REPORT_WORDS.en[String(p.action)] ?? p.action}.`,
  },
  "report.reason-required": {
    vi: () => "Cần ghi lý do (người nhận sẽ đọc lý do này).",
    en: () => "A reason is required (the recipient reads it).",
  },
  "report.figures-invalid": {
    vi: (p) => `Biểu số liệu còn ${p.count} lỗi; sửa xong mới gửi được báo cáo.`,
    en: (p) => `The figures have ${p.count} problem(s); fix them before sending the report.`,
  },
  "task.bound-reference": {
    vi: (p) => `Chỉ số «${p.indicator}»: chỉ số mà giá trị không được vượt quá phải là một chỉ số khác (không phải tỷ lệ) của cùng nhiệm vụ.`,
    en: (p) => `Indicator "${p.indicator}": the indicator it may not exceed must be another, non-ratio indicator of the same task.`,
  },
  "task.bounds-crossed": {
    vi: (p) => `Chỉ số «${p.indicator}»: giá trị nhỏ nhất lớn hơn giá trị lớn nhất.`,
    en: (p) => `Indicator "${p.indicator}": the minimum is above the maximum.`,
  },
  "task.agency-unnamed": {
    vi: () => "Cơ quan thực hiện cần chọn trong danh sách hoặc ghi tên.",
    en: () => "An agency must be chosen from the list or named.",
  },
  "task.agency-other-province": {
    vi: (p) => `«${p.organisation}» không thuộc tỉnh, thành phố của kế hoạch.`,
    en: (p) => `"${p.organisation}" is not of the plan's province.`,
  },
  "tasks.invalid-file": {
    vi: (p) => `Tệp «${p.fileName}» không nhập được: ${p.count} lỗi. Kế hoạch không thay đổi.`,
    en: (p) => `File "${p.fileName}" was not imported: ${p.count} error(s). The plan is unchanged.`,
  },
  "directory.invalid-file": {
    vi: (p) => `Tệp «${p.fileName}» không nhập được: ${p.count} lỗi. Dữ liệu đã lưu không thay đổi.`,
    en: (p) => `File "${p.fileName}" was not imported: ${p.count} error(s). Stored data is unchanged.`,
  },
  "audit.invalid-range": {
    vi: () => "Khoảng thời gian không hợp lệ: «từ ngày» phải trước «đến ngày».",
    en: () => "Invalid period: 'from' must come before 'to'.",
  },
  "request.json-required": {
    vi: () => "Nội dung yêu cầu phải là JSON (Content-Type: application/json).",
    en: () => "The request body must be JSON (Content-Type: application/json).",
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
      `Cơ sở dữ liệu nhúng ở ${p.dataDir} đang được tiến trình ${p.pid} (máy chủ Chỉ Số?) sử dụng. Hãy làm việc này qua giao diện web hoặc API, hoặc dừng máy chủ rồi chạy lại lệnh.`,
    en: (p) =>
      `The embedded database in ${p.dataDir} is in use by process ${p.pid} (a running Chỉ Số server?). Do this through the web or the API, or stop the server and run the command again.`,
  },
  // ---- backup and restore (src/db/backup.ts, chiso backup / restore)
  "backup.unwritable": {
    vi: (p) => `Không ghi được bản sao lưu vào «${p.path}» (${p.reason}). Kiểm tra thư mục và quyền ghi.`,
    en: (p) => `Cannot write the backup to "${p.path}" (${p.reason}). Check the folder and the permission to write there.`,
  },
  "backup.no-database": {
    vi: (p) => `Không có cơ sở dữ liệu nhúng trong ${p.dataDir} để sao lưu. Kiểm tra CHISO_DATA_DIR hoặc --data-dir (PostgreSQL: DATABASE_URL).`,
    en: (p) => `There is no embedded database in ${p.dataDir} to back up. Check CHISO_DATA_DIR or --data-dir (PostgreSQL: DATABASE_URL).`,
  },
  "backup.no-control": {
    vi: (p) =>
      `Cơ sở dữ liệu nhúng ở ${p.dataDir} đang được tiến trình ${p.pid} sử dụng, nhưng tiến trình này không nhận yêu cầu sao lưu (${p.reason}). Nếu đó là máy chủ Chỉ Số phiên bản cũ, hãy dừng máy chủ rồi chạy lại lệnh.`,
    en: (p) =>
      `The embedded database in ${p.dataDir} is in use by process ${p.pid}, which does not take backup requests (${p.reason}). If it is an older Chỉ Số server, stop it and run the command again.`,
  },
  "backup.server-failed": {
    vi: (p) => `Máy chủ đang chạy không tạo được bản sao lưu (${p.reason}); không có tệp nào được ghi. Xem nhật ký của máy chủ.`,
    en: (p) => `The running server could not make the backup (${p.reason}); no file was written. See the server's log.`,
  },
  "backup.restore-busy": {
    vi: (p) =>
      `Cơ sở dữ liệu nhúng ở ${p.dataDir} đang được tiến trình ${p.pid} (máy chủ Chỉ Số?) sử dụng. Hãy dừng máy chủ trước khi khôi phục, và chỉ khôi phục vào một thư mục dữ liệu trống.`,
    en: (p) =>
      `The embedded database in ${p.dataDir} is in use by process ${p.pid} (a running Chỉ Số server?). Stop the server first, and restore only into an empty data directory.`,
  },
  "backup.not-a-backup": {
    vi: (p) => `Tệp «${p.path}» không phải là bản sao lưu Chỉ Số (tạo bằng «chiso backup»). Không có gì được ghi.`,
    en: (p) => `"${p.path}" is not a Chỉ Số backup (made with \`chiso backup\`). Nothing was written.`,
  },
  "backup.newer-format": {
    vi: (p) =>
      `Bản sao lưu «${p.path}» có định dạng phiên bản ${p.formatVersion} (Chỉ Số ${p.appVersion}), mới hơn phiên bản này đọc được. Hãy khôi phục bằng Chỉ Số ${p.appVersion} hoặc mới hơn.`,
    en: (p) =>
      `The backup "${p.path}" is in format version ${p.formatVersion} (Chỉ Số ${p.appVersion}), newer than this version reads. Restore it with Chỉ Số ${p.appVersion} or later.`,
  },
  "backup.truncated": {
    vi: (p) => `Bản sao lưu «${p.path}» bị cắt cụt hoặc hỏng (tệp không đầy đủ). Không có gì được ghi; hãy dùng một bản sao lưu khác.`,
    en: (p) => `The backup "${p.path}" is truncated or damaged (the file is incomplete). Nothing was written; use another backup.`,
  },
  "backup.checksum": {
    vi: (p) => `Bản sao lưu «${p.path}» đã bị thay đổi hoặc hỏng: mã kiểm tra SHA-256 không khớp. Không có gì được ghi.`,
    en: (p) => `The backup "${p.path}" has been altered or damaged: its SHA-256 checksum does not match. Nothing was written.`,
  },
  "backup.malformed": {
    vi: (p) => `Bản sao lưu «${p.path}» sai cấu trúc ở dòng ${p.line} (${p.reason}). Không có gì được ghi.`,
    en: (p) => `The backup "${p.path}" is malformed at line ${p.line} (${p.reason}). Nothing was written.`,
  },
  "backup.migrations-mismatch": {
    vi: (p) =>
      `Bản sao lưu «${p.path}» được tạo bởi Chỉ Số ${p.appVersion}, với cấu trúc cơ sở dữ liệu ở bước ${p.fileMigrations}; cơ sở dữ liệu đích ở bước ${p.databaseMigrations}. Hãy khôi phục bằng Chỉ Số ${p.appVersion} rồi mới nâng cấp (các bước còn lại tự chạy khi khởi động). Không có gì được ghi.`,
    en: (p) =>
      `The backup "${p.path}" was made by Chỉ Số ${p.appVersion} with the database structure at migration ${p.fileMigrations}; the target database is at migration ${p.databaseMigrations}. Restore it with Chỉ Số ${p.appVersion}, then upgrade (the remaining migrations run on start). Nothing was written.`,
  },
  "backup.schema-mismatch": {
    vi: (p) => `Bản sao lưu «${p.path}» không khớp cấu trúc cơ sở dữ liệu đích (bảng ${p.table}). Không có gì được ghi.`,
    en: (p) => `The backup "${p.path}" does not match the target database's structure (table ${p.table}). Nothing was written.`,
  },
  "backup.target-not-empty": {
    vi: (p) =>
      `Không khôi phục: cơ sở dữ liệu đích (${p.location}) đã có dữ liệu (bảng ${p.tables}). Chỉ khôi phục vào một thư mục dữ liệu trống (CHISO_DATA_DIR mới) hoặc một cơ sở dữ liệu PostgreSQL trống; dữ liệu hiện có không thay đổi.`,
    en: (p) =>
      `Not restored: the target database (${p.location}) already holds data (tables ${p.tables}). Restore only into an empty data directory (a new CHISO_DATA_DIR) or an empty PostgreSQL database; the existing data is unchanged.`,
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
