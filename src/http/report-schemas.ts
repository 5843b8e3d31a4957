/** Requests and answers of the periodic reporting API. */
import { z } from "zod";
import { TASK_STATUSES } from "../db/schema.ts";
import { REPORT_ACTIONS, REPORT_STATUSES } from "../domain/report-workflow.ts";
import { VALUE_TYPES } from "../domain/report-figures.ts";
import { INDICATOR_AGGREGATIONS } from "../domain/tasks.ts";
import { GROUPS } from "../domain/groups.ts";
import { TARGET_KINDS } from "../domain/targets.ts";
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

const when = z.string().describe("ISO timestamp");
const issueSchema = z.object({
  code: z.enum(["figure.required", "figure.not-integer", "figure.below-min", "figure.above-max", "figure.above-sibling"]),
  indicatorId: z.number(),
  name: z.string(),
  value: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  other: z.string().optional().describe("figure.above-sibling: the figure this one may not exceed"),
  otherValue: z.number().optional(),
});
export const figureRuleSchema = z.object({
  id: z.number(),
  taskId: z.number(),
  position: z.number(),
  name: z.string(),
  unit: z.string().nullable(),
  aggregation: z.enum(INDICATOR_AGGREGATIONS),
  numeratorPosition: z.number().nullable(),
  denominatorPosition: z.number().nullable(),
  valueType: z.enum(VALUE_TYPES),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  required: z.boolean(),
  notAbovePosition: z.number().nullable(),
  targetValue: z.number().nullable().describe("In the figure's unit; for a ratio, a percentage (80 = 80 %) while its value is a fraction"),
});

export const reportSchema = z.object({
  report: z.object({
    id: z.number(),
    regimeId: z.number(),
    organisationId: z.number(),
    periodKey: z.string(),
    status: z.enum(REPORT_STATUSES),
    version: z.number().describe("Send it back with every save and step: a newer one on the server is a conflict"),
    sections: z.record(z.string(), z.string()).describe("The outline's headings (by key) → the agency's text"),
    difficulties: z.string().nullable(),
    proposals: z.string().nullable(),
    nextTasks: z.string().nullable(),
    prefilledFromId: z.number().nullable().describe("The previous period's report this one opened from"),
    firstSubmittedAt: when.nullable(),
    submittedAt: when.nullable(),
    approvedAt: when.nullable(),
    sentAt: when.nullable().describe("When the leader first approved it: the day it was sent, which the deadline is for"),
    acceptedAt: when.nullable(),
    returnedAt: when.nullable(),
    returnReason: z.string().nullable(),
    createdAt: when,
    updatedAt: when,
  }),
  organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  plan: z.object({ id: z.number(), number: z.string().nullable(), summary: z.string(), year: z.number() }),
  period: periodSchema.extend({ deadline: z.string(), level: z.enum(REPORT_LEVELS) }),
  outline: z.array(z.object({ key: z.string(), title: z.string(), node: z.string().nullable() })),
  tasks: z.array(
    z.object({
      task: z.object({
        id: z.number(),
        ref: z.string().nullable(),
        text: z.string(),
        nodes: z.array(z.string()),
        dueOn: z.string().nullable(),
        recurrence: z.string().nullable(),
        role: z.enum(["lead", "support"]),
      }),
      status: z.enum(TASK_STATUSES),
      progress: z.number(),
      narrative: z.string().nullable(),
    }),
  ),
  figures: z.array(z.object({ rule: figureRuleSchema, taskRef: z.string().nullable(), value: z.number().nullable(), computed: z.boolean() })),
  issues: z.array(issueSchema),
  evidence: z.array(evidenceSchema),
  evidenceLimitBytes: z.number().describe("The largest evidence file accepted"),
  editable: z.boolean(),
  actions: z.array(z.enum(REPORT_ACTIONS)),
});

const timelinessSchema = z.enum(["on-time", "late", "missing", "pending"]).describe("Against the day the report was sent (the leader's first approval)");

export const agencyReportsSchema = z.object({
  organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
  level: z.enum(REPORT_LEVELS),
  periods: z.array(
    periodSchema.extend({
      deadline: z.string(),
      reportId: z.number().nullable(),
      status: z.enum(REPORT_STATUSES).nullable(),
      version: z.number().nullable(),
      firstSubmittedOn: z.string().nullable(),
      sentOn: z.string().nullable(),
      timeliness: timelinessSchema,
    }),
  ),
});

const completenessCounts = z.object({
  expected: z.number(),
  submitted: z.number().describe("Sent (approved by the agency's leader), on time or late"),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  pending: z.number(),
  accepted: z.number(),
  returned: z.number(),
});
const overdueTasksSchema = z
  .array(z.object({ taskId: z.number(), ref: z.string().nullable(), text: z.string(), organisation: z.string(), progress: z.number() }))
  .describe("Tasks the received reports (approved or accepted) say are overdue, with the agency that says so");
const progressSchema = z.array(
  z.object({
    node: z.string(),
    name: z.string(),
    tasks: z.number().describe("The plan's tasks serving the dimension"),
    reports: z.number().describe("Task entries in the period's reports"),
    done: z.number(),
    inProgress: z.number(),
    notStarted: z.number(),
    overdue: z.number().describe("Task entries reported overdue"),
    overdueTaskIds: z.array(z.number()).describe("The plan's tasks reported overdue"),
    averageProgress: z.number().nullable().describe("0–100"),
  }),
);

