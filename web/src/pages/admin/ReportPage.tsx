/**
 * One agency's report for one period (/admin/reports/:id): the header (agency, period and its cut-off window,
 * deadline, state), the return reason when it came back, then per assigned task its status, progress and
 * what was done; the figures of the form with their problems beside them; the narrative per outline
 * heading; the general sections. Saved by itself ~1.5 s after the last change («Đã lưu lúc 09:41»); when
 * someone else saved in between, both versions side by side and the person chooses. The steps the person
 * may take now stand in a bar that stays in view under the page header; those that need a reason ask for it.
 */
import { useEffect, useReducer, useRef, useState, type ReactNode } from "react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { formatCompact, formatDateTime, isoDateInVietnam } from "@domain/format.ts";
import { timeliness } from "@domain/report-timeliness.ts";
import { figureIssues, ratioValue } from "@domain/report-figures.ts";
import type { ReportAction } from "@domain/report-workflow.ts";
import { parsePeriodKey, previousPeriod } from "@domain/reporting-periods.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type ReportFigure, type ReportIssue, type ReportView, type Timeliness } from "../../lib/admin-api.ts";
import { ApiError } from "../../lib/api.ts";
import { dateTime, day, parseDecimal, today } from "../../lib/format.ts";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, FormDialog, PageTitle, Tag, useSubmit } from "./common.tsx";
import { reportKey, reportsKey } from "./data.ts";
import { GENERAL_FIELDS, ReportEditor, type Draft, type FieldKey, type TaskStatus } from "./report-editor.ts";
import { deadlineDistance, figureText, headingLabel, issueText, periodName, periodWithWindow, STATUS_COLORS, targetText, TIMELINESS_COLORS } from "./report-text.ts";

const TASK_STATUS_LIST: TaskStatus[] = ["not-started", "in-progress", "done", "overdue"];
const TASK_STATUS_COLORS: Record<TaskStatus, string> = { "not-started": "gray", "in-progress": "blue", done: "teal", overdue: "red" };
const AUTOSAVE_DELAY = 1500;
/** Steps that say why. */
const WITH_REASON: readonly ReportAction[] = ["send-back", "return", "reopen"];

export function ReportPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  // Always the report as it is now: an editor starts from the version it saves over.
  const query = useQuery({ queryKey: reportKey(id), queryFn: () => reportApi.get(id), enabled: valid, refetchOnWindowFocus: false });
  if (!valid) return <LoadError error={new Error(t.notFoundTitle)} />;
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  if (!query.data || !query.isFetchedAfterMount) return <Loading />;
  return <ReportForm key={id} initial={query.data} />;
}

export function StatusBadge({ status }: { status: ReportView["report"]["status"] }) {
  const { t } = useI18n();
  return (
    <Tag nowrap color={STATUS_COLORS[status]} variant={status === "accepted" || status === "returned" ? "filled" : "light"}>
      <span data-testid="report-status" data-status={status}>
        {t.admin.reports.statuses[status]}
      </span>
    </Tag>
  );
}

/** Whether a report was sent in time: «Đúng hạn», «Gửi muộn», «Quá hạn, chưa gửi» (filled: the one to act on), «Chưa gửi, còn hạn». */
export function TimelinessTag({ timeliness }: { timeliness: Timeliness }) {
  const { t } = useI18n();
  return (
    <Tag nowrap color={TIMELINESS_COLORS[timeliness]} variant={timeliness === "missing" ? "filled" : "light"}>
      <span data-testid="timeliness">{t.admin.reports.timeliness[timeliness]}</span>
    </Tag>
  );
}

function useEditor(initial: ReportView): ReportEditor {
  const { lang } = useI18n();
  const queryClient = useQueryClient();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const ref = useRef<ReportEditor | null>(null);
  if (!ref.current) {
    ref.current = new ReportEditor(initial, {
      decimalComma: lang === "vi",
      delay: AUTOSAVE_DELAY,
      save: reportApi.save,
      reload: reportApi.get,
      onChange: rerender,
      onSaved: (view) => queryClient.setQueryData(reportKey(view.report.id), view),
    });
  }
  const editor = ref.current;
  useEffect(() => () => editor.dispose(), [editor]);
  // Closing the tab with a change not yet saved asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (editor.hasUnsaved) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [editor]);
  return editor;
}

