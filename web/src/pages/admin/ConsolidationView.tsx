/**
 * A period's reports gathered for the province: who has sent and who has not (said plainly), each figure
 * added up by its rule beside its target (met or not) with the agencies it still lacks, task progress per dimension as bars, and the
 * narratives under each outline heading with their agency named; the same as an Excel sheet.
 */
import { useState } from "react";
import { Accordion, Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type Consolidation, type RegimePeriod, type RegimeView } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";
import { Tag } from "./common.tsx";
import { reportsKey } from "./data.ts";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { figureText, headingLabel, periodName, STATUS_COLORS, targetText } from "./report-text.ts";
import type { ReportStatus } from "@domain/report-workflow.ts";

export function ConsolidationView({ regime, period, onPeriod }: { regime: RegimeView; period: RegimePeriod; onPeriod: (key: string) => void }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const k = t.admin.reports.consolidation;
  const regimeId = regime.regime.id;
  // The answer names the dimensions in the reader's language.
  const query = useQuery({ queryKey: [...reportsKey, "regime", regimeId, "consolidation", period.key, lang], queryFn: () => reportApi.consolidation(regimeId, period.key) });
  const data = query.data;
  const name = periodName(period, words, "short");

  return (
    <Stack gap="md" data-testid="consolidation">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <PeriodPicker periods={regime.periods} value={period.key} onChange={onPeriod} />
        <Button component="a" href={reportApi.consolidationSheet(regimeId, period.key)} variant="default" data-testid="consolidation-excel">
          {t.download} {t.downloadXlsx}
        </Button>
      </Group>
      {query.error && <LoadError error={query.error} retry={() => void query.refetch()} />}
      {!data ? (
        !query.error && <Loading />
      ) : (
        <>
          <Alert color={data.missing.length ? "orange" : "teal"} variant="light" title={fill(k.summary, { reports: data.reports, expected: data.expected, period: name })} data-testid="consolidation-summary">
            <Stack gap={4}>
              <Text size="sm" data-testid="consolidation-missing">
                {data.missing.length ? fill(k.missing, { names: data.missing.join(", ") }) : k.allSent}
              </Text>
              {data.notYetAccepted.length > 0 && (
                <Text size="sm" data-testid="consolidation-not-accepted">
                  {fill(k.notYetAccepted, { names: data.notYetAccepted.join(", ") })}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {day(period.from)} – {day(period.to)}
              </Text>
            </Stack>
          </Alert>

          <Paper withBorder radius="md">
            <Title order={3} size="h5" px="md" pt="md">
              {k.figures}
            </Title>
            {data.figures.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                {k.figuresNone}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing={8} data-testid="consolidated-figures">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{k.figure}</Table.Th>
                      <Table.Th ta="right">{k.value}</Table.Th>
                      <Table.Th>{k.unit}</Table.Th>
                      <Table.Th ta="right">{k.target}</Table.Th>
                      <Table.Th>{k.rule}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.figures.map((figure) => {
                      const rule = { aggregation: figure.aggregation, valueType: "decimal" as const, unit: figure.unit };
                      return (
                        <Table.Tr key={figure.indicatorId} data-testid="consolidated-figure" data-name={figure.name}>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {figure.name}
                            </Text>
                            {figure.taskRef && (
                              <Text size="xs" c="dimmed">
                                {figure.taskRef}
                              </Text>
                            )}
                            {figure.missing.length > 0 && (
                              <Text size="xs" c="orange.9" data-testid="figure-lacking">
                                {fill(k.lacking, { names: figure.missing.join(", ") })}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text size="sm" fw={700} c={figure.value === null ? "dimmed" : undefined} data-testid="consolidated-value">
                              {figure.value === null ? k.noValue : figureText(figure.value, rule, lang, false)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{figure.aggregation === "ratio" ? "%" : (figure.unit ?? "")}</Text>
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                              {targetText(figure.targetValue, rule, lang)}
                            </Text>
                            {figure.targetMet !== null && (
                              <Tag nowrap color={figure.targetMet ? "teal" : "orange"}>
                                <span data-testid="target-met" data-met={String(figure.targetMet)}>
                                  {figure.targetMet ? k.targetMet.met : k.targetMet.notMet}
                                </span>
                              </Tag>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {k.aggregations[figure.aggregation]}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>

          <Paper withBorder radius="md" p="md" data-testid="consolidated-progress">
            <Title order={3} size="h5" mb="sm">
              {k.progress}
            </Title>
            {data.progress.every((d) => d.reports === 0) ? (
              <Text size="sm" c="dimmed">
                {k.progressNone}
              </Text>
            ) : (
              <Stack gap="sm">
                {data.progress
                  .filter((d) => d.tasks > 0)
                  .map((d) => (
                    <Stack key={d.node} gap={2} data-testid="progress-dimension" data-node={d.node}>
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text size="sm" fw={600}>
                          {d.node} · {d.name}
                        </Text>
                        <Text size="sm" fw={700} data-testid="progress-average">
                          {d.averageProgress === null ? "—" : fill(k.average, { value: Math.round(d.averageProgress) })}
                        </Text>
                      </Group>
                      <Progress.Root size="lg" aria-label={d.node}>
                        <Progress.Section value={d.averageProgress ?? 0} color={d.overdue > 0 ? "orange" : "teal"} />
                      </Progress.Root>
                      <Text size="xs" c="dimmed">
                        {fill(k.progressLine, { tasks: d.tasks, reports: d.reports, done: d.done, inProgress: d.inProgress, notStarted: d.notStarted, overdue: d.overdue })}
                      </Text>
                    </Stack>
                  ))}
              </Stack>
            )}
          </Paper>

          <Narratives data={data} />
        </>
      )}
    </Stack>
  );
}

/**
 * The narratives under each outline heading, with their agency named: each heading folds (twenty agencies
 * under eight headings is a long read), its count in view; all open or closed at once.
 */
function Narratives({ data }: { data: Consolidation }) {
  const { t, fill } = useI18n();
  const k = t.admin.reports.consolidation;
  const withText = data.narratives.filter((heading) => heading.entries.length > 0).map((heading) => heading.key);
  const [open, setOpen] = useState<string[]>(() => (data.reports <= 3 ? withText : []));
  const allOpen = withText.length > 0 && withText.every((key) => open.includes(key));
  return (
    <Paper withBorder radius="md" p="md" data-testid="consolidated-narratives">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {k.narratives}
        </Title>
        {withText.length > 0 && (
          <Button size="compact-sm" variant="subtle" onClick={() => setOpen(allOpen ? [] : withText)} data-testid="narratives-toggle">
            {allOpen ? k.closeAll : k.openAll}
          </Button>
        )}
      </Group>
      {data.reports === 0 ? (
        <Text size="sm" c="dimmed">
          {k.nothing}
        </Text>
      ) : (
        <Accordion multiple value={open} onChange={setOpen} variant="separated" radius="sm" chevronPosition="left">
          {data.narratives.map((heading) => (
            <Accordion.Item key={heading.key} value={heading.key} data-testid="narrative-heading" data-key={heading.key}>
              <Accordion.Control disabled={heading.entries.length === 0} data-testid="narrative-heading-toggle">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Text fw={700} size="sm">
                    {headingLabel(heading)}
                  </Text>
                  <Badge variant="light" color={heading.entries.length ? "blue" : "gray"} tt="none" radius="sm" style={{ flexShrink: 0 }}>
                    {heading.entries.length ? fill(k.agencies, { n: heading.entries.length }) : k.noneShort}
                  </Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {heading.entries.map((entry, i) => (
                    <Paper key={i} radius="sm" p="sm" bg="var(--mantine-color-gray-0)" data-testid="narrative-entry" data-agency={entry.organisation}>
                      <Group gap="xs" mb={4}>
                        <Text size="sm" fw={700} data-testid="narrative-agency">
                          {entry.organisation}
                        </Text>
                        <Tag color={STATUS_COLORS[entry.status as ReportStatus] ?? "gray"}>{t.admin.reports.statuses[entry.status as ReportStatus] ?? entry.status}</Tag>
                      </Group>
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="narrative-text">
                        {entry.text}
                      </Text>
                    </Paper>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Paper>
  );
}
