/**
 * The report form's state outside React: what the server last answered (`base`, with its version), what the
 * person sees and types (`draft`), which fields they changed since (`dirty`, each with the revision of its last
 * change), and the autosave: a save ~1.5 s after the last change sends only the changed fields over the loaded
 * version; a change made while a save is under way is saved right after it. A 409 report.conflict stops the
 * saving and keeps both sides until the person chooses: their changes re-applied on the current version, or
 * the current version as it is.
 */
import type { TASK_STATUSES } from "../../../../src/db/schema.ts";
import type { ReportPatch, ReportView } from "../../lib/admin-api.ts";
import { ApiError } from "../../lib/api.ts";
import { parseDecimal } from "../../lib/format.ts";

export type TaskStatus = (typeof TASK_STATUSES)[number];
export const GENERAL_FIELDS = ["difficulties", "proposals", "nextTasks"] as const;
export type GeneralField = (typeof GENERAL_FIELDS)[number];

export interface Draft {
  sections: Record<string, string>;
  general: Record<GeneralField, string>;
  tasks: Record<number, { status: TaskStatus; progress: number; narrative: string }>;
  /** As typed («12,5»); parsed when saved. */
  figures: Record<number, string>;
}

/** A changed field: "section:D1", "general:difficulties", "task:12", "figure:34". */
export type FieldKey = `section:${string}` | `general:${GeneralField}` | `task:${number}` | `figure:${number}`;

/** A value as a person types it: 12.5 → «12,5» in Vietnamese, never grouped (1234, not 1.234). */
export const typedNumber = (value: number | null, decimalComma: boolean) => (value === null ? "" : decimalComma ? String(value).replace(".", ",") : String(value));

export function draftOf(view: ReportView, decimalComma: boolean): Draft {
  const r = view.report;
  return {
    sections: Object.fromEntries(view.outline.map((h) => [h.key, r.sections[h.key] ?? ""])),
    general: { difficulties: r.difficulties ?? "", proposals: r.proposals ?? "", nextTasks: r.nextTasks ?? "" },
    tasks: Object.fromEntries(view.tasks.map((t) => [t.task.id, { status: t.status, progress: t.progress, narrative: t.narrative ?? "" }])),
    figures: Object.fromEntries(view.figures.filter((f) => !f.computed).map((f) => [f.rule.id, typedNumber(f.value, decimalComma)])),
  };
}

/** The draft's value of one field (for the conflict view, and to carry a change over to another version). */
function copyField(from: Draft, to: Draft, key: FieldKey): void {
  const [kind, id] = key.split(/:(.*)/s) as [string, string];
  if (kind === "section") to.sections[id] = from.sections[id] ?? "";
  else if (kind === "general") to.general[id as GeneralField] = from.general[id as GeneralField];
  else if (kind === "task") to.tasks[Number(id)] = { ...from.tasks[Number(id)]! };
  else to.figures[Number(id)] = from.figures[Number(id)] ?? "";
}

const cloneDraft = (d: Draft): Draft => ({
  sections: { ...d.sections },
  general: { ...d.general },
  tasks: Object.fromEntries(Object.entries(d.tasks).map(([k, v]) => [k, { ...v }])),
  figures: { ...d.figures },
});

/** The PATCH for the changed fields, and which of them it carries (a figure that is no number stays out). */
export function patchOf(base: ReportView, draft: Draft, dirty: ReadonlyMap<FieldKey, number>): { patch: Omit<ReportPatch, "version">; sent: [FieldKey, number][] } {
  const patch: Omit<ReportPatch, "version"> = {};
  const sent: [FieldKey, number][] = [];
  const sections: Record<string, string> = {};
  const tasks: NonNullable<ReportPatch["tasks"]> = [];
  const figures: NonNullable<ReportPatch["figures"]> = [];
  for (const [key, revision] of dirty) {
    const [kind, id] = key.split(/:(.*)/s) as [string, string];
    if (kind === "section") sections[id] = draft.sections[id] ?? "";
    else if (kind === "general") patch[id as GeneralField] = draft.general[id as GeneralField].trim() === "" ? null : draft.general[id as GeneralField];
    else if (kind === "task") {
      const task = draft.tasks[Number(id)]!;
      tasks.push({ taskId: Number(id), status: task.status, progress: task.progress, narrative: task.narrative.trim() === "" ? null : task.narrative });
    } else {
      const value = parseDecimal(draft.figures[Number(id)] ?? "");
      if (value === undefined) continue;
      figures.push({ indicatorId: Number(id), value });
    }
    sent.push([key, revision]);
  }
  // The server keeps the sections it is sent as the whole set: the loaded ones with the changed ones over them.
  if (Object.keys(sections).length) patch.sections = { ...base.report.sections, ...sections };
  if (tasks.length) patch.tasks = tasks;
  if (figures.length) patch.figures = figures;
  return { patch, sent };
}

