/** Where an agency stands with its sub-plan against the province plan's deadline. Pure. */

export type SubPlanStatus = "issued-on-time" | "issued-late" | "draft" | "missing";

/**
 * An issued sub-plan is on time when dated on or before the deadline (no deadline: always on time); a
 * superseded one still counts as issued, with its date.
 */
export function subPlanStatus(subPlan: { status: "draft" | "issued" | "superseded"; issuedOn: string | null } | null, deadline: string | null): SubPlanStatus {
  if (!subPlan) return "missing";
  if (subPlan.status === "draft") return "draft";
  if (deadline === null || subPlan.issuedOn === null) return "issued-on-time";
  return subPlan.issuedOn <= deadline ? "issued-on-time" : "issued-late";
}
