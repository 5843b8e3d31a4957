/**
 * The Excel sheets provinces keep of their agencies and their people: which columns they have (in
 * Vietnamese or English, with or without diacritics), what each cell must hold, and how to say what is
 * wrong with a row. Pure: the service reads the file, this turns rows into records or row errors.
 */
import { ROLES, type Role } from "./access.ts";
import { USERNAME, normaliseLogin } from "./accounts.ts";
import { parseDay, type Lang } from "./format.ts";
import { KIND_LABELS, ORGANISATION_CODE, ORGANISATION_KINDS, type OrganisationKind } from "./organisations.ts";
import type { SheetRow } from "./sheet.ts";
import { columnKey, locateColumns, rowReader, type SheetColumn } from "./sheet-columns.ts";

export type DirectoryKind = "organisations" | "people";

type Column = SheetColumn;

export const DIRECTORY_COLUMNS: Record<DirectoryKind, Column[]> = {
  organisations: [
    { key: "code", vi: "Mã", en: "Code", required: true, aliases: ["Mã cơ quan", "Mã đơn vị"] },
    { key: "name", vi: "Tên cơ quan", en: "Name", required: true, aliases: ["Tên", "Tên đơn vị"] },
    { key: "kind", vi: "Loại", en: "Kind", required: true, aliases: ["Loại cơ quan", "Type"] },
    { key: "parentCode", vi: "Mã cơ quan cấp trên", en: "Parent code", required: false, aliases: ["Cấp trên", "Parent"] },
    { key: "documentSymbol", vi: "Ký hiệu văn bản", en: "Document symbol", required: false, aliases: ["Ký hiệu", "Symbol"] },
    { key: "nameEn", vi: "Tên tiếng Anh", en: "English name", required: false, aliases: ["Name (English)"] },
    { key: "validFrom", vi: "Hiệu lực từ", en: "Valid from", required: false, aliases: ["Từ ngày", "Ngày hiệu lực"] },
    { key: "note", vi: "Ghi chú", en: "Note", required: false, aliases: [] },
  ],
  people: [
    { key: "username", vi: "Tên đăng nhập", en: "Username", required: true, aliases: ["Tài khoản", "Login"] },
    { key: "fullName", vi: "Họ và tên", en: "Full name", required: true, aliases: ["Họ tên", "Name"] },
    { key: "role", vi: "Vai trò", en: "Role", required: true, aliases: ["Quyền"] },
    { key: "organisationCode", vi: "Mã cơ quan", en: "Organisation code", required: true, aliases: ["Cơ quan", "Đơn vị", "Mã đơn vị"] },
    { key: "email", vi: "Thư điện tử", en: "E-mail", required: false, aliases: ["Email", "Thư điện tử công vụ"] },
    { key: "jobTitle", vi: "Chức vụ", en: "Position", required: false, aliases: ["Job title"] },
    { key: "phone", vi: "Điện thoại", en: "Phone", required: false, aliases: ["Số điện thoại"] },
  ],
};

/** Role names as people write them; the administrator role is never given by a sheet. */
export const ROLE_LABELS: Record<Role, { vi: string; en: string; aliases: string[] }> = {
  admin: { vi: "Quản trị hệ thống", en: "System administrator", aliases: [] },
  coordinator: { vi: "Điều phối", en: "Coordinator", aliases: ["Điều phối (Sở Nội vụ)", "Đầu mối"] },
  leader: { vi: "Lãnh đạo", en: "Leader", aliases: ["Lãnh đạo cơ quan", "Lãnh đạo đơn vị"] },
  officer: { vi: "Chuyên viên", en: "Officer", aliases: ["Cán bộ", "Công chức"] },
  viewer: { vi: "Xem", en: "Viewer", aliases: ["Chỉ xem", "Theo dõi", "Lãnh đạo tỉnh"] },
};

const key = columnKey;

export type DirectoryIssueCode =
  | "columns.missing"
  | "cell.required"
  | "cell.too-long"
  | "kind.unknown"
  | "role.unknown"
  | "date.invalid"
  | "code.invalid"
  | "username.invalid"
  | "email.invalid"
  | "row.duplicate"
  | "parent.unknown"
  | "parent.cycle"
  | "organisation.unknown"
  | "person.conflicting-rows"
  /** A rule the database enforces (code taken, role not allowed …): the message comes with it. */
  | "row.refused";

