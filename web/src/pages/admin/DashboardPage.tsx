/**
 * «Tổng quan»: the province at a glance for Sở Nội vụ and the province's leadership, their home page. For
 * each plan in force in the chosen year, its targets with their outlook (met, missed, on track, at risk,
 * unknown — in colour, with the reasons in words) beside the latest closed period's reporting: how many
 * agencies have sent (a number and a bar), who is late, missing or has never reported, the tasks reported
 * overdue and the progress per dimension, with links to the plan's completeness and consolidated views.
 */
import type { ReactNode } from "react";
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { BEHIND_SCHEDULE_POINTS, yearElapsed } from "@domain/target-outlook.ts";
import { GroupBadge } from "../../components/GroupBadge.tsx";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type DashboardPlan, type DashboardReporting, type DashboardTarget, type Outlook } from "../../lib/admin-api.ts";
import { day, score, today } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { PageTitle, Tag } from "./common.tsx";
import { reportsKey, usePlanList } from "./data.ts";
import { planTitle, targetText, type Words } from "./plan-text.ts";
import { periodName } from "./report-text.ts";

export const dashboardKey = (province: string, year: number) => [...reportsKey, "dashboard", province, year] as const;

/** Problems first: what a leader has to act on, then what is fine. */
const OUTLOOK_ORDER: Outlook[] = ["missed", "at-risk", "unknown", "on-track", "met"];
export const OUTLOOK_STYLE: Record<Outlook, { color: string; variant: "filled" | "light"; mark: string }> = {
  missed: { color: "red", variant: "filled", mark: "✗" },
  "at-risk": { color: "orange", variant: "filled", mark: "!" },
  unknown: { color: "gray", variant: "light", mark: "?" },
  "on-track": { color: "teal", variant: "light", mark: "→" },
  met: { color: "teal", variant: "filled", mark: "✓" },
};

export function DashboardPage() {
  const { t, lang, fill } = useI18n();
  const d = t.admin.dashboard;
  const { province } = useAdminContext();
  const [state, setState] = useUrlState(["year"] as const);
  const thisYear = Number(today().slice(0, 4));
  const year = Number(state.year) || thisYear;
  const key = province?.province.key;
  const query = useQuery({ queryKey: [...dashboardKey(key ?? "", year), lang], queryFn: () => reportApi.dashboard(key!, year), enabled: key !== undefined });
  // The years the province has plans for, and this year whatever it has.
  const plans = usePlanList(province?.province, false);
  const years = [...new Set([thisYear, year, ...plans.plans.filter((p) => p.organisationId === null).map((p) => p.year)])].sort((a, b) => b - a);
  useTitle(d.title);

  if (!province) return <Alert variant="light">{d.noProvince}</Alert>;
  const data = query.data;
  return (
    <Stack gap="lg" data-testid="dashboard">
      <Stack gap={4}>
        <PageTitle
          right={
            <Select
              aria-label={d.year}
              data={years.map((y) => ({ value: String(y), label: String(y) }))}
              value={String(year)}
              onChange={(value) => value && setState({ year: Number(value) === thisYear ? undefined : value })}
              allowDeselect={false}
              w={110}
              comboboxProps={{ withinPortal: true }}
              data-testid="dashboard-year"
            />
          }
        >
          {d.title}
        </PageTitle>
        <Text size="sm" c="dimmed" data-testid="dashboard-intro">
          {fill(d.intro, { province: province.province.fullName, year, today: day(data?.today ?? today()) })}
        </Text>
      </Stack>
      {query.error ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.plans.length === 0 ? (
        <Alert variant="light" data-testid="dashboard-none">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{fill(d.none, { year })}</Text>
            <Anchor component={Link} to={`/admin/plans?province=${province.province.key}`} size="sm">
              {d.nonePlans} →
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        data.plans.map((panel) => <PlanPanel key={panel.plan.id} panel={panel} province={province.province.key} />)
      )}
    </Stack>
  );
}