function ReportForm({ initial }: { initial: ReportView }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const f = t.admin.reports.form;
  const editor = useEditor(initial);
  const view = editor.base;
  const { report, organisation, plan, period } = view;
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const editable = view.editable && !editor.locked;
  useTitle(`${organisation.name} — ${periodName(period, words, "short")}`);

  // The figures as typed now: a ratio follows its parts, problems show while typing.
  const rules = view.figures.map((figure) => figure.rule);
  const values = new Map<number, number | null>(
    view.figures.map((figure) => {
      if (figure.computed || !editable) return [figure.rule.id, figure.value];
      const parsed = parseDecimal(editor.draft.figures[figure.rule.id] ?? "");
      return [figure.rule.id, parsed ?? null];
    }),
  );
  // An empty required figure is only a problem once the person tries to send (the mark * says it before).
  const [tried, setTried] = useState(false);
  const issues: ReportIssue[] = editable ? figureIssues(rules, values).filter((issue) => tried || issue.code !== "figure.required") : view.issues;

  return (
    <Stack gap="md" data-testid="report-form" data-version={view.report.version}>
      <Anchor component={Link} to={`/admin/reports${search}`} size="sm" data-testid="back-to-reports">
        ← {f.back}
      </Anchor>
      <PageTitle right={<StatusBadge status={report.status} />}>{fill(f.title, { period: periodName(period, words, "short") })}</PageTitle>
      <ReportHeader view={view} />
      <ReturnNotice view={view} />
      {editable && report.prefilledFromId !== null && report.status === "draft" && (
        <Alert color="blue" variant="light" data-testid="prefilled">
          {fill(f.prefilled, { period: prefilledFrom(period.key, words) })}
        </Alert>
      )}
      <ActionBar editor={editor} issues={issues} onRefused={() => setTried(true)} />
      {editor.conflict && <ConflictView editor={editor} />}
      {editor.locked && (
        <Alert color="orange" variant="light" data-testid="report-locked">
          {f.locked}
        </Alert>
      )}

      <Section title={`1. ${fill(f.tasks, { n: view.tasks.length })}`} testId="report-tasks">
        {view.tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {f.tasksNone}
          </Text>
        ) : (
          view.tasks.map((entry) => <TaskRow key={entry.task.id} entry={entry} editor={editor} editable={editable} />)
        )}
      </Section>

      <Section title={`2. ${f.figures}`} testId="report-figures">
        {view.figures.length === 0 ? (
          <Text size="sm" c="dimmed">
            {f.figuresNone}
          </Text>
        ) : (
          <FiguresTable figures={view.figures} values={values} issues={issues} editor={editor} editable={editable} />
        )}
      </Section>

      <Section title={`3. ${f.sections}`} testId="report-sections">
        {view.outline.filter((heading) => editable || (report.sections[heading.key] ?? "").trim() !== "").map((heading) => (
          <TextField
            key={heading.key}
            label={headingLabel(heading)}
            value={editable ? (editor.draft.sections[heading.key] ?? "") : (report.sections[heading.key] ?? "")}
            editable={editable}
            placeholder={f.sectionPlaceholder}
            onChange={(text) => editor.change(`section:${heading.key}`, (d) => void (d.sections[heading.key] = text))}
            testId={`section-${heading.key}`}
          />
        ))}
        {!editable && <EmptyHeadings view={view} />}
      </Section>

      <Section title={`4. ${f.general}`} testId="report-general">
        {GENERAL_FIELDS.map((field) => (
          <TextField
            key={field}
            label={f[field]}
            value={editable ? editor.draft.general[field] : (report[field] ?? "")}
            editable={editable}
            onChange={(text) => editor.change(`general:${field}`, (d) => void (d.general[field] = text))}
            testId={`general-${field}`}
          />
        ))}
      </Section>

      <Section title={`5. ${t.admin.reports.evidence.title}`} testId="report-evidence">
        <EvidenceList view={view} editable={editable} />
      </Section>
    </Stack>
  );
}