export interface DirectoryIssue {
  code: DirectoryIssueCode;
  row?: number;
  column?: string;
  value?: string;
  params?: Record<string, string | number>;
}

export interface OrganisationRow {
  row: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  parentCode: string | null;
  documentSymbol: string | null;
  nameEn: string | null;
  validFrom: string | null;
  note: string | null;
}

export interface PersonRow {
  row: number;
  username: string;
  fullName: string;
  role: Exclude<Role, "admin">;
  organisationCode: string;
  email: string | null;
  jobTitle: string | null;
  phone: string | null;
}

const LIMITS: Record<string, number> = { name: 300, nameEn: 300, note: 2000, fullName: 200, jobTitle: 200, phone: 40, email: 200, documentSymbol: 40 };

function lookup<T extends string>(value: string, table: Record<T, { vi: string; en: string; aliases?: string[] }>): T | undefined {
  const k = key(value);
  return (Object.keys(table) as T[]).find((code) => {
    const entry = table[code];
    return [code, entry.vi, entry.en, ...(entry.aliases ?? [])].some((label) => key(label) === k);
  });
}

/** Shorter names people write in the "Loại" column. */
const KIND_ALIASES: Record<OrganisationKind, string[]> = {
  people_committee: ["UBND", "Ủy ban nhân dân tỉnh"],
  office: ["Văn phòng UBND"],
  department: ["Sở", "Ban", "Ngành", "Sở ban ngành"],
  inspectorate: ["Thanh tra tỉnh"],
  board: ["Ban quản lý", "Trung tâm", "Đơn vị sự nghiệp"],
  commune: ["Xã", "Phường", "Đặc khu", "UBND xã", "UBND phường"],
  police: ["Công an tỉnh"],
  front: ["Ủy ban Mặt trận Tổ quốc", "MTTQ"],
  mass_organisation: ["Đoàn thể", "Hội", "Tổ chức chính trị xã hội"],
  press: ["Báo", "Đài", "Báo chí"],
  other: ["Khác"],
};

const KIND_TABLE = Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, { ...KIND_LABELS[k], aliases: KIND_ALIASES[k] }])) as Record<
  OrganisationKind,
  { vi: string; en: string; aliases: string[] }
>;

/**
 * Finds the header row (the first with at least two known column names: title rows above it are
 * skipped), maps each column, and turns every row below into a record or into issues naming the cell.
 */
