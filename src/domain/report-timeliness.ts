/** Whether an agency's report for a period came in time, and how a period's reporting adds up. Pure. */
import { hasBeenSubmitted, type ReportStatus } from "./report-workflow.ts";

export type Timeliness = "on-time" | "late" | "missing" | "pending";

/**
 * On time when first sent on or before the deadline (Vietnam's calendar day); late after it; without a
 * submission, "pending" until the deadline passes and "missing" after.
 */
export function timeliness(report: { status: ReportStatus; firstSubmittedOn: string | null } | null, deadline: string, today: string): Timeliness {
  if (report && hasBeenSubmitted(report.status) && report.firstSubmittedOn) return report.firstSubmittedOn <= deadline ? "on-time" : "late";
  return today > deadline ? "missing" : "pending";
}

export interface CompletenessCounts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  accepted: number;
  returned: number;
}

export function countCompleteness(rows: readonly { timeliness: Timeliness; status: ReportStatus | null }[]): CompletenessCounts {
  const n = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  return {
    expected: rows.length,
    submitted: n((r) => r.timeliness === "on-time" || r.timeliness === "late"),
    onTime: n((r) => r.timeliness === "on-time"),
    late: n((r) => r.timeliness === "late"),
    missing: n((r) => r.timeliness === "missing"),
    pending: n((r) => r.timeliness === "pending"),
    accepted: n((r) => r.status === "accepted"),
    returned: n((r) => r.status === "returned"),
  };
}
