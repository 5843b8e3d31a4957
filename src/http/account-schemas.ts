/** Requests and answers of the signed-in part of the API: sessions, agencies, people, the audit log. */
import { z } from "zod";
import { ROLES } from "../domain/access.ts";
import { ORGANISATION_KINDS } from "../domain/organisations.ts";

// ---- parameters -----------------------------------------------------------------------------------------

export const idParam = z.coerce.number({ message: "mã số phải là số" }).int().positive().describe("Numeric id");
/** A current province by its code ("19"), or a historic one as "vn63-10". */
export const provinceKeyParam = z
  .string()
  .regex(/^(vn63-)?\d{2}$/, "mã tỉnh hai chữ số (ví dụ 19), hoặc vn63-NN cho tỉnh trước 01/07/2025")
  .describe("Province code of the 34 units (19), or vn63-NN for a province before 1 July 2025");
const isoDay = z.iso.date("ngày dạng yyyy-mm-dd, ví dụ 2025-07-01");
const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

// ---- bodies ---------------------------------------------------------------------------------------------

const text = (max: number, what: string) => z.string().trim().min(1, `${what} không được để trống`).max(max, `${what} dài quá ${max} ký tự`);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const loginBody = z.object({
  login: text(200, "Tên đăng nhập hoặc thư điện tử"),
  password: z.string().min(1, "Mật khẩu không được để trống").max(1000),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1, "Nhập mật khẩu hiện tại").max(1000),
  newPassword: z.string().min(1, "Nhập mật khẩu mới").max(1000),
});

const organisationFields = {
  parentId: z.number().int().positive().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  code: text(24, "Mã cơ quan"),
  documentSymbol: optionalText(40),
  name: text(300, "Tên cơ quan"),
  nameEn: optionalText(300),
  validFrom: isoDay.nullish(),
  note: optionalText(2000),
};

export const organisationCreateBody = z.object(organisationFields);
export const organisationPatchBody = z.object(organisationFields).partial();
export const organisationCloseBody = z.object({ lastDay: isoDay.nullish(), note: optionalText(2000) });
export const organisationMergeBody = z.object({
  sourceIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một cơ quan bị hợp nhất").max(50),
  into: z.union([z.object({ id: z.number().int().positive() }), z.object({ create: organisationCreateBody })]),
  lastDay: isoDay.nullish(),
  note: optionalText(2000),
});
export const setupBody = z.object({ communes: z.boolean().default(true) });

const roleInput = z.object({ role: z.enum(ROLES), organisationId: z.number().int().positive().nullable() });
export const personCreateBody = z.object({
  username: text(64, "Tên đăng nhập"),
  fullName: text(200, "Họ và tên"),
  email: z.email("thư điện tử không hợp lệ").max(200).nullish(),
  jobTitle: optionalText(200),
  phone: optionalText(40),
  password: z.string().max(1000).nullish(),
  roles: z.array(roleInput).max(20),
});
export const personPatchBody = z.object({
  fullName: text(200, "Họ và tên").optional(),
  email: z.email("thư điện tử không hợp lệ").max(200).nullish(),
  jobTitle: optionalText(200),
  phone: optionalText(40),
});
export const rolesBody = z.object({ roles: z.array(roleInput).max(20) });

// ---- queries --------------------------------------------------------------------------------------------

export const organisationsQuery = z.object({ includeEnded: flag.describe("Also list closed and merged bodies") });
export const peopleQuery = z.object({
  province: provinceKeyParam.optional(),
  organisation: idParam.optional(),
  q: z.string().max(100).optional().describe("Part of a name, username or e-mail"),
  includeDisabled: flag.describe("Also list disabled accounts"),
});
export const auditQuery = z.object({
  user: idParam.optional().describe("Who acted (user id)"),
  organisation: idParam.optional().describe("The agency concerned"),
  province: provinceKeyParam.optional(),
  entityType: z.string().max(40).optional().describe("organisation, user, results …"),
  entityKey: z.string().max(200).optional(),
  action: z.string().max(60).optional(),
  from: isoDay.optional().describe("First day (Vietnam time)"),
  to: isoDay.optional().describe("Last day (Vietnam time)"),
  before: idParam.optional().describe("Entries older than this id: the next page"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  lang: z.enum(["vi", "en"]).default("vi"),
});

// ---- answers --------------------------------------------------------------------------------------------

const provinceRef = z.object({ id: z.number(), key: z.string(), code: z.string(), set: z.enum(["vn63", "vn34"]), name: z.string(), fullName: z.string() });
const roleSchema = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  organisationCode: z.string().nullable(),
  provinceUnitId: z.number().nullable(),
});
export const personSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(roleSchema),
});
export const personWithPasswordSchema = z.object({ person: personSchema, temporaryPassword: z.string().nullable() });
export const sessionSchema = z.object({
  user: personSchema.nullable(),
  permissions: z.array(z.string()),
  provinces: z.array(provinceRef),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
  demo: z.object({ password: z.string(), usernames: z.array(z.string()) }).nullable(),
});
export const okSchema = z.object({ ok: z.literal(true) });
export const logoutEverywhereSchema = z.object({ sessionsEnded: z.number() });

export const organisationSchema = z.object({
  id: z.number(),
  provinceUnitId: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string(),
  documentSymbol: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  communeUnitId: z.number().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endReason: z.enum(["closed", "merged"]).nullable(),
  mergedIntoId: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const organisationListSchema = z.object({ province: provinceRef, organisations: z.array(organisationSchema) });
export const organisationDetailSchema = z.object({
  organisation: organisationSchema,
  predecessors: z.array(organisationSchema),
  successor: organisationSchema.nullable(),
});
export const mergeResultSchema = z.object({ target: organisationSchema, merged: z.array(organisationSchema) });
export const provincesManagedSchema = z.array(z.object({ province: provinceRef, organisations: z.number() }));
export const setupResultSchema = z.object({ created: z.number() });
export const auditPageSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string(),
      actorUserId: z.number().nullable(),
      /** The acting person's full name (shown even to readers who may not list that person). */
      actorName: z.string().nullable(),
      actorIp: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityKey: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      organisationId: z.number().nullable(),
      organisationName: z.string().nullable(),
      provinceUnitId: z.number().nullable(),
    }),
  ),
  nextBefore: z.number().nullable(),
});