/** The report's evidence files: a download each; while editable, attach more (several at once) or remove one. */
function EvidenceList({ view, editable }: { view: ReportView; editable: boolean }) {
  const { t, lang, fill } = useI18n();
  const e = t.admin.reports.evidence;
  const toast = useToast();
  const [files, setFiles] = useState(view.evidence);
  const [uploading, setUploading] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const { run, error } = useSubmit();
  // A newer answer (a save, a step) brings the list as the server has it.
  useEffect(() => setFiles(view.evidence), [view.evidence]);
  const size = (bytes: number) => (bytes < 1024 * 1024 ? `${formatCompact(Math.max(1, bytes / 1024), 0, lang)} KB` : `${formatCompact(bytes / 1024 / 1024, 1, lang)} MB`);

  const upload = async (chosen: File[]) => {
    const failed: string[] = [];
    let added = 0;
    for (const file of chosen) {
      // Refused here rather than after the whole file has travelled to the server.
      if (file.size > view.evidenceLimitBytes) {
        failed.push(fill(e.failed, { name: file.name, message: fill(e.tooLarge, { size: size(file.size), limit: size(view.evidenceLimitBytes) }) }));
        continue;
      }
      setUploading(file.name);
      try {
        const stored = await reportApi.addEvidence(view.report.id, file);
        setFiles((list) => [...list, stored]);
        added += 1;
      } catch (err) {
        failed.push(fill(e.failed, { name: file.name, message: err instanceof Error ? err.message : String(err) }));
      }
    }
    setUploading(null);
    setProblems(failed);
    if (added) toast(fill(e.added, { n: added }));
  };
  const remove = (id: number, name: string) =>
    run(async () => {
      await reportApi.removeEvidence(view.report.id, id);
      setFiles((list) => list.filter((file) => file.id !== id));
      toast(fill(e.removed, { name }));
    });

  return (
    <Stack gap="xs">
      {files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {e.none}
        </Text>
      ) : (
        <Stack gap={4}>
          {files.map((file) => (
            <Group key={file.id} gap="sm" wrap="nowrap" data-testid="evidence-file" data-name={file.fileName}>
              <Badge variant="light" color="gray" radius="sm" w={52} style={{ flexShrink: 0 }}>
                {(file.fileName.split(".").pop() ?? "").toUpperCase()}
              </Badge>
              <Anchor href={reportApi.evidenceUrl(view.report.id, file.id)} size="sm" fw={500} style={{ wordBreak: "break-all" }} data-testid="evidence-link">
                {file.fileName}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {size(file.bytes)} · {dateTime(file.uploadedAt)}
              </Text>
              {editable && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(file.id, file.fileName)} data-testid="evidence-remove">
                  {e.remove}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {editable && (
        <Group gap="sm">
          <FileButton onChange={(chosen) => void upload(chosen)} accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" multiple>
            {(props) => (
              <Button {...props} variant="light" size="sm" loading={uploading !== null} data-testid="evidence-add">
                + {e.add}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" data-testid="evidence-hint">
            {uploading ? fill(e.uploading, { name: uploading }) : fill(e.hint, { size: size(view.evidenceLimitBytes) })}
          </Text>
        </Group>
      )}
      {problems.map((problem, i) => (
        <Text key={i} size="sm" c="red.8" data-testid="evidence-error">
          {problem}
        </Text>
      ))}
      <ErrorMessage error={error} />
    </Stack>
  );
}

/** Read, the headings nobody wrote under are named in one line rather than one «Không ghi.» each. */
function EmptyHeadings({ view }: { view: ReportView }) {
  const { t, fill } = useI18n();
  const empty = view.outline.filter((heading) => !(view.report.sections[heading.key] ?? "").trim());
  if (empty.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="empty-headings">
      {fill(t.admin.reports.form.emptyHeadings, { list: empty.map((heading) => heading.node ?? heading.title).join(", ") })}
    </Text>
  );
}

/** «quý IV/2025»: the period a new draft took its words and stocks from. */
function prefilledFrom(key: string, words: Parameters<typeof periodName>[1]): string {
  const current = parsePeriodKey(key);
  return current ? periodName(previousPeriod(current), words, "short") : "";
}

function ReportHeader({ view }: { view: ReportView }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const f = t.admin.reports.form;
  const { period, plan, organisation, report } = view;
  // Counted until it is sent (the leader's approval); a returned report was sent in its time (or not) already.
  const sentOn = report.sentAt ? isoDateInVietnam(new Date(report.sentAt)) : null;
  const state = timeliness(sentOn, period.deadline, today());
  const late = state === "missing" || state === "late";
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={700} size="lg" data-testid="report-agency">
        {organisation.name}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt={6}>
        <Labelled label={f.period}>
          <Text size="sm" data-testid="report-period">
            {periodWithWindow(period, words)}
          </Text>
        </Labelled>
        <Labelled label={f.deadline}>
          <Text size="sm" fw={600} c={late ? "red.8" : undefined} data-testid="report-deadline">
            {day(period.deadline)}
            {sentOn ? "" : ` · ${deadlineDistance(period.deadline, today(), words)}`}
          </Text>
          {sentOn && (
            <Group gap={6} mt={2} data-testid="report-sent">
              <Text size="sm">{fill(t.admin.reports.regime.sentOn, { date: day(sentOn) })}</Text>
              <TimelinessTag timeliness={state} />
            </Group>
          )}
        </Labelled>
        <Labelled label={fill(f.plan, { number: plan.number ?? t.admin.plans.noNumber })}>
          <Text size="sm" lineClamp={2}>
            {plan.summary}
          </Text>
        </Labelled>
      </SimpleGrid>
    </Paper>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** Returned by Sở Nội vụ (or sent back by the leader): why, where it cannot be missed. */
function ReturnNotice({ view }: { view: ReportView }) {
  const { t, lang, fill } = useI18n();
  const f = t.admin.reports.form;
  const { report } = view;
  const sentBack = report.status === "draft" && report.returnedAt !== null;
  if (!report.returnReason || (report.status !== "returned" && !sentBack)) return null;
  return (
    <Alert
      color="red"
      variant="light"
      radius="md"
      title={`${sentBack ? f.sentBack : f.returnedBy}${report.returnedAt ? ` ${fill(f.returnedOn, { date: formatDateTime(new Date(report.returnedAt), lang) })}` : ""}`}
      styles={{ root: { borderLeft: "4px solid var(--mantine-color-red-7)" } }}
      data-testid="return-reason"
    >
      <Text size="md" fw={500} style={{ whiteSpace: "pre-wrap" }}>
        {report.returnReason}
      </Text>
    </Alert>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** A text of the report: a growing box while editable, the text itself once it is not. */
function TextField(props: { label: string; value: string; editable: boolean; placeholder?: string; onChange: (text: string) => void; testId: string }) {
  const { t } = useI18n();
  if (!props.editable) {
    return (
      <Stack gap={2} data-testid={props.testId}>
        <Text size="sm" fw={600}>
          {props.label}
        </Text>
        <Text size="sm" c={props.value.trim() ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap" }} data-testid="text-value">
          {props.value.trim() || t.admin.reports.form.empty}
        </Text>
      </Stack>
    );
  }
  return (
    <Textarea
      label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      autosize
      minRows={2}
      maxRows={16}
      data-testid={props.testId}
    />
  );
}

function TaskRow({ entry, editor, editable }: { entry: ReportView["tasks"][number]; editor: ReportEditor; editable: boolean }) {
  const { t, fill } = useI18n();
  const f = t.admin.reports.form;
  const narrow = useMediaQuery("(max-width: 48em)");
  const { task } = entry;
  const [whole, setWhole] = useState(false);
  const current = editable ? editor.draft.tasks[task.id]! : { status: entry.status, progress: entry.progress, narrative: entry.narrative ?? "" };
  const key: FieldKey = `task:${task.id}`;
  // Done means 100 %, and 100 % means done; any progress means started.
  const setStatus = (status: TaskStatus) =>
    editor.change(key, (d) => {
      const row = d.tasks[task.id]!;
      row.status = status;
      if (status === "done") row.progress = 100;
      else if (status === "not-started") row.progress = 0;
    });
  const setProgress = (progress: number) =>
    editor.change(key, (d) => {
      const row = d.tasks[task.id]!;
      row.progress = progress;
      if (progress === 100) row.status = "done";
      else if (row.status === "done" || (row.status === "not-started" && progress > 0)) row.status = "in-progress";
    });
  return (
    <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)" data-testid="report-task" data-ref={task.ref ?? ""}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Text size="sm" fw={700} miw={48} style={{ whiteSpace: "nowrap" }}>
          {task.ref ?? "—"}
        </Text>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {/* A long task is cut to three lines while it is being reported on; a click shows it whole. */}
          <Text
            size="sm"
            lh={1.45}
            lineClamp={editable && !whole ? 3 : undefined}
            title={editable && !whole ? task.text : undefined}
            onClick={() => setWhole((w) => !w)}
            style={{ cursor: editable ? "pointer" : undefined }}
          >
            {task.text}
          </Text>
          {task.dueOn && (
            <Text size="xs" c="dimmed">
              {fill(f.due, { date: day(task.dueOn) })}
            </Text>
          )}
        </Stack>
        <Tag nowrap color={task.role === "lead" ? "red" : "blue"} variant={task.role === "lead" ? "filled" : "light"}>
          {f.role[task.role]}
        </Tag>
      </Group>
      {editable ? (
        <Stack gap="xs" mt="xs">
          <Group gap="md" align="flex-end" wrap={narrow ? "wrap" : "nowrap"}>
            <Select
              label={f.taskStatus}
              data={TASK_STATUS_LIST.map((status) => ({ value: status, label: f.taskStatuses[status] }))}
              value={current.status}
              onChange={(value) => value && setStatus(value as TaskStatus)}
              allowDeselect={false}
              w={190}
              comboboxProps={{ withinPortal: true }}
              data-testid="task-status"
            />
            <Stack gap={4} style={{ flex: 1, minWidth: 160 }}>
              <Text size="sm" fw={500}>
                {f.progress}
              </Text>
              <Slider value={current.progress} onChange={setProgress} min={0} max={100} step={5} label={(v) => `${v}%`} color="teal" mb={8} aria-label={f.progress} />
            </Stack>
            <NumberInput
              aria-label={f.progress}
              value={current.progress}
              onChange={(value) => setProgress(Math.max(0, Math.min(100, Math.round(Number(value) || 0))))}
              min={0}
              max={100}
              clampBehavior="strict"
              allowDecimal={false}
              suffix="%"
              w={84}
              data-testid="task-progress"
            />
          </Group>
          <Textarea
            label={f.narrative}
            placeholder={f.narrativePlaceholder}
            value={current.narrative}
            onChange={(event) => {
              const text = event.currentTarget.value;
              editor.change(key, (d) => void (d.tasks[task.id]!.narrative = text));
            }}
            autosize
            minRows={2}
            maxRows={12}
            data-testid="task-narrative"
          />
        </Stack>
      ) : (
        <Stack gap={6} mt="xs">
          <Group gap="sm" wrap="nowrap">
            <Tag nowrap color={TASK_STATUS_COLORS[current.status]}>
              <span data-testid="task-status-text">{f.taskStatuses[current.status]}</span>
            </Tag>
            <Progress value={current.progress} color="teal" size="lg" style={{ flex: 1, maxWidth: 320 }} aria-label={f.progress} />
            <Text size="sm" fw={600}>
              {current.progress}%
            </Text>
          </Group>
          <Text size="sm" c={current.narrative.trim() ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap" }} data-testid="task-narrative-text">
            {current.narrative.trim() || f.empty}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

/** The figures: a table (a card each on a phone) with the problems beside their field and ratios computed. */
function FiguresTable(props: { figures: ReportFigure[]; values: Map<number, number | null>; issues: ReportIssue[]; editor: ReportEditor; editable: boolean }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const f = t.admin.reports.form;
  const narrow = useMediaQuery("(max-width: 48em)");
  const rules = props.figures.map((figure) => figure.rule);
  const rows = props.figures.map((figure) => {
    const { rule } = figure;
    const typed = props.editor.draft.figures[rule.id] ?? "";
    const notANumber = props.editable && !figure.computed && parseDecimal(typed) === undefined;
    const own = props.issues.filter((issue) => issue.indicatorId === rule.id);
    const value = figure.computed ? ratioValue(rule, rules, props.values) : (props.values.get(rule.id) ?? null);
    const unit = figure.computed || rule.valueType === "percent" ? "%" : (rule.unit ?? "");
    const target = targetText(rule.targetValue, rule, lang);
    const name = (
      <>
        <Text size="sm" fw={500}>
          {rule.name}
          {rule.required && !figure.computed && (
            <Text span c="red" title={f.requiredMark}>
              {" *"}
            </Text>
          )}
        </Text>
        {figure.taskRef && (
          <Text size="xs" c="dimmed">
            {figure.taskRef}
          </Text>
        )}
        {own.map((issue, i) => (
          <Text key={i} size="xs" c="orange.9" fw={600} mt={2} data-testid="figure-issue">
            ⚠ {issueText(issue, words)}
          </Text>
        ))}
        {notANumber && (
          <Text size="xs" c="red.8" fw={600} mt={2} data-testid="figure-issue">
            ⚠ {f.notANumber}
          </Text>
        )}
      </>
    );
    const field = figure.computed ? (
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600} data-testid="figure-computed">
          {figureText(value, rule, lang, false)}
        </Text>
        <Text size="xs" c="dimmed">
          ({f.computed})
        </Text>
      </Group>
    ) : props.editable ? (
      <TextInput
        value={typed}
        onChange={(event) => {
          const text = event.currentTarget.value;
          props.editor.change(`figure:${rule.id}`, (d) => void (d.figures[rule.id] = text));
        }}
        inputMode="decimal"
        autoComplete="off"
        aria-label={rule.name}
        error={own.length > 0 || notANumber || undefined}
        rightSection={narrow && unit ? <Text size="xs">{unit}</Text> : rule.valueType === "percent" ? <Text size="xs">%</Text> : undefined}
        rightSectionWidth={narrow && unit ? Math.max(28, unit.length * 8 + 12) : undefined}
        data-testid="figure-input"
      />
    ) : (
      <Text size="sm" fw={600} data-testid="figure-value">
        {figureText(value, rule, lang, narrow)}
      </Text>
    );
    return { figure, problem: own.length > 0 || notANumber, unit, target, name, field };
  });
  const flagged = { background: "var(--mantine-color-orange-0)" };

  if (narrow) {
    return (
      <Stack gap="xs" data-testid="figures-table">
        {rows.map(({ figure, problem, target, name, field }) => (
          <Paper key={figure.rule.id} withBorder radius="sm" p="xs" style={problem ? flagged : undefined} data-testid="figure-row" data-name={figure.rule.name}>
            {name}
            <Group gap="sm" mt={6} wrap="nowrap" justify="space-between">
              <div style={{ flex: 1, maxWidth: 220 }}>{field}</div>
              {figure.rule.targetValue !== null && (
                <Text size="xs" c="dimmed">
                  {f.target}: {target}
                </Text>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} data-testid="figures-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{f.figure}</Table.Th>
            <Table.Th w={110}>{f.unit}</Table.Th>
            <Table.Th w={170}>{f.value}</Table.Th>
            <Table.Th w={110} ta="right">
              {f.target}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ figure, problem, unit, target, name, field }) => (
            <Table.Tr key={figure.rule.id} data-testid="figure-row" data-name={figure.rule.name} style={problem ? flagged : undefined}>
              <Table.Td>{name}</Table.Td>
              <Table.Td>
                <Text size="sm">{unit}</Text>
              </Table.Td>
              <Table.Td>{field}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c="dimmed">
                  {target}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Someone saved in between: for each field the person changed, the current text beside theirs; they choose. */
function ConflictView({ editor }: { editor: ReportEditor }) {
  const { t, lang, fill } = useI18n();
  const c = t.admin.reports.conflict;
  const f = t.admin.reports.form;
  const current = editor.conflict!;
  const { busy, run } = useSubmit();
  const theirs = (key: FieldKey) => describe(key, current, null);
  const mine = (key: FieldKey) => describe(key, current, editor.draft);

  function describe(key: FieldKey, view: ReportView, draft: Draft | null): { label: string; text: string } {
    const [kind, id] = key.split(/:(.*)/s) as [string, string];
    if (kind === "section") {
      const heading = view.outline.find((h) => h.key === id);
      return { label: heading?.title ?? id, text: draft ? (draft.sections[id] ?? "") : (view.report.sections[id] ?? "") };
    }
    if (kind === "general") return { label: f[id as (typeof GENERAL_FIELDS)[number]], text: draft ? draft.general[id as (typeof GENERAL_FIELDS)[number]] : (view.report[id as (typeof GENERAL_FIELDS)[number]] ?? "") };
    if (kind === "task") {
      const entry = view.tasks.find((e) => e.task.id === Number(id));
      const row = draft ? draft.tasks[Number(id)]! : { status: entry?.status ?? "not-started", progress: entry?.progress ?? 0, narrative: entry?.narrative ?? "" };
      return { label: fill(c.task, { ref: entry?.task.ref ?? "" }), text: `${f.taskStatuses[row.status]} · ${row.progress}%${row.narrative ? `\n${row.narrative}` : ""}` };
    }
    const figure = view.figures.find((x) => x.rule.id === Number(id));
    const value = draft ? (draft.figures[Number(id)] ?? "") : figure ? figureText(figure.value, figure.rule, lang, false) : "";
    return { label: figure?.rule.name ?? id, text: value };
  }

  const keys = [...editor.dirty.keys()];
  const changed = changedBetween(editor.base, current).map((key) => theirs(key).label);
  return (
    <Alert color="orange" variant="light" radius="md" title={c.title} data-testid="conflict" styles={{ root: { borderLeft: "4px solid var(--mantine-color-orange-7)" } }}>
      <Stack gap="sm">
        <Text size="sm">{fill(c.text, { who: c.someone })}</Text>
        {changed.length > 0 && (
          <Text size="sm" fw={500} data-testid="conflict-their-changes">
            {fill(c.theyChanged, { list: changed.join("; ") })}
          </Text>
        )}
        <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" data-testid="conflict-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{c.field}</Table.Th>
              <Table.Th>{c.theirs}</Table.Th>
              <Table.Th>{c.yours}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => (
              <Table.Tr key={key} data-testid="conflict-row" data-field={key}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {theirs(key).label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="conflict-theirs">
                    {theirs(key).text || "—"}
                  </Text>
                </Table.Td>
                <Table.Td bg="var(--mantine-color-yellow-0)">
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="conflict-yours">
                    {mine(key).text || "—"}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="sm">
          <Button color="orange" loading={busy} onClick={() => void run(async () => void (await editor.keepMine()))} data-testid="keep-mine" title={c.keepMineHint}>
            {c.keepMine}
          </Button>
          <Button variant="default" onClick={() => editor.useTheirs()} data-testid="use-theirs" title={c.useTheirsHint}>
            {c.useTheirs}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The fields someone else changed between the version the person loaded and the current one. */
function changedBetween(loaded: ReportView, current: ReportView): FieldKey[] {
  const keys: FieldKey[] = [];
  for (const heading of current.outline) if ((loaded.report.sections[heading.key] ?? "") !== (current.report.sections[heading.key] ?? "")) keys.push(`section:${heading.key}`);
  for (const field of GENERAL_FIELDS) if ((loaded.report[field] ?? "") !== (current.report[field] ?? "")) keys.push(`general:${field}`);
  for (const entry of current.tasks) {
    const before = loaded.tasks.find((e) => e.task.id === entry.task.id);
    if (!before || before.status !== entry.status || before.progress !== entry.progress || (before.narrative ?? "") !== (entry.narrative ?? "")) keys.push(`task:${entry.task.id}`);
  }
  for (const figure of current.figures) {
    if (!figure.computed && loaded.figures.find((f) => f.rule.id === figure.rule.id)?.value !== figure.value) keys.push(`figure:${figure.rule.id}`);
  }
  return keys;
}

/** The bar that stays in view: where the saving stands, the figure problems in one line, the steps open now. */
function ActionBar({ editor, issues, onRefused }: { editor: ReportEditor; issues: ReportIssue[]; onRefused: () => void }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const r = t.admin.reports;
  const view = editor.base;
  const queryClient = useQueryClient();
  const toast = useToast();
  const { busy, error, run } = useSubmit();
  const [asking, setAsking] = useState<ReportAction | null>(null);
  const [refused, setRefused] = useState<ReportIssue[] | null>(null);
  const actions = editor.locked ? [] : view.actions;

  const act = (action: ReportAction, reason?: string) =>
    run(async () => {
      setRefused(null);
      if (!(await editor.flush())) return;
      try {
        const next = await reportApi.act(view.report.id, action, editor.base.report.version, reason);
        editor.replace(next);
        queryClient.setQueryData(reportKey(next.report.id), next);
        await queryClient.invalidateQueries({ queryKey: reportsKey, predicate: (q) => q.queryKey[2] !== next.report.id });
        setAsking(null);
        toast(r.done[action]);
      } catch (e) {
        if (e instanceof ApiError && e.code === "report.figures-invalid") {
          setAsking(null);
          onRefused();
          setRefused((e.details as { issues?: ReportIssue[] } | undefined)?.issues ?? []);
          return;
        }
        throw e;
      }
    });

  const label = (action: ReportAction) => (action === "submit" && view.report.status === "returned" ? r.actions.resubmit : r.actions[action]);
  const color = (action: ReportAction) => (action === "send-back" || action === "return" || action === "reopen" ? "red" : "teal");
  const bar = view.editable || actions.length > 0;
  return (
    <>
      {bar && (
        <Paper
          withBorder
          radius="md"
          p="sm"
          pos="sticky"
          top={68}
          style={{ zIndex: 5, boxShadow: "0 2px 10px rgba(0,0,0,0.06)" }}
          data-testid="report-actions"
        >
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="sm">
              <SaveState editor={editor} />
              {view.editable && issues.length > 0 && (
                <Badge color="orange" variant="light" tt="none" radius="sm" data-testid="issues-count">
                  {fill(r.form.issuesTitle, { n: issues.length })}
                </Badge>
              )}
            </Group>
            <Group gap="xs">
              {actions.map((action) => (
                <Button
                  key={action}
                  color={color(action)}
                  variant={color(action) === "red" ? "light" : "filled"}
                  loading={busy && asking === null}
                  disabled={editor.conflict !== null}
                  onClick={() => (WITH_REASON.includes(action) ? setAsking(action) : void act(action))}
                  data-testid={`action-${action}`}
                >
                  {label(action)}
                </Button>
              ))}
            </Group>
          </Group>
        </Paper>
      )}
      {refused && (
        <Alert color="red" variant="light" title={fill(r.form.issuesTitle, { n: refused.length })} data-testid="submit-refused">
          <List size="sm" spacing={2}>
            {refused.map((issue, i) => (
              <List.Item key={i}>{issueText(issue, words)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorMessage error={error} />
      {asking && <ReasonDialog action={asking} agency={view.organisation.name} busy={busy} error={error} onClose={() => setAsking(null)} onSubmit={(reason) => void act(asking, reason)} />}
    </>
  );
}

function SaveState({ editor }: { editor: ReportEditor }) {
  const { t, fill } = useI18n();
  const f = t.admin.reports.form;
  if (editor.conflict) {
    // The conflict view may be far above where the person is typing: the bar, always in view, leads there.
    return (
      <Button
        size="compact-sm"
        color="orange"
        variant="light"
        onClick={() => document.querySelector("[data-testid=conflict]")?.scrollIntoView({ behavior: "smooth", block: "center" })}
        data-testid="save-state"
        data-state="conflict"
      >
        ⚠ {f.conflictPending}
      </Button>
    );
  }
  if (!editor.base.editable) return null;
  if (editor.state === "pending" || editor.state === "saving") {
    return (
      <Text size="sm" c="dimmed" data-testid="save-state" data-state="saving">
        {f.saving}
      </Text>
    );
  }
  if (editor.state === "error") {
    const message = editor.error instanceof Error ? editor.error.message : String(editor.error);
    return (
      <Group gap="xs" data-testid="save-state" data-state="error">
        <Text size="sm" c="red.8">
          {fill(f.saveFailed, { message })}
        </Text>
        <Button size="compact-sm" variant="light" color="red" onClick={() => void editor.flush()}>
          {f.retry}
        </Button>
      </Group>
    );
  }
  if (editor.savedAt) {
    return (
      <Text size="sm" c="teal.8" data-testid="save-state" data-state="saved">
        ✓ {fill(f.savedAt, { time: dateTime(editor.savedAt).split(" ")[0]! })}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" data-testid="save-state" data-state="idle">
      {f.autosave}
    </Text>
  );
}

function ReasonDialog(props: { action: ReportAction; agency: string; busy: boolean; error: unknown; onClose: () => void; onSubmit: (reason: string) => void }) {
  const { t, fill } = useI18n();
  const r = t.admin.reports;
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const titles: Record<string, string> = { "send-back": r.reason["send-back"], return: fill(r.reason.return, { agency: props.agency }), reopen: r.reason.reopen };
  return (
    <FormDialog
      title={titles[props.action] ?? r.actions[props.action]}
      onClose={props.onClose}
      onSubmit={() => {
        setTried(true);
        if (reason.trim()) props.onSubmit(reason.trim());
      }}
      busy={props.busy}
      error={props.error}
      submitLabel={r.actions[props.action]}
      color="red"
      testId="reason-form"
      submitTestId="confirm-reason"
    >
      {props.action === "reopen" && (
        <Text size="sm" c="dimmed">
          {r.reason.reopenNote}
        </Text>
      )}
      <Textarea
        label={r.reason.label}
        placeholder={r.reason.placeholder}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={tried && !reason.trim() ? r.reason.required : undefined}
        autosize
        minRows={3}
        data-autofocus
        data-testid="reason-text"
      />
    </FormDialog>
  );
}
