/**
 * A plan's tasks (nhiệm vụ, giải pháp) under the dimension they serve, D1 … D8 by their framework names and
 * «Chung» for the rest: the task's number and text, the nodes it serves, who leads and who supports, its
 * deadline or rhythm and its output; in an agency's sub-plan, the province task it comes from. A draft's
 * tasks are added, edited and removed here by whoever may edit the plan.
 */
import { useState } from "react";
import { Alert, Badge, Button, Divider, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type PlanDetail, type Task, type TaskInput } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";
import { ConfirmModal, DateField, dayText, dayValue, FormDialog, useSubmit } from "./common.tsx";
import { planKey, usePlanAgencies } from "./data.ts";
import { IndicatorEditor, indicatorFields, indicatorInput } from "./IndicatorEditor.tsx";
import { nodeLabel, type NodeName } from "./plan-text.ts";
import { agencyChoices, agencyKey, namesWith, tasksByDimension, type AgencyEntry, type AgencyRef, type Role } from "./tasks.ts";

const RECURRENCES = ["regular", "monthly", "quarterly", "half-yearly", "yearly"] as const;
const ROLES = ["lead", "support"] as const;
type Recurrence = (typeof RECURRENCES)[number];

export function PlanTasks(props: { detail: PlanDetail; tasks: readonly Task[]; nodes: readonly NodeName[] }) {
  const { t, fill } = useI18n();
  const k = t.admin.plans.tasks;
  const { plan, can } = props.detail;
  const editable = plan.status === "draft" && can.edit;
  const [form, setForm] = useState<Task | "new" | null>(null);
  const [removing, setRemoving] = useState<Task | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const groups = tasksByDimension(props.tasks, props.nodes);
  const refresh = () => queryClient.invalidateQueries({ queryKey: planKey(plan.id) });

  return (
    <Stack gap="lg" data-testid="plan-tasks">
      {editable && (
        <Group>
          <Button onClick={() => setForm("new")} data-testid="add-task">
            + {k.add}
          </Button>
        </Group>
      )}
      {props.tasks.length === 0 && (
        <Alert variant="light" data-testid="no-tasks">
          {k.none}
        </Alert>
      )}
      {groups.map((group) => (
        <Stack key={group.dimension ?? "general"} gap={6} data-testid="task-group" data-dimension={group.dimension ?? "general"}>
          <Group gap="xs" align="baseline">
            <Title order={3} size="h5" data-testid="task-group-title">
              {group.dimension ? nodeLabel(group.dimension, props.nodes) : k.general}
            </Title>
            <Text size="xs" c="dimmed">
              {fill(k.count, { n: group.tasks.length })}
            </Text>
          </Group>
          <Paper withBorder radius="md">
            {group.tasks.map((task, i) => (
              <div key={task.id}>
                {i > 0 && <Divider />}
                <TaskItem
                  task={task}
                  parentNumber={props.detail.parent?.number ?? null}
                  nodes={props.nodes}
                  onEdit={editable ? () => setForm(task) : undefined}
                  onRemove={editable ? () => setRemoving(task) : undefined}
                />
              </div>
            ))}
          </Paper>
        </Stack>
      ))}
      {form && (
        <TaskForm
          planId={plan.id}
          task={form === "new" ? null : form}
          tasks={props.tasks}
          nodes={props.nodes}
          onClose={() => setForm(null)}
          onSaved={async () => {
            toast(form === "new" ? k.created : k.saved);
            await refresh();
          }}
        />
      )}
      {removing && (
        <ConfirmModal
          title={fill(k.removeTitle, { ref: removing.ref ?? k.noRef })}
          confirmLabel={k.remove}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await planApi.removeTask(removing.id);
            toast(k.removed);
            await refresh();
          }}
        >
          <Text size="sm">{k.removeText}</Text>
        </ConfirmModal>
      )}
    </Stack>
  );
}