/** One plan: its title, then its targets beside its reporting (one above the other on a narrow screen). */
function PlanPanel({ panel, province }: { panel: DashboardPlan; province: string }) {
  const { t, fill } = useI18n();
  const d = t.admin.dashboard;
  const { plan, reporting } = panel;
  const link = `/admin/plans/${plan.id}?province=${province}`;
  return (
    <Paper withBorder radius="md" p={{ base: "sm", sm: "md" }} data-testid="dashboard-plan" data-number={plan.number ?? ""}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" align="baseline">
              <Title order={2} size="h3">
                <Anchor component={Link} to={link} inherit c="inherit" data-testid="dashboard-plan-link">
                  {planTitle(plan, { t, fill })}
                </Anchor>
              </Title>
              {plan.issuedOn && (
                <Text size="sm" c="dimmed">
                  {fill(d.issuedOn, { date: day(plan.issuedOn) })}
                </Text>
              )}
            </Group>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {plan.summary}
            </Text>
            {!reporting && (
              <Text size="xs" c="dimmed" data-testid="dashboard-no-regime">
                {d.noRegime}
              </Text>
            )}
          </Stack>
        </Group>
        {panel.resultsAvailable && panel.overview.length > 0 && (
          <Stack gap={4} data-testid="dashboard-overview">
            {panel.overview.map((sentence) => (
              <Text key={sentence} size="sm" lh={1.55}>
                {sentence}
              </Text>
            ))}
          </Stack>
        )}
        {reporting ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Targets panel={panel} />
            <Reporting reporting={reporting} link={link} year={plan.year} />
          </SimpleGrid>
        ) : (
          // Nothing reported to show beside them: the targets take the width.
          <Targets panel={panel} wide />
        )}
      </Stack>
    </Paper>
  );
}

