/**
 * An agency report's way from draft to accepted, as one table: which step leads from which states to which,
 * who may take it, whether it needs a reason, and who hears of it next. Pure.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted (locked)
 *     ▲                  │                      │                     │
 *     └──── send-back ───┘   returned ◀─return──┘◀──────reopen────────┘
 *   returned ──submit──▶ submitted
 */
import type { Permission } from "./access.ts";

export const REPORT_STATUSES = ["draft", "submitted", "approved", "accepted", "returned"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = ["submit", "approve", "send-back", "accept", "return", "reopen"] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who is told next: the agency's officers, its leaders, or the province's coordinators. */
export type Audience = "agency-officers" | "agency-leaders" | "coordinators";

export interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  permission: Permission;
  /** A return or reopening says why; the officer reads it. */
  needsReason: boolean;
  notify: readonly Audience[];
}

export const TRANSITIONS: Record<ReportAction, Transition> = {
  // The officer (or the leader) sends the report up; a returned report goes up again the same way.
  submit: { from: ["draft", "returned"], to: "submitted", permission: "agency-work.write", needsReason: false, notify: ["agency-leaders"] },
  approve: { from: ["submitted"], to: "approved", permission: "agency-work.approve", needsReason: false, notify: ["coordinators"] },
  // The leader sends it back to the officer before it leaves the agency.
  "send-back": { from: ["submitted"], to: "draft", permission: "agency-work.approve", needsReason: true, notify: ["agency-officers"] },
  accept: { from: ["approved"], to: "accepted", permission: "reports.review", needsReason: false, notify: ["agency-officers", "agency-leaders"] },
  return: { from: ["approved"], to: "returned", permission: "reports.review", needsReason: true, notify: ["agency-officers", "agency-leaders"] },
  // A lock exception: an accepted report opened again for a correction, always with a reason.
  reopen: { from: ["accepted"], to: "returned", permission: "reports.review", needsReason: true, notify: ["agency-officers", "agency-leaders"] },
};

/** Only a draft or a returned report is edited; submitted ones wait, accepted ones are locked. */
export function isEditable(status: ReportStatus): boolean {
  return status === "draft" || status === "returned";
}

export type TransitionRefusal = { code: "report.wrong-state"; from: ReportStatus; action: ReportAction } | { code: "report.reason-required"; action: ReportAction };

/** The state a step leads to, or why it cannot be taken from here. */
export function nextStatus(from: ReportStatus, action: ReportAction, reason: string | null | undefined): ReportStatus | TransitionRefusal {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(from)) return { code: "report.wrong-state", from, action };
  if (transition.needsReason && !reason?.trim()) return { code: "report.reason-required", action };
  return transition.to;
}

/** The steps open from a state (what buttons a page offers, before permissions). */
export function actionsFrom(status: ReportStatus): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

/** The officer has done their part: the report has left the drafts (submitted or further, or returned after). */
export function hasBeenSubmitted(status: ReportStatus | null): boolean {
  return status === "submitted" || status === "approved" || status === "accepted" || status === "returned";
}

/**
 * Sở Nội vụ holds the report as it stands: approved by the agency's leader (sent) or accepted. What the
 * consolidation and the dashboard read; a report returned for correction or still with the leader is not.
 */
export function isReceived(status: ReportStatus | null): boolean {
  return status === "approved" || status === "accepted";
}
