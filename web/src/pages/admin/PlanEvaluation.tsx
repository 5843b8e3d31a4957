/**
 * A plan judged against the official results of its year: the paragraph a leader reads in a minute, the
 * counts, each dimension's target beside its result, and every target with its status (Đạt / Không đạt /
 * Chưa có dữ liệu and why), the actual figure and the gap.
 */
import { useMemo } from "react";
import { Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { EChart, type EChartsOption } from "../../components/EChart.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { PlanEvaluation as Evaluation, TargetEvaluation } from "../../lib/admin-api.ts";
import { score } from "../../lib/format.ts";
import { GroupBadge } from "../../components/GroupBadge.tsx";
import { Tag } from "./common.tsx";
import { actualText, evaluationSummary, gapText, nodeLabel, targetText, written, type NodeName } from "./plan-text.ts";

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

export function PlanEvaluationView({ evaluation, nodes }: { evaluation: Evaluation; nodes: readonly NodeName[] }) {
  const { t, lang, fill } = useI18n();
  const e = t.admin.plans.evaluation;
  const words = { t, lang, fill };
  const narrow = useMediaQuery("(max-width: 48em)");
  const { plan, summary, targets } = evaluation;
  const paragraph = evaluationSummary(evaluation, nodes, words);
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
      <Paper withBorder radius="md" p="md" data-testid="evaluation-summary">
        <Group gap="xs" mb="sm">
          {(["met", "missed", "no-data"] as const).map((status) => (
            <Badge key={status} size="lg" color={STATUS_COLORS[status]} variant={status === "no-data" ? "light" : "filled"} tt="none" radius="sm" data-testid={`count-${status}`}>
              {e.statuses[status]}: {summary[status]}
            </Badge>
          ))}
        </Group>
        <Text size="sm" lh={1.6} data-testid="evaluation-paragraph">
          {paragraph}
        </Text>
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