export function parseDirectorySheet(
  kind: DirectoryKind,
  rows: readonly SheetRow[],
): {
  organisations: OrganisationRow[];
  people: PersonRow[];
  issues: DirectoryIssue[];
  headerRow: number | null;
  columns: string[];
  /** Every code in the file, valid rows or not (a child of a refused row is not also "parent unknown"). */
  codes: string[];
} {
  const columns = DIRECTORY_COLUMNS[kind];
  const issues: DirectoryIssue[] = [];
  const empty = { organisations: [], people: [], issues, headerRow: null, columns: [], codes: [] };
  const located = locateColumns(columns, rows);
  if (!located.ok) {
    issues.push({ code: "columns.missing", ...(located.headerRow !== null ? { row: located.headerRow } : {}), params: { columns: located.missing.map((c) => c.vi).join(", ") } });
    return { ...empty, headerRow: located.headerRow };
  }
  const { headerIndex, position } = located;
  const header = rows[headerIndex]!;
  const organisations: OrganisationRow[] = [];
  const people: PersonRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const { cell, label } = rowReader(columns, position, row);
    const problem = (code: DirectoryIssueCode, k: string, params?: Record<string, string | number>) =>
      issues.push({ code, row: row.rowNumber, column: label(k), value: cell(k), ...(params ? { params } : {}) });
    const before = issues.length;
    for (const column of columns) {
      if (column.required && cell(column.key) === "") problem("cell.required", column.key);
      const limit = LIMITS[column.key];
      if (limit && [...cell(column.key)].length > limit) problem("cell.too-long", column.key, { max: limit });
    }
    const optional = (k: string) => cell(k) || null;
    if (kind === "organisations") {
      const code = cell("code");
      const kindCode = cell("kind") ? lookup(cell("kind"), KIND_TABLE) : undefined;
      if (code && !ORGANISATION_CODE.test(code)) problem("code.invalid", "code");
      if (cell("kind") && !kindCode) problem("kind.unknown", "kind", { valid: ORGANISATION_KINDS.map((k) => KIND_LABELS[k].vi).join("; ") });
      const validFrom = cell("validFrom") ? parseDay(cell("validFrom")) : null;
      if (cell("validFrom") && !validFrom) problem("date.invalid", "validFrom");
      if (code) {
        const first = firstRowOf.get(code);
        if (first !== undefined) problem("row.duplicate", "code", { other: first });
        else firstRowOf.set(code, row.rowNumber);
      }
      if (issues.length === before) {
        organisations.push({
          row: row.rowNumber,
          code,
          name: cell("name"),
          kind: kindCode!,
          parentCode: optional("parentCode"),
          documentSymbol: optional("documentSymbol"),
          nameEn: optional("nameEn"),
          validFrom,
          note: optional("note"),
        });
      }
    } else {
      const username = normaliseLogin(cell("username"));
      const role = cell("role") ? lookup(cell("role"), ROLE_LABELS) : undefined;
      if (username && !USERNAME.test(username)) problem("username.invalid", "username");
      if (cell("role") && (!role || role === "admin")) {
        problem("role.unknown", "role", { valid: ROLES.filter((r) => r !== "admin").map((r) => ROLE_LABELS[r].vi).join("; ") });
      }
      const email = cell("email") ? normaliseLogin(cell("email")) : null;
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem("email.invalid", "email");
      if (issues.length === before) {
        people.push({
          row: row.rowNumber,
          username,
          fullName: cell("fullName"),
          role: role as Exclude<Role, "admin">,
          organisationCode: cell("organisationCode"),
          email,
          jobTitle: optional("jobTitle"),
          phone: optional("phone"),
        });
      }
    }
  }
  if (kind === "organisations") issues.push(...checkParents(organisations, label(columns, "parentCode")));
  if (kind === "people") issues.push(...checkPersonRows(people, label(columns, "fullName")));
  const codeColumn = position.get("code")?.index;
  const codes = codeColumn === undefined ? [] : rows.slice(headerIndex + 1).map((r) => (r.cells[codeColumn] ?? "").trim()).filter(Boolean);
  return { organisations, people, issues, headerRow: header.rowNumber, columns: [...position.keys()], codes };

  function label(cols: Column[], k: string) {
    return position.get(k)?.label ?? cols.find((c) => c.key === k)!.vi;
  }
}

/** Parents named in the file must not form a loop (A under B under A). Unknown codes are checked against the province later. */
function checkParents(rows: OrganisationRow[], column: string): DirectoryIssue[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const issues: DirectoryIssue[] = [];
  for (const row of rows) {
    const seen = new Set<string>([row.code]);
    for (let at = row.parentCode; at !== null; ) {
      if (seen.has(at)) {
        issues.push({ code: "parent.cycle", row: row.row, column, value: row.parentCode ?? "" });
        break;
      }
      seen.add(at);
      at = byCode.get(at)?.parentCode ?? null;
    }
  }
  return issues;
}

/** One person may have several rows (one per role), but their name, e-mail and phone must agree. */
function checkPersonRows(rows: PersonRow[], column: string): DirectoryIssue[] {
  const first = new Map<string, PersonRow>();
  const issues: DirectoryIssue[] = [];
  for (const row of rows) {
    const seen = first.get(row.username);
    if (!seen) {
      first.set(row.username, row);
      continue;
    }
    if (seen.fullName !== row.fullName || (row.email && seen.email && row.email !== seen.email)) {
      issues.push({ code: "person.conflicting-rows", row: row.row, column, value: row.fullName, params: { other: seen.row } });
    }
  }
  return issues;
}

type Template = (p: Record<string, string | number>, value: string) => string;

