/**
 * «Nhiệm vụ của cơ quan tôi»: for an agency's leader or officer, the tasks the province's plans give the
 * agency (as lead or support), plan by plan, newest first; beside each issued plan, the agency's own plan
 * for it — a link when it exists, «Lập kế hoạch của cơ quan» when it does not yet (the new draft carries
 * the agency's tasks over and opens to be completed).
 */
import { Alert, Anchor, Badge, Button, Divider, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type AgencyTask } from "../../lib/admin-api.ts";
import { day, today } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { ADMIN_KEY } from "../../lib/session.tsx";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, PageTitle, Tag, useSubmit } from "./common.tsx";
import { plansKey, subPlansKey, useAgencyReports, useOpenReport, useOwnAgencies, usePlan, useRegime, useSubPlans } from "./data.ts";
import { PlanStatusTag } from "./PlansPage.tsx";
import { dueText, TaskAgencies } from "./PlanTasks.tsx";
import { StatusBadge } from "./ReportPage.tsx";
import { periodName } from "./report-text.ts";
import { SubPlanStatusTag } from "./SubPlansTab.tsx";

export const agencyTasksKey = (organisationId: number | undefined) => [ADMIN_KEY, "agency-tasks", organisationId] as const;

export function MyTasksPage() {
  const { t } = useI18n();
  const m = t.admin.myTasks;
  const agencies = useOwnAgencies();
  const [state, setState] = useUrlState(["agency"] as const);
  const agency = agencies.find((a) => String(a.id) === state.agency) ?? agencies[0];
  const tasks = useQuery({ queryKey: agencyTasksKey(agency?.id), queryFn: () => planApi.agencyTasks(agency!.id), enabled: agency !== undefined });
  useTitle(m.title);

  // The plans newest first, each with its tasks in the plan's order.
  const plans = new Map<number, AgencyTask[]>();
  for (const task of [...(tasks.data ?? [])].sort((a, b) => b.planYear - a.planYear || b.planId - a.planId || a.position - b.position)) {
    plans.set(task.planId, [...(plans.get(task.planId) ?? []), task]);
  }

  return (
    <Stack gap="md" data-testid="my-tasks">
      <PageTitle>{m.title}</PageTitle>
      {!agency ? (
        <Alert variant="light" color="gray" data-testid="no-agency">
          {m.noAgency}
        </Alert>
      ) : (
        <>
          {agencies.length > 1 ? (
            <Select
              label={m.agency}
              data={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
              value={String(agency.id)}
              onChange={(value) => value && setState({ agency: value })}
              allowDeselect={false}
              w={{ base: "100%", sm: 420 }}
              comboboxProps={{ withinPortal: true }}
              data-testid="my-agency-picker"
            />
          ) : (
            <Text fw={600} data-testid="my-agency">
              {agency.name}
            </Text>
          )}
          {tasks.error && <LoadError error={tasks.error} retry={() => void tasks.refetch()} />}
          {tasks.isPending && <Loading />}
          {tasks.data && plans.size === 0 && (
            <Alert variant="light" data-testid="my-tasks-none">
              {m.none}
            </Alert>
          )}
          {[...plans].map(([planId, list]) => (
            <PlanGroup key={planId} planId={planId} tasks={list} agency={agency} />
          ))}
        </>
      )}
    </Stack>
  );
}

/** One plan's tasks for the agency, with the agency's own plan for it (or the button that starts one). */
function PlanGroup({ planId, tasks, agency }: { planId: number; tasks: AgencyTask[]; agency: { id: number; name: string } }) {
  const { t, fill } = useI18n();
  const m = t.admin.myTasks;
  const k = t.admin.plans.tasks;
  const { province } = useAdminContext();
  const detail = usePlan(planId);
  const plan = detail.data?.plan;
  // The agency's own sub-plans list the same tasks again: they are reached from the plan they carry out.
  const provincePlan = plan !== undefined && plan.organisationId === null;
  const tracking = useSubPlans(planId, provincePlan && plan.status !== "draft");
  const own = tracking.data?.agencies.find((a) => a.organisation.id === agency.id);
  const { busy, error, run } = useSubmit();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  if (plan && !provincePlan) return null;
  const search = province ? `?province=${province.province.key}` : "";
  const number = tasks[0]!.planNumber ?? t.admin.plans.noNumber;

  const create = () =>
    run(async () => {
      const subPlan = await planApi.createSubPlan(planId, agency.id);
      toast(fill(m.created, { agency: agency.name }));
      await queryClient.invalidateQueries({ queryKey: subPlansKey(planId) });
      await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
      navigate(`/admin/plans/${subPlan.id}${search}`);
    });

  // Nothing to offer until it is known whether the agency already has its plan.
  const action = !plan || (provincePlan && plan.status !== "draft" && !tracking.data) ? null : own?.subPlan ? (
    <Group gap="xs" data-testid="own-sub-plan">
      <Text size="sm">{m.ownPlan}</Text>
      <Anchor component={Link} to={`/admin/plans/${own.subPlan.id}${search}`} fw={700} size="sm" data-testid="own-sub-plan-link">
        {own.subPlan.number ?? t.admin.plans.statuses.draft}
      </Anchor>
      <SubPlanStatusTag status={own.status} />
    </Group>
  ) : plan.status === "issued" && detail.data!.can.createSubPlan ? (
    <Button onClick={() => void create()} loading={busy} data-testid="create-sub-plan">
      {m.create}
    </Button>
  ) : plan.status === "draft" ? (
    <Text size="sm" c="dimmed">
      {m.notIssued}
    </Text>
  ) : null;

  return (
    <Paper withBorder radius="md" data-testid="my-plan" data-number={tasks[0]!.planNumber ?? ""}>
      <Stack gap={6} p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Group gap="xs">
              <Anchor component={Link} to={`/admin/plans/${planId}${search}`} fw={700} data-testid="my-plan-link">
                {fill(t.admin.plans.titleOf, { number })}
              </Anchor>
              <PlanStatusTag status={tasks[0]!.planStatus} />
            </Group>
            <Text size="sm" c="dimmed">
              {tasks[0]!.planSummary}
            </Text>
            <Group gap="xs">
              <Badge variant="light" color="gray" tt="none" radius="sm">
                {fill(m.counts, { n: tasks.length, lead: tasks.filter((task) => roleOf(task, agency.id) === "lead").length })}
              </Badge>
              {plan?.subPlanDeadline && (
                <Text size="sm" fw={600} data-testid="my-plan-deadline">
                  {fill(t.admin.plans.subPlans.deadline, { date: day(plan.subPlanDeadline) })}
                </Text>
              )}
            </Group>
          </Stack>
          {action}
        </Group>
        {provincePlan && plan.status === "issued" && <PeriodicReports planId={planId} agencyId={agency.id} search={search} />}
        <ErrorMessage error={error} />
        {detail.error && <LoadError error={detail.error} retry={() => void detail.refetch()} />}
      </Stack>
      {tasks.map((task) => {
        const role = roleOf(task, agency.id);
        const due = dueText(task, k);
        return (
          <div key={task.id}>
            <Divider />
            <Group align="flex-start" wrap="nowrap" gap="sm" p="sm" data-testid="my-task" data-ref={task.ref ?? ""}>
              <Text size="sm" fw={700} miw={56} style={{ whiteSpace: "nowrap" }}>
                {task.ref ?? "—"}
              </Text>
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Text size="sm" lh={1.5}>
                  {task.text}
                </Text>
                <TaskAgencies task={task} />
                {due && (
                  <Text size="xs" c="dimmed">
                    {due}
                  </Text>
                )}
              </Stack>
              {role && (
                <Tag nowrap color={role === "lead" ? "red" : "blue"} variant={role === "lead" ? "filled" : "light"}>
                  <span data-testid="my-role">{k[role]}</span>
                </Tag>
              )}
            </Group>
          </div>
        );
      })}
    </Paper>
  );
}

const roleOf = (task: AgencyTask, organisationId: number) => task.agencies.find((a) => a.organisationId === organisationId)?.role ?? null;

/**
 * The agency's periodic report on an issued plan: the period due next (at the agency's level) one click
 * away — its report opened as it is, or drawn up when there is none yet — the others on the plan's
 * «Báo cáo định kỳ» tab.
 */
function PeriodicReports({ planId, agencyId, search }: { planId: number; agencyId: number; search: string }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const m = t.admin.reports.myTasks;
  const regime = useRegime(planId);
  const regimeId = regime.data?.regime.id ?? 0;
  const member = regime.data?.agencies.some((a) => a.id === agencyId) ?? false;
  const own = useAgencyReports(regimeId, agencyId, member);
  const opener = useOpenReport();
  if (regime.data === undefined) return null;
  if (regime.data === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-regime-yet">
        {m.noRegime}
      </Text>
    );
  }
  if (!member || !own.data) return null;
  const now = today();
  const periods = own.data.periods;
  const next = periods.find((p) => p.deadline >= now) ?? periods[periods.length - 1];
  if (!next) return null;
  const label = `${fill(m.open, { period: periodName(next, words, "short") })} · ${fill(m.dueOn, { date: day(next.deadline) })}`;
  return (
    <Stack gap={4}>
      <Group gap="sm" wrap="wrap" data-testid="periodic-reports">
        <Text size="sm" fw={600}>
          {m.label}
        </Text>
        {next.reportId !== null ? (
          <Button component={Link} to={`/admin/reports/${next.reportId}${search}`} size="compact-sm" variant="light" data-testid="open-next-report">
            {label}
          </Button>
        ) : (
          <Button
            size="compact-sm"
            variant="light"
            loading={opener.isOpening(regimeId, agencyId, next.key)}
            onClick={() => void opener.open(regimeId, agencyId, next.key)}
            data-testid="open-next-report"
          >
            {label}
          </Button>
        )}
        {next.status && <StatusBadge status={next.status} />}
        <Anchor component={Link} to={`/admin/plans/${planId}${search}${search ? "&" : "?"}tab=reports&view=regime`} size="sm" data-testid="all-periods">
          {m.all}
        </Anchor>
      </Group>
      <ErrorMessage error={opener.error} />
    </Stack>
  );
}
