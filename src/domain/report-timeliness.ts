/** Whether an agency's report for a period came in time, and how a period's reporting adds up. Pure. */
import type { ReportStatus } from "./report-workflow.ts";

export type Timeliness = "on-time" | "late" | "missing" | "pending";

/**
 * On time when the report was first sent — approved by the agency's leader, under whose signature it
 * leaves — on or before the deadline (Vietnam's calendar day); late after it. Not yet sent (a draft, or
 * submitted and waiting for the leader): "pending" until the deadline passes, "missing" after. A report
 * returned or reopened after it was sent keeps the day it was first sent.
 */
export function timeliness(sentOn: string | null, deadline: string, today: string): Timeliness {
  if (sentOn) return sentOn <= deadline ? "on-time" : "late";
  return today > deadline ? "missing" : "pending";
}

export interface CompletenessCounts {
  expected: number;
  /** Sent to Sở Nội vụ (on time or late). */
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
