/**
 * Who does what («Phân công»): a row per task (its number and the start of its text), a column per body that
 * has a part in at least one task, each cell «Chủ trì», «Phối hợp» or empty. In a draft, whoever may edit
 * the plan clicks a cell to go empty → Chủ trì → Phối hợp → empty; the task is saved at once (PUT
 * /tasks/{id} with its whole body), one request after another per task, and a body without any part yet
 * is added as a column from the picker. The header row and the task column stay in view while 40 tasks
 * and 20 bodies scroll.
 */
import { useRef, useState, type CSSProperties } from "react";
import { Alert, Group, Paper, Select, Stack, Text, UnstyledButton } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type PlanDetail, type Task } from "../../lib/admin-api.ts";
import { ErrorMessage } from "./common.tsx";
import { tasksKey, usePlanAgencies } from "./data.ts";
import { agencyChoices, agencyKey, nextRole, roleIn, shorten, taskInput, withRole, type AgencyEntry, type AgencyRef, type Role } from "./tasks.ts";

const ROLE_STYLE: Record<Role, CSSProperties> = {
  lead: { background: "var(--mantine-color-red-7)", color: "white" },
  support: { background: "var(--mantine-color-blue-0)", color: "var(--mantine-color-blue-9)", border: "1px solid var(--mantine-color-blue-3)" },
};
const LINE = "1px solid var(--mantine-color-gray-3)";

