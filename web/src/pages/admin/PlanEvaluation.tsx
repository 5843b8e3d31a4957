/**
 * A plan judged against the official results of its year: the counts and the few sentences a leader reads
 * in a minute (the server's overview), each dimension's target beside its result, each dimension as a card
 * (score against the baseline, its targets, who led the work and the tasks behind it), and every target with
 * its status (Đạt / Không đạt / Chưa có dữ liệu and why), the actual figure and the gap. From here, the
 * draft of next year's plan.
 */
import { useMemo, useState } from "react";
import { Badge, Button, Collapse, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { EChart, type EChartsOption } from "../../components/EChart.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "react-router";
import type { DimensionEvaluation, PlanEvaluation as Evaluation, TargetEvaluation } from "../../lib/admin-api.ts";
import { score, signed } from "../../lib/format.ts";
import { GroupBadge } from "../../components/GroupBadge.tsx";
import { Tag } from "./common.tsx";
import { actualText, gapText, nodeLabel, targetText, written, type NodeName } from "./plan-text.ts";
import { shorten } from "./tasks.ts";

type Status = TargetEvaluation["status"];
const STATUS_COLORS: Record<Status, string> = { met: "teal", missed: "red", "no-data": "gray" };
const BAR_COLORS: Record<Status, string> = { met: "#1a7f4b", missed: "#c8102e", "no-data": "#adb5bd" };

export function StatusBadge({ row }: { row: TargetEvaluation }) {
  const { t } = useI18n();
  const e = t.admin.plans.evaluation;
  return (
    <Stack gap={2} align="flex-start">
      <Tag nowrap color={STATUS_COLORS[row.status]} variant={row.status === "no-data" ? "light" : "filled"}>
        <span data-testid="status-badge">{e.statuses[row.status]}</span>
      </Tag>
      {row.reason && (
        <Text size="xs" c="dimmed" data-testid="status-reason">
          {(e.reasons as Record<string, string>)[row.reason] ?? row.reason}
        </Text>
      )}
    </Stack>
  );
}

/** The actual figure: a score, a rank, or the group as its coloured badge. */
function Actual({ row, inline = false }: { row: TargetEvaluation; inline?: boolean }) {
  const { t, lang, fill } = useI18n();
  if (typeof row.actual === "string") return <GroupBadge group={row.actual} short />;
  const text = actualText(row, { t, lang, fill });
  return inline ? <b>{text}</b> : <Text size="sm">{text}</Text>;
}

export function PlanEvaluationView({ evaluation, nodes, nextDraft }: { evaluation: Evaluation; nodes: readonly NodeName[]; nextDraft?: string | null }) {
  const { t, lang, fill } = useI18n();
  const e = t.admin.plans.evaluation;
  const words = { t, lang, fill };
  const narrow = useMediaQuery("(max-width: 48em)");
  const { plan, summary, targets } = evaluation;
  // Dimensions with a score target, in framework order: target beside result.
  const bars = useMemo(() => targets.filter((row) => /^D\d+$/.test(row.target.node) && row.target.kind === "score" && row.target.value !== null), [targets]);

  const option = useMemo<EChartsOption>(() => {
    const rows = [...bars].reverse(); // D1 at the top of a horizontal chart
    const max = Math.max(10, ...rows.map((row) => row.result?.max ?? 10));
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number | null) => (v === null || v === undefined ? "—" : score(v, lang)) },
      legend: { top: 0, data: [e.chartTarget, fill(e.chartActual, { year: plan.year })] },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max, splitNumber: 5 },
      yAxis: {
        type: "category",
        // On a phone the codes only: the names are in the table below.
        data: rows.map((row) => {
          const name = narrow ? row.target.node : nodeLabel(row.target.node, nodes);
          return name.length > 40 ? `${name.slice(0, 39)}…` : name;
        }),
        axisLabel: { fontSize: 11 },
      },
      series: [
        {
          name: e.chartTarget,
          type: "bar",
          data: rows.map((row) => row.target.value),
          itemStyle: { color: "#ced4da" },
          barGap: "15%",
          label: { show: true, position: "right", fontSize: 10, color: "#495057", formatter: (x: { value: number }) => written(x.value, lang) },
        },
        {
          name: fill(e.chartActual, { year: plan.year }),
          type: "bar",
          data: rows.map((row) => ({ value: typeof row.actual === "number" ? row.actual : null, itemStyle: { color: BAR_COLORS[row.status] } })),
          itemStyle: { color: BAR_COLORS.met },
          label: { show: true, position: "right", fontSize: 10, fontWeight: 600, formatter: (x: { value: number | null }) => score(x.value, lang) },
        },
      ],
    };
  }, [bars, nodes, lang, e, fill, plan.year, narrow]);

  return (
    <Stack gap="md" data-testid="evaluation">
      {nextDraft && (
        <Group justify="flex-end">
          <Button component={Link} to={nextDraft} variant="light" data-testid="next-draft">
            {t.admin.plans.nextDraft}
          </Button>
        </Group>
      )}
      <Paper withBorder radius="md" p="md" data-testid="evaluation-summary">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs" mb="sm">
          <Title order={2} size="h4">
            {e.overviewTitle}
          </Title>
          <Group gap="xs">
            {(["met", "missed", "no-data"] as const).map((status) => (
              <Badge key={status} size="lg" color={STATUS_COLORS[status]} variant={status === "no-data" ? "light" : "filled"} tt="none" radius="sm" data-testid={`count-${status}`}>
                {e.statuses[status]}: {summary[status]}
              </Badge>
            ))}
          </Group>
        </Group>
        <Stack gap={6} data-testid="evaluation-overview">
          {evaluation.overview.map((sentence) => (
            <Text key={sentence} lh={1.6} data-testid="overview-sentence">
              {sentence}
            </Text>
          ))}
        </Stack>
      </Paper>
      {bars.length > 1 && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4">
            {e.chartTitle}
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            {e.chartNote}
          </Text>
          <EChart option={option} height={Math.max(220, 60 + bars.length * 44)} ariaLabel={e.chartTitle} testId="evaluation-chart" />
        </Paper>
      )}
      {evaluation.dimensions.length > 0 && (
        <Stack gap="sm" data-testid="evaluation-dimensions">
          <Title order={2} size="h4">
            {e.dimensionsTitle}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {evaluation.dimensions.map((dimension) => (
              <DimensionCard key={dimension.node} dimension={dimension} baselineYear={plan.baselineYear} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      <Title order={2} size="h4">
        {e.targetsTitle}
      </Title>
      {narrow ? (
        <Stack gap="sm">
          {targets.map((row) => (
            <Paper key={row.target.id} withBorder radius="md" p="sm" data-testid="evaluation-row" data-node={row.target.node} data-kind={row.target.kind} data-status={row.status}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={2}>
                  <Text size="sm" fw={700}>
                    {nodeLabel(row.target.node, nodes)}
                  </Text>
                  <Text size="sm">{targetText(row.target, words, plan.baselineYear)}</Text>
                </Stack>
                <StatusBadge row={row} />
              </Group>
              <Text size="sm" mt={6}>
                {e.actual}: <Actual row={row} inline /> · {e.gap}: <b data-testid="gap">{gapText(row, words)}</b>
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing={8} data-testid="evaluation-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.admin.plans.node}</Table.Th>
                  <Table.Th>{t.admin.plans.target}</Table.Th>
                  <Table.Th ta="right">{e.actual}</Table.Th>
                  <Table.Th ta="right">{e.gap}</Table.Th>
                  <Table.Th>{e.result}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {targets.map((row) => (
                  <Table.Tr key={row.target.id} data-testid="evaluation-row" data-node={row.target.node} data-kind={row.target.kind} data-status={row.status}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {nodeLabel(row.target.node, nodes)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{targetText(row.target, words, plan.baselineYear)}</Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                      <Actual row={row} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" fw={600} c={row.gap === null ? "dimmed" : row.gap < 0 ? "red.8" : "teal.8"} data-testid="gap">
                        {gapText(row, words)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge row={row} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

/**
 * One dimension as a leader asks about it: the score against the baseline, how its targets went, who led
 * the work and which tasks served it (folded, the list can be long).
 */
function DimensionCard({ dimension, baselineYear }: { dimension: DimensionEvaluation; baselineYear: number }) {
  const { t, lang, fill } = useI18n();
  const e = t.admin.plans.evaluation;
  const [open, setOpen] = useState(false);
  const name = lang === "vi" ? dimension.nameVi : dimension.nameEn;
  const change = dimension.score !== null && dimension.baseline !== null ? dimension.score - dimension.baseline : null;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="dimension-card" data-node={dimension.node}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="sm" fw={700}>
          {dimension.node} · {name}
        </Text>
        <Text size="sm" fw={700} style={{ whiteSpace: "nowrap" }} data-testid="dimension-score">
          {fill(e.scoreOfMax, { score: score(dimension.score, lang), max: written(dimension.max, lang) })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={2} data-testid="dimension-baseline">
        {fill(e.againstBaseline, { year: baselineYear, baseline: score(dimension.baseline, lang) })}
        {change !== null && (
          <>
            {" · "}
            <Text span size="xs" fw={600} c={change < 0 ? "red.8" : "teal.8"}>
              {fill(e.changeIn, { change: signed(change, lang) })}
            </Text>
          </>
        )}
      </Text>
      <Group gap={4} mt={6} wrap="wrap">
        {dimension.targets.length === 0 ? (
          <Text size="xs" c="dimmed">
            {e.noTargetsHere}
          </Text>
        ) : (
          dimension.targets.map((target) => (
            <Tag key={target.position} nowrap color={STATUS_COLORS[target.status]} variant={target.status === "no-data" ? "light" : "filled"}>
              <span data-testid="dimension-target">
                {t.admin.plans.kinds[target.kind]}: {e.statuses[target.status]}
              </span>
            </Tag>
          ))
        )}
      </Group>
      <Text size="xs" mt={6} data-testid="dimension-leads">
        <Text span size="xs" fw={700}>
          {e.leads}:
        </Text>{" "}
        {dimension.leads.length > 0 ? dimension.leads.join("; ") : "—"}
      </Text>
      {dimension.tasks.length === 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          {e.noTasksHere}
        </Text>
      ) : (
        <>
          <UnstyledButton onClick={() => setOpen((o) => !o)} mt={4} aria-expanded={open} data-testid="dimension-tasks-toggle">
            <Text size="xs" c="blue.8" fw={600}>
              {open ? "▾" : "▸"} {fill(e.tasksBehind, { n: dimension.tasks.length })}
            </Text>
          </UnstyledButton>
          <Collapse expanded={open}>
            <List size="xs" spacing={2} mt={4} data-testid="dimension-tasks">
              {dimension.tasks.map((task) => (
                <List.Item key={task.id}>
                  <b>{task.ref ?? "—"}</b> {shorten(task.text, 120)}
                </List.Item>
              ))}
            </List>
          </Collapse>
        </>
      )}
    </Paper>
  );
}