/** «Từ nhiệm vụ II.1.a của Kế hoạch 170/KH-UBND», for a sub-plan's task copied from its parent. */
export function InheritedFrom({ task, parentNumber }: { task: Pick<Task, "inheritedFromTaskId" | "inheritedRef">; parentNumber: string | null }) {
  const { t, fill } = useI18n();
  const k = t.admin.plans.tasks;
  if (task.inheritedFromTaskId == null && !task.inheritedRef) return null;
  const number = parentNumber ?? t.admin.plans.noNumber;
  return (
    <Text size="xs" c="indigo.8" fs="italic" data-testid="inherited-from">
      {task.inheritedRef ? fill(k.inherited, { ref: task.inheritedRef, number }) : fill(k.inheritedNoRef, { number })}
    </Text>
  );
}

/** Chủ trì and phối hợp as one line each, or the warning that nobody leads. */
export function TaskAgencies({ task }: { task: { agencies: readonly AgencyEntry[] } }) {
  const { t } = useI18n();
  const k = t.admin.plans.tasks;
  const lead = namesWith(task, "lead");
  const support = namesWith(task, "support");
  return (
    <Stack gap={0}>
      {lead.length > 0 ? (
        <Text size="xs" data-testid="task-lead">
          <Text span size="xs" fw={700}>
            {k.lead}:
          </Text>{" "}
          {lead.join("; ")}
        </Text>
      ) : (
        <Text size="xs" c="orange.8" data-testid="task-no-lead">
          {k.noLead}
        </Text>
      )}
      {support.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="task-support">
          <Text span size="xs" fw={700}>
            {k.support}:
          </Text>{" "}
          {support.join("; ")}
        </Text>
      )}
    </Stack>
  );
}

/** «Thời hạn: 30/06/2019» or «Thường xuyên»; nothing when the plan sets neither. */
export function dueText(task: Pick<Task, "dueOn" | "recurrence">, k: { due: string; recurrences: Record<Recurrence, string> }): string | null {
  if (task.dueOn) return `${k.due}: ${day(task.dueOn)}`;
  if (task.recurrence) return k.recurrences[task.recurrence];
  return null;
}

