/**
 * A plan's tasks as the pages arrange them: under the dimension they serve (a sub-dimension's task under
 * its dimension, a task of no node under «Chung»), who leads and who supports, a task as the body PUT
 * /tasks/{id} takes back, and the assignment matrix's cycle (empty → Chủ trì → Phối hợp → empty). Pure.
 */
import type { PlanAgency, Task, TaskAgency, TaskInput } from "../../lib/admin-api.ts";
import { ORGANISATION_KINDS } from "@domain/organisations.ts";
import { collator } from "../../lib/format.ts";
import type { NodeName } from "./plan-text.ts";

export type Role = TaskAgency["role"];
/** A body's part in a task, stored (with an id) or about to be sent. */
export type AgencyEntry = Pick<TaskAgency, "role" | "organisationId" | "name">;

/** "D3" for "D3" and for "3.2"; null for anything else. */
export function dimensionOf(node: string): string | null {
  if (/^D\d+$/.test(node)) return node;
  const match = /^(\d+)\.\d+$/.exec(node);
  return match ? `D${match[1]}` : null;
}

const dimensionNumber = (code: string) => Number(code.slice(1));

/**
 * The tasks under each dimension they serve, in the framework's order (a task serving two dimensions
 * stands under both), then those of no dimension under `null` («Chung»). Dimensions without tasks are left out.
 */
export function tasksByDimension<T extends Pick<Task, "nodes">>(tasks: readonly T[], nodes: readonly NodeName[]): { dimension: string | null; tasks: T[] }[] {
  const groups = new Map<string | null, T[]>();
  for (const task of tasks) {
    const dimensions = [...new Set(task.nodes.map(dimensionOf).filter((d): d is string => d !== null))];
    for (const dimension of dimensions.length > 0 ? dimensions : [null]) groups.set(dimension, [...(groups.get(dimension) ?? []), task]);
  }
  const order = nodes.filter((n) => n.level === "dimension").map((n) => n.code);
  const rank = (d: string | null) => (d === null ? Infinity : order.includes(d) ? order.indexOf(d) : order.length + dimensionNumber(d));
  return [...groups].sort(([a], [b]) => rank(a) - rank(b)).map(([dimension, list]) => ({ dimension, tasks: list }));
}

/** One body in the matrix and the forms: a listed organisation by id, or a name a plan wrote («UBND các huyện»). */
export interface AgencyRef {
  key: string;
  organisationId: number | null;
  name: string;
  /** A listed organisation's kind; null for a name only. */
  kind: PlanAgency["kind"] | null;
}

export const agencyKey = (agency: { organisationId: number | null; name: string | null }) =>
  agency.organisationId !== null ? `o${agency.organisationId}` : `n:${agency.name ?? ""}`;

/**
 * The bodies a plan's tasks may go to: the province's list (the People's Committee first, then its
 * office, the departments …, each kind in Vietnamese order), then the names already on tasks that are not
 * in it, as the plan wrote them; each once.
 */
export function agencyChoices(listed: readonly PlanAgency[], tasks: readonly Pick<Task, "agencies">[]): AgencyRef[] {
  const refs = new Map<string, AgencyRef>();
  for (const a of listed) refs.set(`o${a.id}`, { key: `o${a.id}`, organisationId: a.id, name: a.name, kind: a.kind });
  for (const task of tasks) {
    for (const a of task.agencies) {
      const key = agencyKey(a);
      if (!refs.has(key)) refs.set(key, { key, organisationId: a.organisationId, name: a.name, kind: null });
    }
  }
  const kindRank = (ref: AgencyRef) => {
    const rank = ref.kind === null ? -1 : (ORGANISATION_KINDS as readonly string[]).indexOf(ref.kind);
    return rank < 0 ? ORGANISATION_KINDS.length : rank;
  };
  return [...refs.values()].sort((a, b) => kindRank(a) - kindRank(b) || collator.compare(a.name, b.name));
}

/** The role a body has in a task, if any. */
export function roleIn(agencies: readonly AgencyEntry[], key: string): Role | null {
  return agencies.find((a) => agencyKey(a) === key)?.role ?? null;
}

/** The matrix's click: empty → Chủ trì → Phối hợp → empty. */
export const nextRole = (role: Role | null): Role | null => (role === null ? "lead" : role === "lead" ? "support" : null);

/** A task's agencies with one body's role changed (or the body taken off), the others as they were. */
export function withRole(agencies: readonly AgencyEntry[], agency: AgencyRef, role: Role | null): AgencyEntry[] {
  const others = agencies.filter((a) => agencyKey(a) !== agency.key).map(({ role, organisationId, name }) => ({ role, organisationId, name }));
  if (role === null) return others;
  const kept = agencies.findIndex((a) => agencyKey(a) === agency.key);
  const entry = { role, organisationId: agency.organisationId, name: agency.name };
  // The body keeps its place in the list (the order the plan names them in).
  if (kept < 0) return [...others, entry];
  return [...others.slice(0, kept), entry, ...others.slice(kept)];
}

/** A stored task as the body PUT /tasks/{id} replaces it with. */
export function taskInput(task: Task): TaskInput {
  return {
    ref: task.ref,
    text: task.text,
    nodes: task.nodes,
    dueOn: task.dueOn,
    recurrence: task.recurrence,
    output: task.output,
    agencies: task.agencies.map(({ role, organisationId, name }) => ({ role, organisationId, name })),
    indicators: task.indicators.map(({ name, unit, aggregation, numeratorPosition, denominatorPosition, targetValue }) => ({
      name,
      unit,
      aggregation,
      numeratorPosition,
      denominatorPosition,
      targetValue,
    })),
  };
}

/** The names of a task's bodies with that role, in the task's order. */
export const namesWith = (task: { agencies: readonly AgencyEntry[] }, role: Role) => task.agencies.filter((a) => a.role === role).map((a) => a.name);

/** A long text cut at a word, with «…»: for a matrix row or a list. */
export function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}
