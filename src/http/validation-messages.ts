/**
 * What a civil servant reads when a field is wrong. zod's own messages name types ("mong đợi string,
 * nhận được undefined"); the commonest cases are said plainly here, the rest in zod's Vietnamese or
 * English. The schemas' hand-written messages always win over both.
 */
import { z } from "zod";
import { formatCompact, type Lang } from "../domain/format.ts";

const LOCALES = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

const KINDS: Record<string, { vi: string; en: string }> = {
  number: { vi: "một số", en: "a number" },
  int: { vi: "một số nguyên", en: "a whole number" },
  string: { vi: "chữ", en: "text" },
  boolean: { vi: "có hoặc không (true/false)", en: "yes or no (true/false)" },
  array: { vi: "một danh sách", en: "a list" },
  object: { vi: "một nhóm trường", en: "a set of fields" },
};

type Issue = Parameters<(typeof LOCALES)["vi"]>[0];
type Message = ReturnType<(typeof LOCALES)["vi"]>;

export function validationMessages(lang: Lang): (issue: Issue) => Message {
  const vi = lang === "vi";
  return (issue) => {
    if (issue.code === "invalid_type") {
      if (issue.input === undefined || issue.input === null) return vi ? "cần có giá trị" : "is required";
      const kind = KINDS[issue.expected];
      if (kind) return vi ? `phải là ${kind.vi}` : `must be ${kind.en}`;
    }
    if ((issue.code === "too_big" || issue.code === "too_small") && issue.origin === "number") {
      const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
      const n = formatCompact(limit, 4, lang);
      if (issue.code === "too_big") return vi ? `không được lớn hơn ${n}` : `must not be more than ${n}`;
      return vi ? `không được nhỏ hơn ${n}` : `must not be less than ${n}`;
    }
    return LOCALES[lang](issue);
  };
}