const MESSAGES: Record<DirectoryIssueCode, { vi: Template; en: Template }> = {
  "columns.missing": {
    vi: (p) => `Thiếu cột bắt buộc: ${p.columns}. Hãy dùng tệp mẫu (dòng tiêu đề ghi đúng tên cột).`,
    en: (p) => `Required columns missing: ${p.columns}. Use the template (the header row must name the columns).`,
  },
  "cell.required": { vi: () => "không được để trống.", en: () => "must not be empty." },
  "cell.too-long": { vi: (p) => `dài quá ${p.max} ký tự.`, en: (p) => `is longer than ${p.max} characters.` },
  "kind.unknown": {
    vi: (p, v) => `«${v}» không phải loại cơ quan. Dùng một trong: ${p.valid}.`,
    en: (p, v) => `"${v}" is not a kind of body. Use one of: ${p.valid}.`,
  },
  "role.unknown": {
    vi: (p, v) => `«${v}» không phải vai trò nhập được từ tệp. Dùng một trong: ${p.valid}.`,
    en: (p, v) => `"${v}" is not a role a sheet can give. Use one of: ${p.valid}.`,
  },
  "date.invalid": {
    vi: (_p, v) => `«${v}» không phải ngày hợp lệ; ghi dạng dd/mm/yyyy, ví dụ 01/07/2025.`,
    en: (_p, v) => `"${v}" is not a valid date; write dd/mm/yyyy, e.g. 01/07/2025.`,
  },
  "code.invalid": {
    vi: (_p, v) => `mã «${v}» không hợp lệ: 1–24 ký tự chữ, số, dấu chấm, gạch dưới hoặc gạch ngang, không có khoảng trắng.`,
    en: (_p, v) => `the code "${v}" is not valid: 1–24 letters, digits, . _ -, no spaces.`,
  },
  "username.invalid": {
    vi: (_p, v) => `tên đăng nhập «${v}» không hợp lệ: 3–64 ký tự chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.`,
    en: (_p, v) => `the username "${v}" is not valid: 3–64 lower-case letters without accents, digits, . _ -.`,
  },
  "email.invalid": { vi: (_p, v) => `«${v}» không phải địa chỉ thư điện tử.`, en: (_p, v) => `"${v}" is not an e-mail address.` },
  "row.duplicate": { vi: (p, v) => `mã «${v}» trùng với dòng ${p.other}.`, en: (p, v) => `the code "${v}" repeats row ${p.other}.` },
  "parent.unknown": {
    vi: (_p, v) => `không có cơ quan mã «${v}» trong tỉnh, thành phố hay trong tệp.`,
    en: (_p, v) => `there is no body with the code "${v}" in the province or in the file.`,
  },
  "parent.cycle": {
    vi: (_p, v) => `cơ quan cấp trên «${v}» tạo thành vòng lặp (cơ quan nằm dưới chính nó).`,
    en: (_p, v) => `the parent "${v}" makes a loop (a body under itself).`,
  },
  "organisation.unknown": {
    vi: (_p, v) => `không có cơ quan đang hoạt động mã «${v}» trong tỉnh, thành phố này.`,
    en: (_p, v) => `there is no current body with the code "${v}" in this province.`,
  },
  "person.conflicting-rows": {
    vi: (p, v) => `cùng tên đăng nhập với dòng ${p.other} nhưng họ tên hoặc thư điện tử khác («${v}»).`,
    en: (p, v) => `same username as row ${p.other} but a different name or e-mail ("${v}").`,
  },
  "row.refused": { vi: (p) => String(p.message), en: (p) => String(p.message) },
};

export interface RenderedDirectoryIssue extends DirectoryIssue {
  message: string;
}

export function renderDirectoryIssue(issue: DirectoryIssue, lang: Lang): RenderedDirectoryIssue {
  const where: string[] = [];
  if (issue.row !== undefined) where.push(lang === "vi" ? `Dòng ${issue.row}` : `Row ${issue.row}`);
  if (issue.column !== undefined) where.push(lang === "vi" ? `cột «${issue.column}»` : `column "${issue.column}"`);
  const text = MESSAGES[issue.code][lang](issue.params ?? {}, issue.value ?? "");
  return { ...issue, message: where.length > 0 ? `${where.join(", ")}: ${text}` : text };
}