export type SaveState = "idle" | "pending" | "saving" | "saved" | "error";

export class ReportEditor {
  base: ReportView;
  draft: Draft;
  readonly dirty = new Map<FieldKey, number>();
  state: SaveState = "idle";
  savedAt: string | null = null;
  error: unknown = null;
  /** The report as someone else saved it, while the person has not chosen what to keep. */
  conflict: ReportView | null = null;
  /** The report stopped being editable under the person's hands (sent by someone else). */
  locked = false;
  private revision = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<boolean> | null = null;

  constructor(
    view: ReportView,
    private readonly options: {
      decimalComma: boolean;
      delay: number;
      save: (id: number, patch: ReportPatch) => Promise<ReportView>;
      reload: (id: number) => Promise<ReportView>;
      onChange: () => void;
      onSaved: (view: ReportView) => void;
    },
  ) {
    this.base = view;
    this.draft = draftOf(view, options.decimalComma);
  }

  /** Changes one field; the save follows after the pause. */
  change(key: FieldKey, update: (draft: Draft) => void): void {
    const next = cloneDraft(this.draft);
    update(next);
    this.draft = next;
    this.revision += 1;
    this.dirty.set(key, this.revision);
    if (!this.conflict && !this.locked) {
      this.state = "pending";
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), this.options.delay);
    }
    this.options.onChange();
  }

  get hasUnsaved(): boolean {
    return this.dirty.size > 0;
  }

  /** Saves what changed now (after a save under way); true when nothing is left unsaved that could be saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.inFlight) await this.inFlight;
    if (this.conflict || this.locked) return false;
    const { patch, sent } = patchOf(this.base, this.draft, this.dirty);
    if (sent.length === 0) {
      if (this.state === "pending") this.state = this.savedAt ? "saved" : "idle";
      this.options.onChange();
      return true;
    }
    this.state = "saving";
    this.error = null;
    this.options.onChange();
    this.inFlight = this.send(patch, sent);
    const ok = await this.inFlight;
    this.inFlight = null;
    // Changes typed while it was saving go next.
    if (ok && patchOf(this.base, this.draft, this.dirty).sent.length > 0) return this.flush();
    return ok;
  }

  private async send(patch: Omit<ReportPatch, "version">, sent: [FieldKey, number][]): Promise<boolean> {
    try {
      const view = await this.options.save(this.base.report.id, { version: this.base.report.version, ...patch });
      this.base = view;
      for (const [key, revision] of sent) if (this.dirty.get(key) === revision) this.dirty.delete(key);
      this.savedAt = view.report.updatedAt;
      this.state = "saved";
      this.options.onSaved(view);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "report.conflict") {
        const current = (error.details as { current?: ReportView } | undefined)?.current;
        this.conflict = current ?? (await this.options.reload(this.base.report.id));
        this.state = "idle";
      } else if (error instanceof ApiError && error.code === "report.locked") {
        this.base = await this.options.reload(this.base.report.id);
        this.locked = true;
        this.state = "idle";
        this.options.onSaved(this.base);
      } else {
        this.error = error;
        this.state = "error";
      }
      return false;
    } finally {
      this.options.onChange();
    }
  }

  /** The person's changes, carried over onto `view` (the fields they did not change take its values). */
  private rebase(view: ReportView, keepMine: boolean): void {
    const next = draftOf(view, this.options.decimalComma);
    if (keepMine) for (const key of this.dirty.keys()) copyField(this.draft, next, key);
    else this.dirty.clear();
    this.base = view;
    this.draft = next;
  }

  /** «Giữ bản của tôi»: the person's changes saved over the current version. */
  async keepMine(): Promise<boolean> {
    if (!this.conflict) return true;
    this.rebase(this.conflict, true);
    this.conflict = null;
    this.options.onSaved(this.base);
    return this.flush();
  }

  /** «Dùng bản hiện tại»: the person's changes dropped. */
  useTheirs(): void {
    if (!this.conflict) return;
    this.rebase(this.conflict, false);
    this.conflict = null;
    this.state = "idle";
    this.options.onSaved(this.base);
    this.options.onChange();
  }

  /** After a workflow step: the answer becomes the base (nothing is unsaved: the step came after a flush). */
  replace(view: ReportView): void {
    clearTimeout(this.timer);
    this.rebase(view, false);
    this.locked = false;
    this.options.onChange();
  }

  /** Leaving the page: what is still unsaved is sent at once (the page does not wait for the answer). */
  dispose(): void {
    if (this.timer !== undefined && this.dirty.size > 0 && !this.conflict && !this.locked) void this.flush();
    clearTimeout(this.timer);
  }
}