/** The names forms show for the fields of the API, so a message says «Điểm cần đạt», not «value». */
const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  login: { vi: "Tên đăng nhập", en: "Username" },
  password: { vi: "Mật khẩu", en: "Password" },
  currentPassword: { vi: "Mật khẩu hiện tại", en: "Current password" },
  newPassword: { vi: "Mật khẩu mới", en: "New password" },
  username: { vi: "Tên đăng nhập", en: "Username" },
  fullName: { vi: "Họ và tên", en: "Full name" },
  email: { vi: "Thư điện tử", en: "E-mail" },
  jobTitle: { vi: "Chức vụ", en: "Position" },
  phone: { vi: "Điện thoại", en: "Phone" },
  roles: { vi: "Vai trò", en: "Roles" },
  role: { vi: "Vai trò", en: "Role" },
  organisationId: { vi: "Cơ quan", en: "Organisation" },
  organisation: { vi: "Cơ quan", en: "Organisation" },
  code: { vi: "Mã", en: "Code" },
  name: { vi: "Tên", en: "Name" },
  kind: { vi: "Loại", en: "Kind" },
  parentId: { vi: "Cơ quan cấp trên", en: "Parent body" },
  validFrom: { vi: "Hiệu lực từ", en: "Valid from" },
  lastDay: { vi: "Ngày kết thúc", en: "Last day" },
  year: { vi: "Năm kế hoạch", en: "Plan year" },
  baselineYear: { vi: "Năm gốc", en: "Baseline year" },
  number: { vi: "Số kế hoạch", en: "Number" },
  issuingBody: { vi: "Cơ quan ban hành", en: "Issuing body" },
  summary: { vi: "Trích yếu", en: "Summary" },
  targets: { vi: "Chỉ tiêu", en: "Target" },
  node: { vi: "Nội dung", en: "Node" },
  value: { vi: "Điểm, giá trị", en: "Value" },
  statedIncrease: { vi: "Mức tăng ghi trong kế hoạch", en: "Stated increase" },
  group: { vi: "Nhóm", en: "Group" },
  rankTop: { vi: "Thứ hạng", en: "Rank" },
  rankGain: { vi: "Số bậc tăng", en: "Places gained" },
  tasks: { vi: "Nhiệm vụ", en: "Task" },
  text: { vi: "Nội dung nhiệm vụ", en: "Task text" },
  nodes: { vi: "Chỉ số", en: "Nodes" },
  agencies: { vi: "Cơ quan thực hiện", en: "Agency" },
  indicators: { vi: "Chỉ số đo lường", en: "Indicator" },
  dueOn: { vi: "Thời hạn", en: "Due date" },
  id: { vi: "Mã số", en: "Id" },
  communes: { vi: "Tạo cả xã, phường", en: "Communes too" },
  documentSymbol: { vi: "Ký hiệu văn bản", en: "Document symbol" },
  nameEn: { vi: "Tên tiếng Anh", en: "English name" },
  note: { vi: "Ghi chú", en: "Note" },
  sourceIds: { vi: "Cơ quan bị hợp nhất", en: "Bodies merged" },
  into: { vi: "Cơ quan nhận hợp nhất", en: "Merged into" },
  create: { vi: "Cơ quan mới", en: "New body" },
  indexCode: { vi: "Bộ chỉ số", en: "Index" },
  issuedOn: { vi: "Ngày ban hành", en: "Date issued" },
  place: { vi: "Địa danh", en: "Place" },
  parentBody: { vi: "Cơ quan chủ quản", en: "Parent body" },
  signerAuthority: { vi: "Thẩm quyền ký", en: "Signing authority" },
  signerTitle: { vi: "Chức vụ người ký", en: "Signer's title" },
  signerName: { vi: "Người ký", en: "Signer" },
  context: { vi: "Căn cứ, tình hình", en: "Context" },
  objectives: { vi: "Mục tiêu", en: "Objectives" },
  requirements: { vi: "Yêu cầu", en: "Requirements" },
  implementation: { vi: "Tổ chức thực hiện", en: "Implementation" },
  recipients: { vi: "Nơi nhận", en: "Recipients" },
  signer: { vi: "Người ký", en: "Signer" },
  authority: { vi: "Thẩm quyền ký (TM., KT. …)", en: "Signing authority (TM., KT. …)" },
  format: { vi: "Định dạng tệp", en: "File format" },
  subPlanDeadline: { vi: "Hạn gửi kế hoạch của cơ quan", en: "Sub-plan deadline" },
  comparator: { vi: "Cách ghi", en: "Comparator" },
  statedText: { vi: "Câu chữ trong kế hoạch", en: "Stated text" },
  ref: { vi: "Số thứ tự", en: "No." },
  recurrence: { vi: "Lặp lại", en: "Recurrence" },
  output: { vi: "Sản phẩm", en: "Output" },
  unit: { vi: "Đơn vị tính", en: "Unit" },
  aggregation: { vi: "Cách tổng hợp", en: "Aggregation" },
  numeratorPosition: { vi: "Tử số", en: "Numerator" },
  denominatorPosition: { vi: "Mẫu số", en: "Denominator" },
  targetValue: { vi: "Giá trị cần đạt", en: "Target value" },
  fromPlanId: { vi: "Kế hoạch năm trước", en: "Previous plan" },
  goal: { vi: "Mục tiêu", en: "Goal" },
  places: { vi: "Số bậc", en: "Places" },
  valueType: { vi: "Kiểu giá trị", en: "Value type" },
  minValue: { vi: "Giá trị nhỏ nhất", en: "Minimum" },
  maxValue: { vi: "Giá trị lớn nhất", en: "Maximum" },
  required: { vi: "Bắt buộc", en: "Required" },
  notAbovePosition: { vi: "Không vượt quá chỉ số", en: "Not above indicator" },
  periodKinds: { vi: "Loại kỳ báo cáo", en: "Period kinds" },
  cutOffDay: { vi: "Ngày chốt số liệu", en: "Cut-off day" },
  deadlineDays: { vi: "Hạn gửi sau ngày chốt (ngày)", en: "Days after the cut-off" },
  commune: { vi: "Cấp xã", en: "Commune" },
  department: { vi: "Cấp sở, ngành", en: "Department" },
  "home-affairs": { vi: "Sở Nội vụ", en: "Home Affairs" },
  "people-committee": { vi: "Ủy ban nhân dân tỉnh", en: "People's Committee" },
  outline: { vi: "Đề cương", en: "Outline" },
  key: { vi: "Mã đề mục", en: "Heading key" },
  title: { vi: "Đề mục", en: "Heading" },
  level: { vi: "Cấp báo cáo", en: "Level" },
  period: { vi: "Kỳ báo cáo", en: "Period" },
  version: { vi: "Phiên bản", en: "Version" },
  sections: { vi: "Nội dung báo cáo", en: "Sections" },
  difficulties: { vi: "Khó khăn, vướng mắc", en: "Difficulties" },
  proposals: { vi: "Đề xuất, kiến nghị", en: "Proposals" },
  nextTasks: { vi: "Nhiệm vụ kỳ tới", en: "Next period's tasks" },
  taskId: { vi: "Nhiệm vụ", en: "Task" },
  status: { vi: "Tình trạng", en: "Status" },
  progress: { vi: "Tiến độ (%)", en: "Progress (%)" },
  narrative: { vi: "Kết quả thực hiện", en: "What was done" },
  figures: { vi: "Số liệu", en: "Figures" },
  indicatorId: { vi: "Chỉ số", en: "Indicator" },
  reason: { vi: "Lý do", en: "Reason" },
  ids: { vi: "Thông báo", en: "Notifications" },
};

/** A field path as a person reads it: ["targets", 0, "value"] → «Chỉ tiêu 1 › Điểm, giá trị». */
export function fieldLabel(path: readonly PropertyKey[], lang: Lang): string {
  const parts: string[] = [];
  for (const key of path) {
    if (typeof key === "number") {
      // A list position belongs to the list named before it: "Chỉ tiêu" + 1 → "Chỉ tiêu 1".
      if (parts.length > 0) parts[parts.length - 1] += ` ${key + 1}`;
      else parts.push(String(key + 1));
    } else {
      const name = String(key);
      parts.push(FIELD_LABELS[name]?.[lang] ?? name);
    }
  }
  return parts.join(" › ");
}
