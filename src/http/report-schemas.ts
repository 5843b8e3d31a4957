/** Requests and answers of the periodic reporting API. */
import { z } from "zod";
import { TASK_STATUSES } from "../db/schema.ts";
import { REPORT_STATUSES } from "../domain/report-workflow.ts";
import { PERIOD_KINDS, REPORT_LEVELS } from "../domain/reporting-periods.ts";

const days = z.number().int().min(0, "không được âm").max(90, "không quá 90 ngày");
export const regimeBody = z.object({
  periodKinds: z.array(z.enum(PERIOD_KINDS)).min(1, "cần ít nhất một loại kỳ báo cáo").max(4).optional(),
  cutOffDay: z.number().int().min(2).max(28).optional().describe("Decree 09: 15 (the window runs from the 15th of the month before to the 14th)"),
  deadlineDays: z
    .object({ commune: days, department: days, "home-affairs": days, "people-committee": days })
    .optional()
    .describe("Days after the cut-off each level sends its report by (moved past weekends and holidays)"),
  outline: z
    .array(z.object({ key: z.string().trim().min(1).max(40), title: z.string().trim().min(1, "Đề mục không được để trống").max(300), node: z.string().max(10).nullable().default(null) }))
    .min(1)
    .max(40)
    .optional(),
  agencies: z.array(z.object({ organisationId: z.number().int().positive(), level: z.enum(REPORT_LEVELS) })).max(2000).optional(),
});

const periodSchema = z.object({ kind: z.enum(PERIOD_KINDS), year: z.number(), number: z.number(), key: z.string(), from: z.string(), to: z.string() });
const deadlines = z.object({ commune: z.string(), department: z.string(), "home-affairs": z.string(), "people-committee": z.string() });
export const regimeSchema = z
  .object({
    regime: z.object({
      id: z.number(),
      planId: z.number(),
      periodKinds: z.array(z.enum(PERIOD_KINDS)),
      cutOffDay: z.number(),
      deadlineDays: z.record(z.string(), z.number()),
      outline: z.array(z.object({ key: z.string(), title: z.string(), node: z.string().nullable() })),
    }),
    planId: z.number(),
    agencies: z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), kind: z.string(), level: z.enum(REPORT_LEVELS) })),
    periods: z.array(periodSchema.extend({ deadlines })),
  })
  .nullable();

export const openReportBody = z.object({
  organisationId: z.number().int().positive(),
  period: z.string().trim().regex(/^\d{4}-(Q[1-4]|H1|9M|Y)$/i, "kỳ dạng 2026-Q1, 2026-H1, 2026-9M hoặc 2026-Y"),
});

export const reportPatchBody = z.object({
  version: z.number().int().min(1),
  sections: z.record(z.string().max(40), z.string().max(20000)).optional(),
  difficulties: z.string().max(20000).nullable().optional(),
  proposals: z.string().max(20000).nullable().optional(),
  nextTasks: z.string().max(20000).nullable().optional(),
  tasks: z
    .array(
      z.object({
        taskId: z.number().int().positive(),
        status: z.enum(TASK_STATUSES),
        progress: z.number().int().min(0).max(100),
        narrative: z.string().max(20000).nullable().default(null),
      }),
    )
    .max(500)
    .optional(),
  figures: z.array(z.object({ indicatorId: z.number().int().positive(), value: z.number().finite().nullable() })).max(2000).optional(),
});

export const actionBody = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().max(2000).nullable().optional(),
});

export const evidenceSchema = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), bytes: z.number(), uploadedAt: z.union([z.string(), z.date()]) });

export const reportSchema = z.object({
  report: z.object({ id: z.number(), organisationId: z.number(), periodKey: z.string(), status: z.enum(REPORT_STATUSES), version: z.number() }).catchall(z.unknown()),
  organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  plan: z.object({ id: z.number(), number: z.string().nullable(), summary: z.string(), year: z.number() }),
  period: periodSchema.extend({ deadline: z.string(), level: z.enum(REPORT_LEVELS) }),
  outline: z.array(z.object({ key: z.string(), title: z.string(), node: z.string().nullable() })),
  tasks: z.array(z.object({ task: z.object({ id: z.number(), ref: z.string().nullable(), text: z.string() }).catchall(z.unknown()), status: z.enum(TASK_STATUSES), progress: z.number(), narrative: z.string().nullable() })),
  figures: z.array(z.object({ rule: z.object({ id: z.number(), name: z.string() }).catchall(z.unknown()), taskRef: z.string().nullable(), value: z.number().nullable(), computed: z.boolean() })),
  issues: z.array(z.object({ code: z.string(), indicatorId: z.number() }).catchall(z.unknown())),
  evidence: z.array(evidenceSchema),
  editable: z.boolean(),
  actions: z.array(z.string()),
});

export const completenessSchema = z.object({
  period: periodSchema.extend({ deadlines }),
  today: z.string(),
  counts: z.object({ expected: z.number(), submitted: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), pending: z.number(), accepted: z.number(), returned: z.number() }),
  agencies: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      level: z.enum(REPORT_LEVELS),
      deadline: z.string(),
      status: z.enum(REPORT_STATUSES).nullable(),
      reportId: z.number().nullable(),
      firstSubmittedOn: z.string().nullable(),
      timeliness: z.enum(["on-time", "late", "missing", "pending"]),
    }),
  ),
});

export const consolidationSchema = z.object({
  period: periodSchema,
  reports: z.number(),
  expected: z.number(),
  missing: z.array(z.string()),
  notYetAccepted: z.array(z.string()),
  figures: z.array(z.object({ indicatorId: z.number(), name: z.string(), value: z.number().nullable(), missing: z.array(z.string()) }).catchall(z.unknown())),
  narratives: z.array(z.object({ key: z.string(), title: z.string(), node: z.string().nullable(), entries: z.array(z.object({ organisation: z.string(), status: z.string(), text: z.string() })) })),
  progress: z.array(z.object({ node: z.string(), name: z.string(), tasks: z.number(), averageProgress: z.number().nullable() }).catchall(z.unknown())),
});

const inboxItem = z.object({
  id: z.number(),
  periodKey: z.string(),
  status: z.enum(REPORT_STATUSES),
  organisationId: z.number(),
  organisation: z.string(),
  returnReason: z.string().nullable(),
  updatedAt: z.union([z.string(), z.date()]),
  planId: z.number(),
  planNumber: z.string().nullable(),
});

export const inboxSchema = z.object({
  due: z.array(
    z.object({
      regimeId: z.number(),
      planNumber: z.string().nullable(),
      organisationId: z.number(),
      organisation: z.string(),
      period: z.string(),
      deadline: z.string(),
      overdue: z.boolean(),
      reportId: z.number().nullable(),
    }),
  ),
  returned: z.array(inboxItem),
  toApprove: z.array(inboxItem),
  toReview: z.array(inboxItem),
  notifications: z.array(z.object({ id: z.number(), kind: z.string(), params: z.record(z.string(), z.unknown()), reportId: z.number().nullable() }).catchall(z.unknown())),
});

export const matrixSchema = z.object({
  today: z.string(),
  periods: z.array(periodSchema.extend({ deadlines })),
  agencies: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      level: z.enum(REPORT_LEVELS),
      cells: z.array(
        z.object({ period: z.string(), reportId: z.number().nullable(), status: z.enum(REPORT_STATUSES).nullable(), timeliness: z.enum(["on-time", "late", "missing", "pending"]) }),
      ),
    }),
  ),
});