function TaskItem(props: { task: Task; parentNumber: string | null; nodes: readonly NodeName[]; onEdit?: () => void; onRemove?: () => void }) {
  const { t } = useI18n();
  const k = t.admin.plans.tasks;
  const { task } = props;
  const due = dueText(task, k);
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" p="sm" data-testid="task-row" data-ref={task.ref ?? ""} data-id={task.id}>
      <Text size="sm" fw={700} miw={56} style={{ whiteSpace: "nowrap" }} data-testid="task-ref">
        {task.ref ?? "—"}
      </Text>
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" lh={1.5} data-testid="task-text">
          {task.text}
        </Text>
        <InheritedFrom task={task} parentNumber={props.parentNumber} />
        <Group gap={4} wrap="wrap">
          {task.nodes.map((node) => (
            <Badge key={node} size="sm" variant="light" color="gray" tt="none" radius="sm" title={nodeLabel(node, props.nodes)}>
              {node}
            </Badge>
          ))}
          {due && (
            <Text size="xs" c="dimmed" data-testid="task-due">
              {due}
            </Text>
          )}
        </Group>
        <TaskAgencies task={task} />
        {task.indicators.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="task-indicators">
            <Text span size="xs" fw={700}>
              {k.indicators.listed}
            </Text>{" "}
            {task.indicators.map((i) => (i.unit ? `${i.name} (${i.unit})` : i.name)).join("; ")}
          </Text>
        )}
        {task.output && (
          <Text size="xs" c="dimmed">
            <Text span size="xs" fw={700}>
              {k.output}:
            </Text>{" "}
            {task.output}
          </Text>
        )}
      </Stack>
      {(props.onEdit || props.onRemove) && (
        <Group gap={4} wrap="nowrap">
          {props.onEdit && (
            <Button size="compact-sm" variant="subtle" onClick={props.onEdit} data-testid="edit-task">
              {k.edit}
            </Button>
          )}
          {props.onRemove && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={props.onRemove} data-testid="remove-task">
              {k.remove}
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}

/** Adding or editing one task: number, text, nodes, lead and supporting bodies, deadline or rhythm, output. */
function TaskForm(props: { planId: number; task: Task | null; tasks: readonly Task[]; nodes: readonly NodeName[]; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t, lang, fill } = useI18n();
  const k = t.admin.plans.tasks;
  const { task } = props;
  const listed = usePlanAgencies(props.planId);
  const [indicators, setIndicators] = useState(() => indicatorFields(task, lang === "vi"));
  const choices = agencyChoices(listed.data ?? [], props.tasks);
  const keysWith = (role: Role) => (task?.agencies ?? []).filter((a) => a.role === role).map(agencyKey);
  const [fields, setFields] = useState({
    ref: task?.ref ?? "",
    text: task?.text ?? "",
    nodes: task?.nodes ?? [],
    lead: keysWith("lead"),
    support: keysWith("support"),
    dueOn: dayText(task?.dueOn),
    recurrence: (task?.recurrence ?? null) as Recurrence | null,
    output: task?.output ?? "",
  });
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const nodeOptions = props.nodes.filter((n) => n.level !== "total").map((n) => ({ value: n.code, label: nodeLabel(n.code, props.nodes) }));
  const agencyOptions = (exclude: string[]) => choices.filter((c) => !exclude.includes(c.key)).map((c) => ({ value: c.key, label: c.name }));
  const byKey = new Map<string, AgencyRef>(choices.map((c) => [c.key, c]));

  const submit = () =>
    run(async () => {
      setSubmitted(true);
      const dueOn = dayValue(fields.dueOn);
      const figures = indicatorInput(indicators);
      if (!fields.text.trim() || dueOn === undefined || figures === undefined) return;
      const agencies = (role: Role, keys: string[]) =>
        keys.flatMap((key) => {
          const ref = byKey.get(key);
          return ref ? [{ role, organisationId: ref.organisationId, name: ref.name }] : [];
        });
      const input: TaskInput = {
        ref: fields.ref.trim() || null,
        text: fields.text.trim(),
        nodes: fields.nodes,
        dueOn,
        recurrence: dueOn ? null : fields.recurrence,
        output: fields.output.trim() || null,
        agencies: [...agencies("lead", fields.lead), ...agencies("support", fields.support.filter((key) => !fields.lead.includes(key)))],
        indicators: figures,
      };
      if (task) await planApi.updateTask(task.id, input);
      else await planApi.createTask(props.planId, input);
      await props.onSaved();
      props.onClose();
    });

  return (
    <FormDialog
      title={task ? fill(k.editTitle, { ref: task.ref ?? k.noRef }) : k.addTitle}
      size="xl"
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      testId="task-form"
      submitTestId="save-task"
    >
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <TextInput label={k.ref} placeholder={k.refPlaceholder} value={fields.ref} onChange={(e) => set({ ref: e.currentTarget.value })} w={130} data-testid="task-field-ref" />
        <Textarea
          label={k.text}
          required
          value={fields.text}
          onChange={(e) => set({ text: e.currentTarget.value })}
          error={submitted && !fields.text.trim() ? t.admin.required : undefined}
          autosize
          minRows={3}
          style={{ flex: 1 }}
          data-testid="task-field-text"
        />
      </Group>
      <MultiSelect
        label={k.nodes}
        description={k.nodesHint}
        data={nodeOptions}
        value={fields.nodes}
        onChange={(nodes) => set({ nodes })}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
        data-testid="task-field-nodes"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {ROLES.map((role) => (
          <MultiSelect
            key={role}
            label={k[role]}
            placeholder={k.agenciesPlaceholder}
            // A body leads or supports a task, not both.
            data={agencyOptions(fields[role === "lead" ? "support" : "lead"])}
            value={fields[role]}
            onChange={(keys) => set({ [role]: keys })}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid={`task-field-${role}`}
          />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label={k.due} value={fields.dueOn} onChange={(dueOn) => set({ dueOn })} data-testid="task-field-due" />
        <Select
          label={k.recurrence}
          data={RECURRENCES.map((r) => ({ value: r, label: k.recurrences[r] }))}
          value={fields.recurrence}
          onChange={(value) => set({ recurrence: value as Recurrence | null })}
          disabled={dayValue(fields.dueOn) !== null}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput label={k.output} value={fields.output} onChange={(e) => set({ output: e.currentTarget.value })} />
      </SimpleGrid>
      <IndicatorEditor value={indicators} onChange={setIndicators} submitted={submitted} />
    </FormDialog>
  );
}