export const completenessSchema = z.object({
  period: periodSchema.extend({ deadlines }),
  today: z.string(),
  counts: completenessCounts,
  agencies: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      level: z.enum(REPORT_LEVELS),
      deadline: z.string(),
      status: z.enum(REPORT_STATUSES).nullable(),
      reportId: z.number().nullable(),
      firstSubmittedOn: z.string().nullable(),
      sentOn: z.string().nullable(),
      timeliness: timelinessSchema,
    }),
  ),
  overdueTasks: overdueTasksSchema,
});

export const consolidationSchema = z.object({
  period: periodSchema,
  reports: z.number(),
  expected: z.number(),
  missing: z.array(z.string()),
  notYetAccepted: z.array(z.string()),
  figures: z.array(
    z.object({
      indicatorId: z.number(),
      name: z.string(),
      unit: z.string().nullable(),
      aggregation: z.enum(INDICATOR_AGGREGATIONS),
      value: z.number().nullable().describe("Aggregated by its rule; a ratio as a fraction"),
      targetValue: z.number().nullable(),
      targetMet: z.boolean().nullable().describe("null without a target or a value"),
      taskRef: z.string().nullable(),
      reported: z.array(z.number()).describe("The agencies (ids) whose value went in"),
      missing: z.array(z.string()).describe("Agencies assigned the figure's task that have not reported it"),
    }),
  ),
  narratives: z.array(z.object({ key: z.string(), title: z.string(), node: z.string().nullable(), entries: z.array(z.object({ organisation: z.string(), status: z.string(), text: z.string() })) })),
  progress: progressSchema,
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
  deadline: z.string().nullable().describe("The agency's send deadline for the period"),
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
  notifications: z.array(
    z.object({ id: z.number(), kind: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), reportId: z.number().nullable(), createdAt: when, readAt: when.nullable() }),
  ),
});

export const matrixSchema = z.object({
  today: z.string(),
  periods: z.array(periodSchema.extend({ deadlines })),
  agencies: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: z.string(), code: z.string() }),
      level: z.enum(REPORT_LEVELS),
      cells: z.array(
        z.object({ period: z.string(), reportId: z.number().nullable(), status: z.enum(REPORT_STATUSES).nullable(), timeliness: timelinessSchema }),
      ),
    }),
  ),
});

export const dashboardSchema = z.object({
  province: z.object({ id: z.number(), key: z.string(), code: z.string(), set: z.enum(["vn63", "vn34"]), name: z.string(), fullName: z.string() }),
  year: z.number(),
  today: z.string(),
  plans: z.array(
    z.object({
      plan: z.object({
        id: z.number(),
        number: z.string().nullable(),
        summary: z.string(),
        year: z.number(),
        baselineYear: z.number(),
        indexCode: z.string(),
        status: z.enum(["draft", "issued", "superseded"]),
        issuedOn: z.string().nullable(),
      }),
      resultsAvailable: z.boolean().describe("The plan year's official results are published"),
      overview: z.array(z.string()),
      targets: z.array(
        z.object({
          id: z.number(),
          position: z.number(),
          node: z.string(),
          nodeName: z.string(),
          kind: z.enum(TARGET_KINDS),
          value: z.number().nullable(),
          comparator: z.enum([">=", "="]),
          statedIncrease: z.number().nullable(),
          group: z.enum(GROUPS).nullable(),
          rankTop: z.number().nullable(),
          rankGain: z.number().nullable(),
          statedText: z.string().nullable().describe("The target as the plan words it"),
          baseline: z.number().nullable().describe("The baseline year's score on the node"),
          reason: z.enum(["no-results", "province-not-scored", "node-not-in-framework", "not-comparable", "no-baseline"]).nullable().describe("Why the status is no-data"),
          actual: z.union([z.number(), z.enum(GROUPS)]).nullable(),
          status: z.enum(["met", "missed", "no-data"]),
          dimension: z.string().nullable().describe("The dimension the target's node belongs to; null for the total"),
          outlook: z.enum(["met", "missed", "on-track", "at-risk", "unknown"]),
          progress: z
            .object({ averageProgress: z.number(), expected: z.number().describe("The share of the year elapsed at the period's end, 0–100") })
            .nullable()
            .describe("How far the tasks serving the target are, weighted by report entries; null without reports"),
          reasons: z.array(
            z.union([
              z.object({ code: z.literal("overdue-tasks"), tasks: z.number(), reports: z.number().describe("One task may be reported overdue by several agencies") }),
              z.object({ code: z.literal("behind-schedule"), averageProgress: z.number(), expected: z.number().describe("The share of the year elapsed, 0–100") }),
            ]),
          ),
        }),
      ),
      reporting: z
        .object({
          regimeId: z.number(),
          period: periodSchema.extend({ deadlines }),
          counts: completenessCounts,
          late: z.array(z.string()),
          missing: z.array(z.string()),
          pending: z.array(z.string()),
          neverReported: z.array(z.string()).describe("Sent nothing for any closed period of the year, with at least one deadline past"),
          overdueTasks: overdueTasksSchema,
          progress: progressSchema,
        })
        .nullable()
        .describe("null when the plan has no reporting regime"),
    }),
  ),
});