function Card({ title, right, testId, children }: { title: ReactNode; right?: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Paper radius="md" p={{ base: "sm", sm: "md" }} bg="var(--mantine-color-gray-0)" data-testid={testId} style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs" wrap="wrap">
          <Title order={3} size="h4">
            {title}
          </Title>
          {right}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** The targets, problems first, each with its outlook and why; their counts by outlook on top. */
function Targets({ panel, wide = false }: { panel: DashboardPlan; wide?: boolean }) {
  const { t, lang, fill } = useI18n();
  const d = t.admin.dashboard;
  const { plan, targets, reporting, resultsAvailable } = panel;
  const sorted = [...targets].sort((a, b) => OUTLOOK_ORDER.indexOf(a.outlook) - OUTLOOK_ORDER.indexOf(b.outlook) || a.position - b.position);
  const counts = OUTLOOK_ORDER.map((outlook) => ({ outlook, n: targets.filter((x) => x.outlook === outlook).length })).filter((c) => c.n > 0);
  const period = reporting ? periodName(reporting.period, { t, lang, fill }, "short") : null;
  const basis = resultsAvailable ? fill(d.judged, { year: plan.year }) : period ? fill(d.forecast, { year: plan.year, period }) : fill(d.forecastNoReports, { year: plan.year });
  return (
    <Card
      title={fill(d.targets, { n: targets.length })}
      testId="dashboard-targets"
      right={
        <Group gap={6} data-testid="outlook-counts">
          {counts.map(({ outlook, n }) => (
            <Badge key={outlook} color={OUTLOOK_STYLE[outlook].color} variant={OUTLOOK_STYLE[outlook].variant} tt="none" radius="sm" size="lg" data-testid={`outlook-count-${outlook}`}>
              {d.outlook[outlook]}: {n}
            </Badge>
          ))}
        </Group>
      }
    >
      <Text size="xs" c="dimmed" data-testid="outlook-basis">
        {basis}
      </Text>
      {targets.length === 0 ? (
        <Text size="sm" c="dimmed">
          {d.targetsNone}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: wide ? 2 : 1 }} spacing={6} verticalSpacing={6}>
          {sorted.map((target) => (
            <TargetRow key={target.id} target={target} panel={panel} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function TargetRow({ target, panel }: { target: DashboardTarget; panel: DashboardPlan }) {
  const { t, lang, fill } = useI18n();
  const words: Words = { t, lang, fill };
  const d = t.admin.dashboard;
  const style = OUTLOOK_STYLE[target.outlook];
  const label = target.node === "total" ? target.nodeName : `${target.node} · ${target.nodeName}`;
  const wording = targetText(target, words);
  const reasons = reasonTexts(target, panel, words);
  // The baseline is a score: shown for the targets read against one.
  const baseline = (target.kind === "score" || target.kind === "change") && target.baseline !== null ? fill(d.points, { v: score(target.baseline, lang) }) : null;
  const actual =
    !panel.resultsAvailable || target.actual === null ? null : typeof target.actual === "string" ? (
      <GroupBadge group={target.actual} short />
    ) : target.kind === "rank" ? (
      fill(d.rank, { n: target.actual })
    ) : (
      fill(d.points, { v: score(target.actual, lang) })
    );
  return (
    <Paper
      radius="sm"
      p="xs"
      pl="sm"
      withBorder
      style={{ borderLeft: `4px solid var(--mantine-color-${style.color}-${style.variant === "filled" ? 6 : 4})` }}
      data-testid="dashboard-target"
      data-node={target.node}
      data-outlook={target.outlook}
    >
      <Stack gap={2}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap={6}>
          <Text size="sm" fw={700} data-testid="target-node" style={{ flex: "1 1 12rem" }}>
            {label}
          </Text>
          <Tag nowrap color={style.color} variant={style.variant}>
            <span data-testid="target-outlook">{d.outlook[target.outlook]}</span>
          </Tag>
        </Group>
        <Text size="sm" data-testid="target-text">
          {fill(d.target, { text: wording })}
        </Text>
        {(baseline || actual) && (
          <Group gap="xs" wrap="wrap">
            {baseline && (
              <Text size="xs" c="dimmed" data-testid="target-baseline">
                {fill(d.baseline, { year: panel.plan.baselineYear, value: baseline })}
              </Text>
            )}
            {actual && (
              <Group gap={4} data-testid="target-actual">
                <Text size="xs" fw={600}>
                  {fill(d.actual, { year: panel.plan.year })}
                </Text>
                {typeof actual === "string" ? (
                  <Text size="xs" fw={600}>
                    {actual}
                  </Text>
                ) : (
                  actual
                )}
              </Group>
            )}
          </Group>
        )}
        {reasons.map((reason) => (
          <Text key={reason} size="xs" c={target.outlook === "at-risk" || target.outlook === "missed" ? "orange.9" : "dimmed"} data-testid="target-reason">
            {reason}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/** Why a target has its outlook, in sentences: the server's reasons, and for one on track how far its tasks are. */
function reasonTexts(target: DashboardTarget, panel: DashboardPlan, { t, lang, fill }: Words): string[] {
  const d = t.admin.dashboard;
  const reporting = panel.reporting;
  const period = reporting ? periodName(reporting.period, { t, lang, fill }, "short") : "";
  const texts = target.reasons.map((reason) =>
    reason.code === "overdue-tasks"
      ? fill(d.reasons["overdue-tasks"]!, { tasks: reason.tasks, reports: reason.reports })
      : fill(d.reasons["behind-schedule"]!, { average: reason.averageProgress, expected: reason.expected, period }),
  );
  if (target.outlook === "unknown") texts.push(panel.resultsAvailable && target.status === "no-data" ? d.reasons.noData! : d.reasons.unknown!);
  if (target.outlook === "on-track" && target.progress) texts.push(fill(d.reasons.onTrack!, { average: target.progress.averageProgress, expected: target.progress.expected, period }));
  return texts;
}

const BAR: { key: "onTime" | "late" | "pending" | "missing"; color: string }[] = [
  { key: "onTime", color: "teal" },
  { key: "late", color: "orange" },
  { key: "pending", color: "gray.4" },
  { key: "missing", color: "red" },
];

/** The latest closed period: sent out of expected, a bar of on time / late / not yet due / overdue, who is behind. */
function Reporting({ reporting, link, year }: { reporting: DashboardReporting; link: string; year: number }) {
  const { t, lang, fill } = useI18n();
  const d = t.admin.dashboard;
  const { counts, period } = reporting;
  const name = periodName(period, { t, lang, fill }, "short");
  const expected = yearElapsed(period);
  const views = `${link}&tab=reports&period=${period.key}`;
  const lists: { key: string; names: string[]; color: string; label: string }[] = [
    { key: "never", names: reporting.neverReported, color: "red.8", label: fill(d.lists.neverReported, { year }) },
    { key: "missing", names: reporting.missing, color: "red.8", label: d.lists.missing },
    { key: "late", names: reporting.late, color: "orange.9", label: d.lists.late },
    { key: "pending", names: reporting.pending, color: "dimmed", label: d.lists.pending },
  ];
  // A task several agencies report overdue is one line, its agencies after it.
  const overdue = [...new Set(reporting.overdueTasks.map((task) => task.taskId))].map((id) => {
    const entries = reporting.overdueTasks.filter((task) => task.taskId === id);
    return { ...entries[0]!, agencies: entries.map((task) => fill(d.overdueTaskLine, { organisation: task.organisation, progress: task.progress })) };
  });
  const shown = overdue.slice(0, 5);
  return (
    <Card title={fill(d.reporting, { period: name })} testId="dashboard-reporting">
      <Text size="xs" c="dimmed" mt={-6}>
        {fill(d.window, { from: day(period.from), to: day(period.to) })}
      </Text>
      <Group gap="sm" align="baseline" wrap="wrap">
        <Text fz={34} fw={800} lh={1} data-testid="reporting-sent">
          {fill(d.sentOf, { sent: counts.submitted, expected: counts.expected })}
        </Text>
        <Text size="sm" fw={600}>
          {d.sent}
        </Text>
        <Text size="xs" c="dimmed" data-testid="reporting-accepted">
          {fill(d.acceptedLine, { accepted: counts.accepted, returned: counts.returned })}
        </Text>
      </Group>
      <Stack gap={6}>
        <Progress.Root size={18} radius="sm" data-testid="reporting-bar" aria-label={fill(d.reporting, { period: name })}>
          {BAR.filter(({ key }) => counts[key] > 0).map(({ key, color }) => (
            <Tooltip key={key} label={`${d.bar[key]}: ${counts[key]}`} withArrow>
              <Progress.Section value={counts.expected ? (counts[key] / counts.expected) * 100 : 0} color={color}>
                <Progress.Label>{counts[key]}</Progress.Label>
              </Progress.Section>
            </Tooltip>
          ))}
        </Progress.Root>
        <SimpleGrid cols={2} spacing={4} verticalSpacing={2}>
          {BAR.map(({ key, color }) => (
            <Group key={key} gap={5} wrap="nowrap" data-testid={`reporting-count-${key}`}>
              <span style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${color.replace(".", "-")}${color.includes(".") ? "" : "-6"})`, flexShrink: 0 }} />
              <Text size="xs">
                {d.bar[key]}: <b>{counts[key]}</b>
              </Text>
            </Group>
          ))}
        </SimpleGrid>
      </Stack>
      {lists.every((l) => l.names.length === 0) ? (
        <Text size="sm" c="teal.8" data-testid="reporting-all-sent">
          ✓ {d.allSent}
        </Text>
      ) : (
        <Stack gap={4}>
          {lists
            .filter((l) => l.names.length > 0)
            .map((l) => (
              <Text key={l.key} size="sm" data-testid={`reporting-list-${l.key}`}>
                <Text span fw={700} c={l.color}>
                  {l.label} ({l.names.length}):
                </Text>{" "}
                {l.names.join(", ")}
              </Text>
            ))}
        </Stack>
      )}
      {shown.length > 0 && (
        <Stack gap={4} data-testid="overdue-tasks">
          <Text size="sm" fw={700} c="red.8">
            {fill(d.overdueTasks, { n: overdue.length })}
          </Text>
          {shown.map((task) => (
            <Stack key={task.taskId} gap={0} data-testid="overdue-task">
              <Text size="sm" lineClamp={1} title={task.text}>
                {task.ref ? <b>{task.ref} </b> : null}
                {task.text}
              </Text>
              <Text size="xs" c="dimmed">
                {task.agencies.join(" · ")}
              </Text>
            </Stack>
          ))}
          {overdue.length > shown.length && (
            <Text size="xs" c="dimmed">
              {fill(d.more, { n: overdue.length - shown.length })}
            </Text>
          )}
        </Stack>
      )}
      <DimensionProgress reporting={reporting} expected={expected} period={name} />
      <Group gap="xs" wrap="wrap">
        <Button component={Link} to={`${views}&view=completeness`} size="compact-sm" variant="light" data-testid="link-completeness">
          {d.completeness} →
        </Button>
        <Button component={Link} to={`${views}&view=consolidation`} size="compact-sm" variant="light" data-testid="link-consolidation">
          {d.consolidation} →
        </Button>
      </Group>
    </Card>
  );
}

/** Each dimension's average task progress as a bar, a mark where it should be by the period's end. */
function DimensionProgress({ reporting, expected, period }: { reporting: DashboardReporting; expected: number; period: string }) {
  const { t, fill } = useI18n();
  const d = t.admin.dashboard;
  const rows = reporting.progress.filter((p) => p.tasks > 0);
  return (
    <Stack gap={6} data-testid="dashboard-progress">
      <Text size="sm" fw={700}>
        {d.progress}
      </Text>
      {rows.every((p) => p.reports === 0) ? (
        <Text size="sm" c="dimmed">
          {d.progressNone}
        </Text>
      ) : (
        <>
          {rows.map((p) => {
            const behind = p.overdue > 0 || (p.averageProgress !== null && p.averageProgress < expected - BEHIND_SCHEDULE_POINTS);
            return (
              <Group key={p.node} gap="xs" wrap="nowrap" data-testid="progress-dimension" data-node={p.node} title={`${p.node} · ${p.name}`}>
                <Text size="xs" fw={700} w={26} style={{ flexShrink: 0 }}>
                  {p.node}
                </Text>
                <Text size="xs" w={{ base: 110, sm: 200 }} truncate="end" style={{ flexShrink: 0 }}>
                  {p.name}
                </Text>
                <div style={{ position: "relative", flex: 1, minWidth: 60 }}>
                  <Progress value={p.averageProgress ?? 0} color={behind ? "orange" : "teal"} size="md" radius="sm" aria-label={p.name} />
                  <span
                    aria-hidden
                    style={{ position: "absolute", top: -3, bottom: -3, left: `${expected}%`, width: 2, background: "var(--mantine-color-dark-4)" }}
                  />
                </div>
                <Text size="xs" fw={700} w={36} ta="right" style={{ flexShrink: 0 }} data-testid="progress-average">
                  {p.averageProgress === null ? "—" : `${Math.round(p.averageProgress)}%`}
                </Text>
              </Group>
            );
          })}
          <Text size="xs" c="dimmed">
            {fill(d.progressExpected, { period, expected })}
          </Text>
        </>
      )}
    </Stack>
  );
}