export function AssignmentMatrix({ detail, tasks }: { detail: PlanDetail; tasks: readonly Task[] }) {
  const { t, fill } = useI18n();
  const m = t.admin.plans.matrix;
  const k = t.admin.plans.tasks;
  const { plan, can } = detail;
  const editable = plan.status === "draft" && can.edit;
  const listed = usePlanAgencies(plan.id);
  // On a phone the task column gives way to the bodies.
  const narrow = useMediaQuery("(max-width: 48em)");
  const taskColumn = narrow ? 170 : 320;
  const queryClient = useQueryClient();
  // What the person asked for, shown at once while the saves catch up (per task, the latest wins).
  const latest = useRef(new Map<number, AgencyEntry[]>());
  const [pending, setPending] = useState<ReadonlyMap<number, AgencyEntry[]>>(new Map());
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const queues = useRef(new Map<number, Promise<void>>());

  const agenciesOf = (task: Task): readonly AgencyEntry[] => pending.get(task.id) ?? task.agencies;
  const choices = agencyChoices(listed.data ?? [], tasks);
  const used = new Set(tasks.flatMap((task) => agenciesOf(task).map(agencyKey)));
  const columns = choices.filter((c) => used.has(c.key) || added.includes(c.key));
  const addable = choices.filter((c) => !columns.includes(c));

  const settle = (taskId: number, sent: AgencyEntry[] | null) => {
    if (sent !== null && latest.current.get(taskId) !== sent) return;
    latest.current.delete(taskId);
    setPending(new Map(latest.current));
  };
  const save = (task: Task) => {
    const next = (queues.current.get(task.id) ?? Promise.resolve()).then(async () => {
      const sent = latest.current.get(task.id);
      if (!sent) return;
      try {
        const saved = await planApi.updateTask(task.id, { ...taskInput(task), agencies: sent });
        queryClient.setQueryData<Task[]>(tasksKey(plan.id), (list) => list?.map((x) => (x.id === saved.id ? saved : x)));
        // Done unless the person clicked again meanwhile.
        settle(task.id, sent);
      } catch (e) {
        setError(e);
        settle(task.id, null);
      }
    });
    queues.current.set(task.id, next);
  };

  const cycle = (task: Task, agency: AgencyRef) => {
    setError(null);
    const current = latest.current.get(task.id) ?? task.agencies;
    latest.current.set(task.id, withRole(current, agency, nextRole(roleIn(current, agency.key))));
    setPending(new Map(latest.current));
    // A column emptied by a click stays until the page is left: the person may be about to set it again.
    setAdded((keys) => (keys.includes(agency.key) ? keys : [...keys, agency.key]));
    save(task);
  };

  if (tasks.length === 0) {
    return (
      <Alert variant="light" data-testid="matrix-no-tasks">
        {m.noTasks}
      </Alert>
    );
  }

  const sticky = (top: boolean, left: boolean, z: number): CSSProperties => ({
    position: "sticky",
    ...(top ? { top: 0 } : {}),
    ...(left ? { left: 0 } : {}),
    zIndex: z,
    background: "var(--mantine-color-body)",
  });

  return (
    <Stack gap="sm" data-testid="assignment-matrix">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Text size="sm" c="dimmed" data-testid="matrix-size">
            {fill(m.size, { tasks: tasks.length, agencies: columns.length })}
          </Text>
          <Text size="sm">{editable ? m.editHint : m.readHint}</Text>
        </Stack>
        {editable && (
          <Select
            label={m.addAgency}
            placeholder={m.addAgencyPlaceholder}
            data={addable.map((c) => ({ value: c.key, label: c.name }))}
            value={null}
            onChange={(key) => key && setAdded((keys) => [...keys, key])}
            searchable
            nothingFoundMessage={m.nothingFound}
            comboboxProps={{ withinPortal: true }}
            w={{ base: "100%", sm: 340 }}
            data-testid="matrix-add-agency"
          />
        )}
      </Group>
      <ErrorMessage error={error} />
      {columns.length === 0 && (
        <Alert variant="light" color="gray" data-testid="matrix-empty">
          {editable ? m.noneEditable : m.none}
        </Alert>
      )}
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <div style={{ overflow: "auto", maxHeight: "75vh" }} data-testid="matrix-scroll">
          <table style={{ borderCollapse: "separate", borderSpacing: 0, fontSize: "var(--mantine-font-size-xs)" }} data-testid="matrix">
            <thead>
              <tr>
                <th style={{ ...sticky(true, true, 3), minWidth: taskColumn, maxWidth: taskColumn, textAlign: "left", verticalAlign: "bottom", padding: "8px 10px", borderBottom: LINE, borderRight: LINE }}>
                  <Text size="sm" fw={700}>
                    {m.task}
                  </Text>
                </th>
                {columns.map((agency) => (
                  <th
                    key={agency.key}
                    title={agency.name}
                    style={{ ...sticky(true, false, 2), width: 64, minWidth: 64, verticalAlign: "bottom", padding: "8px 4px", borderBottom: LINE, borderRight: LINE }}
                    data-testid="matrix-column"
                    data-agency={agency.name}
                  >
                    {/* Read bottom to top, on up to three lines: the whole name in little height. */}
                    <div
                      style={{
                        writingMode: "vertical-rl",
                        transform: "rotate(180deg)",
                        margin: "0 auto",
                        maxHeight: 150,
                        maxWidth: 58,
                        overflow: "hidden",
                        fontWeight: 600,
                        lineHeight: 1.2,
                        fontStyle: agency.kind === null ? "italic" : undefined,
                      }}
                    >
                      {agency.name}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => {
                const agencies = agenciesOf(task);
                const noLead = !agencies.some((a) => a.role === "lead");
                const saving = pending.has(task.id);
                return (
                  <tr key={task.id} data-testid="matrix-row" data-ref={task.ref ?? ""} data-id={task.id} data-saving={saving ? "true" : undefined}>
                    <th
                      scope="row"
                      title={task.text}
                      style={{
                        ...sticky(false, true, 1),
                        minWidth: taskColumn,
                        maxWidth: taskColumn,
                        textAlign: "left",
                        fontWeight: 400,
                        padding: "6px 10px",
                        borderBottom: LINE,
                        borderRight: LINE,
                        boxShadow: noLead ? "inset 3px 0 0 var(--mantine-color-orange-5)" : undefined,
                      }}
                    >
                      <Text size="xs" lh={1.35}>
                        <b>{task.ref ?? "—"}</b> {shorten(task.text, narrow ? 50 : 90)}
                      </Text>
                      {noLead && (
                        <Text size="xs" c="orange.8" data-testid="matrix-no-lead">
                          {k.noLead}
                        </Text>
                      )}
                    </th>
                    {columns.map((agency) => {
                      const role = roleIn(agencies, agency.key);
                      const label = fill(m.cell, { task: task.ref ?? shorten(task.text, 30), agency: agency.name, role: role ? k[role] : m.noRole });
                      const content = role ? (
                        <span style={{ ...ROLE_STYLE[role], display: "inline-block", borderRadius: 4, padding: "2px 4px", fontWeight: 600, whiteSpace: "nowrap" }}>{k[role]}</span>
                      ) : null;
                      return (
                        <td key={agency.key} style={{ borderBottom: LINE, borderRight: LINE, padding: 0, textAlign: "center", opacity: saving ? 0.6 : 1 }}>
                          {editable ? (
                            <UnstyledButton
                              onClick={() => cycle(task, agency)}
                              aria-label={label}
                              title={label}
                              style={{ width: "100%", minHeight: 36, display: "flex", alignItems: "center", justifyContent: "center", fontSize: "inherit" }}
                              className="matrix-cell"
                              data-testid="matrix-cell"
                              data-agency={agency.name}
                              data-role={role ?? ""}
                            >
                              {content}
                            </UnstyledButton>
                          ) : (
                            <div title={label} style={{ minHeight: 36, display: "flex", alignItems: "center", justifyContent: "center" }} data-testid="matrix-cell" data-agency={agency.name} data-role={role ?? ""}>
                              {content}
                            </div>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Paper>
      <style>{`.matrix-cell:hover { background: var(--mantine-color-gray-0); } .matrix-cell:focus-visible { outline: 2px solid var(--mantine-color-blue-5); outline-offset: -2px; }`}</style>
    </Stack>
  );
}
