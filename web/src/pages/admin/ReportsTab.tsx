/**
 * «Báo cáo định kỳ» on an issued province plan: its reporting regime (periods with their cut-off windows and
 * each level's deadline, the reporting agencies, the outline), set up by Sở Nội vụ with one click and edited
 * in a dialog; for an agency that reports, its report's state in each period (opened as it is, a new one
 * drawn up only on request); for Sở Nội vụ and the province's
 * leadership, who has reported (CompletenessView) and the period consolidated (ConsolidationView).
 */
import { useState } from "react";
import { Alert, Badge, Button, Checkbox, Group, List, MultiSelect, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { PERIOD_KINDS, REPORT_LEVELS, type PeriodKind } from "@domain/reporting-periods.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type PlanDetail, type RegimePeriod, type RegimeView, type ReportLevel } from "../../lib/admin-api.ts";
import { collator, day, today } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { useUrlState } from "../../lib/search-params.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { CompletenessView } from "./CompletenessView.tsx";
import { ConsolidationView } from "./ConsolidationView.tsx";
import { ErrorMessage, FormDialog, Tag, useSubmit } from "./common.tsx";
import { planKey, regimeKey, useAgencyReports, useDrawsUpPlans, useOpenReport, useOwnAgencies, usePlanAgencies, useReadsProvinceReports, useRegime } from "./data.ts";
import { choosePeriod } from "./PeriodPicker.tsx";
import { StatusBadge, TimelinessTag } from "./ReportPage.tsx";
import { headingLabel, periodName } from "./report-text.ts";

type View = "regime" | "completeness" | "consolidation";

export function ReportsTab({ detail }: { detail: PlanDetail }) {
  const { t } = useI18n();
  const g = t.admin.reports.regime;
  const regime = useRegime(detail.plan.id);
  const readsAll = useReadsProvinceReports();
  const [state, setState] = useUrlState(["view", "period"] as const);
  if (regime.error) return <LoadError error={regime.error} retry={() => void regime.refetch()} />;
  if (regime.data === undefined) return <Loading />;
  if (regime.data === null) return <NoRegime detail={detail} />;
  const views: View[] = readsAll ? ["regime", "completeness", "consolidation"] : ["regime"];
  const view = views.includes(state.view as View) ? (state.view as View) : views.includes("completeness") ? "completeness" : "regime";
  const period = choosePeriod(regime.data.periods, state.period);
  const pickPeriod = (key: string) => setState({ period: key });
  return (
    <Stack gap="md" data-testid="reports-tab">
      {views.length > 1 && (
        <SegmentedControl
          value={view}
          onChange={(value) => setState({ view: value })}
          data={views.map((v) => ({ value: v, label: g.views[v] }))}
          style={{ alignSelf: "flex-start" }}
          data-testid="reports-view"
        />
      )}
      {view === "regime" && <RegimeDetails detail={detail} regime={regime.data} />}
      {view === "completeness" && <CompletenessView regime={regime.data} period={period} onPeriod={pickPeriod} />}
      {view === "consolidation" && <ConsolidationView regime={regime.data} period={period} onPeriod={pickPeriod} />}
    </Stack>
  );
}

function NoRegime({ detail }: { detail: PlanDetail }) {
  const { t, fill } = useI18n();
  const g = t.admin.reports.regime;
  const drawsUp = useDrawsUpPlans() && detail.plan.status === "issued";
  const { busy, error, run } = useSubmit();
  const queryClient = useQueryClient();
  const toast = useToast();
  const setup = () =>
    run(async () => {
      const regime = await reportApi.setRegime(detail.plan.id, {});
      queryClient.setQueryData(regimeKey(detail.plan.id), regime);
      toast(fill(g.setupDone, { periods: regime.periods.length, agencies: regime.agencies.length }));
    });
  return (
    <Paper withBorder radius="md" p="md" data-testid="no-regime">
      <Stack gap="sm">
        <Text fw={700}>{g.none}</Text>
        {drawsUp ? (
          <>
            <Text size="sm" c="dimmed" maw={760}>
              {g.noneHint}
            </Text>
            <Group>
              <Button onClick={() => void setup()} loading={busy} data-testid="setup-regime">
                {g.setup}
              </Button>
            </Group>
            <ErrorMessage error={error} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {g.noneReader}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function RegimeDetails({ detail, regime }: { detail: PlanDetail; regime: RegimeView }) {
  const { t, fill } = useI18n();
  const r = t.admin.reports;
  const g = r.regime;
  const drawsUp = useDrawsUpPlans() && detail.plan.status === "issued";
  const [editing, setEditing] = useState(false);
  const own = useOwnAgencies().filter((a) => regime.agencies.some((agency) => agency.id === a.id));
  const now = today();
  const { cutOffDay, deadlineDays } = regime.regime;
  const levels = REPORT_LEVELS;
  const byLevel = levels.map((level) => ({ level, agencies: regime.agencies.filter((a) => a.level === level) })).filter((l) => l.agencies.length > 0);

  return (
    <Stack gap="md" data-testid="regime">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={6}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {g.kindsLabel}:
              </Text>
              {PERIOD_KINDS.filter((k) => regime.regime.periodKinds.includes(k)).map((kind) => (
                <Badge key={kind} variant="light" color="gray" tt="none" radius="sm" data-testid="regime-kind">
                  {r.kinds[kind]}
                </Badge>
              ))}
            </Group>
            <Text size="sm" data-testid="regime-cut-off">
              <b>{g.cutOff}:</b> {fill(g.cutOffText, { from: cutOffDay, to: cutOffDay - 1 })}
            </Text>
            <Text size="sm" data-testid="regime-deadline-days">
              <b>{g.deadlineDays}:</b> {levels.map((level) => fill(g.deadlinesText, { level: r.levels[level], n: deadlineDays[level] ?? 0 })).join(" · ")}
            </Text>
          </Stack>
          {drawsUp && (
            <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-regime">
              {g.edit}
            </Button>
          )}
        </Group>
      </Paper>

      {own.length > 0 ? (
        own.map((agency) => <AgencyPeriods key={agency.id} regime={regime} agency={agency} title={own.length > 1 ? fill(g.ownReports, { agency: agency.name }) : fill(g.periods, { year: detail.plan.year })} />)
      ) : (
        <Paper withBorder radius="md">
          <Title order={3} size="h5" px="md" pt="md">
            {fill(g.periods, { year: detail.plan.year })}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={8} highlightOnHover data-testid="regime-periods">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{g.periodCol}</Table.Th>
                  <Table.Th>{g.windowCol}</Table.Th>
                  {levels.map((level) => (
                    <Table.Th key={level} ta="center">
                      {r.levels[level]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {regime.periods.map((period) => {
                  const current = period.from <= now && now <= period.to;
                  return (
                    <Table.Tr key={period.key} data-testid="regime-period" data-period={period.key} style={current ? CURRENT_ROW : undefined}>
                      <Table.Td>
                        <PeriodLabel period={period} current={current} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: "nowrap" }} data-testid="period-window">
                          {day(period.from)} – {day(period.to)}
                        </Text>
                      </Table.Td>
                      {levels.map((level) => (
                        <Table.Td key={level} ta="center">
                          <Text size="sm" c={period.deadlines[level] < now ? "dimmed" : undefined} data-testid={`deadline-${level}`}>
                            {day(period.deadlines[level])}
                          </Text>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md" data-testid="regime-agencies">
          <Title order={3} size="h5" mb="xs">
            {fill(g.agencies, { n: regime.agencies.length })}
          </Title>
          {regime.agencies.length === 0 ? (
            <Text size="sm" c="dimmed">
              {g.agenciesNone}
            </Text>
          ) : (
            <Stack gap="sm">
              {byLevel.map(({ level, agencies }) => (
                <Stack key={level} gap={4}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {r.levels[level]} ({agencies.length})
                  </Text>
                  <Group gap={6}>
                    {agencies.map((agency) => (
                      <Tag key={agency.id} color="gray">
                        <span data-testid="regime-agency">{agency.name}</span>
                      </Tag>
                    ))}
                  </Group>
                </Stack>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md" data-testid="regime-outline">
          <Title order={3} size="h5" mb="xs">
            {g.outline}
          </Title>
          <List type="ordered" size="sm" spacing={2}>
            {regime.regime.outline.map((heading) => (
              <List.Item key={heading.key}>{headingLabel(heading)}</List.Item>
            ))}
          </List>
        </Paper>
      </SimpleGrid>
      {editing && <RegimeForm detail={detail} regime={regime} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

const CURRENT_ROW = { background: "var(--mantine-color-blue-0)" };

/** «Quý I năm 2026», and «kỳ hiện tại» under the period running now. */
function PeriodLabel({ period, current }: { period: Pick<RegimePeriod, "kind" | "number" | "year">; current: boolean }) {
  const { t, lang, fill } = useI18n();
  return (
    <>
      <Text size="sm" fw={600}>
        {periodName(period, { t, lang, fill })}
      </Text>
      {current && (
        <Text size="xs" c="blue.8">
          {t.admin.reports.regime.current}
        </Text>
      )}
    </>
  );
}

/**
 * One agency's periods as its people see them: the window, the agency's own deadline, its report's state
 * and whether it was sent in time; «Mở báo cáo» for a report that exists, «Lập báo cáo» (a new draft) for a
 * period that has begun and has none — offered only to who may write. Looking creates nothing.
 */
function AgencyPeriods({ regime, agency, title }: { regime: RegimeView; agency: { id: number; name: string }; title: string }) {
  const { t, fill } = useI18n();
  const r = t.admin.reports;
  const g = r.regime;
  const { can } = useSession();
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const regimeId = regime.regime.id;
  const query = useAgencyReports(regimeId, agency.id);
  const opener = useOpenReport();
  const writes = can("agency-work.write");
  const now = today();
  return (
    <Paper withBorder radius="md" data-testid="agency-periods" data-agency={agency.name}>
      <Stack gap={2} px="md" pt="md">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {g.ownNote}
        </Text>
      </Stack>
      {query.error ? (
        <LoadError error={query.error} retry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing={8} highlightOnHover data-testid="regime-periods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{g.periodCol}</Table.Th>
                <Table.Th>{g.ownDeadline}</Table.Th>
                <Table.Th>{g.ownState}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.periods.map((period) => {
                const current = period.from <= now && now <= period.to;
                const begun = period.from <= now;
                return (
                  <Table.Tr
                    key={period.key}
                    data-testid="regime-period"
                    data-period={period.key}
                    data-status={period.status ?? ""}
                    data-timeliness={period.timeliness}
                    style={current ? CURRENT_ROW : undefined}
                  >
                    <Table.Td>
                      <PeriodLabel period={period} current={current} />
                      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }} data-testid="period-window">
                        {day(period.from)} – {day(period.to)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: "nowrap" }} data-testid="period-deadline">
                        {day(period.deadline)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {!begun && period.status === null ? (
                        <Text size="sm" c="dimmed">
                          {g.notYet}
                        </Text>
                      ) : (
                        <Group gap={6} wrap="wrap">
                          {period.status ? (
                            <StatusBadge status={period.status} />
                          ) : (
                            <Text size="sm" c="dimmed" data-testid="report-status" data-status="">
                              {g.notStarted}
                            </Text>
                          )}
                          {period.sentOn && (
                            <Text size="xs" c="dimmed" data-testid="sent-on">
                              {fill(g.sentOn, { date: day(period.sentOn) })}
                            </Text>
                          )}
                          <TimelinessTag timeliness={period.timeliness} />
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {period.reportId !== null ? (
                        <Button component={Link} to={`/admin/reports/${period.reportId}${search}`} size="compact-sm" variant="light" data-testid="open-report">
                          {g.openReport}
                        </Button>
                      ) : (
                        writes &&
                        begun && (
                          <Button
                            size="compact-sm"
                            variant="filled"
                            loading={opener.isOpening(regimeId, agency.id, period.key)}
                            onClick={() => void opener.open(regimeId, agency.id, period.key)}
                            data-testid="create-report"
                          >
                            {g.create}
                          </Button>
                        )
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorMessage error={opener.error} />
    </Paper>
  );
}

/** The regime's settings: period kinds, cut-off day, each level's days after the cut-off, who reports at which level. */
function RegimeForm({ detail, regime, onClose }: { detail: PlanDetail; regime: RegimeView; onClose: () => void }) {
  const { t } = useI18n();
  const r = t.admin.reports;
  const g = r.regime;
  const queryClient = useQueryClient();
  const toast = useToast();
  const listed = usePlanAgencies(detail.plan.id);
  const { busy, error, run } = useSubmit();
  const [kinds, setKinds] = useState<PeriodKind[]>([...regime.regime.periodKinds]);
  const [cutOffDay, setCutOffDay] = useState<number>(regime.regime.cutOffDay);
  const [days, setDays] = useState<Record<ReportLevel, number>>(
    Object.fromEntries(REPORT_LEVELS.map((level) => [level, regime.regime.deadlineDays[level] ?? 0])) as Record<ReportLevel, number>,
  );
  const [agencies, setAgencies] = useState<{ id: number; name: string; level: ReportLevel }[]>(regime.agencies.map((a) => ({ id: a.id, name: a.name, level: a.level })));
  const [tried, setTried] = useState(false);
  const choices = [...(listed.data ?? []), ...regime.agencies]
    .filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i)
    .sort((a, b) => collator.compare(a.name, b.name));
  const kindOf = (id: number) => choices.find((c) => c.id === id)?.kind;
  const ordered = REPORT_LEVELS.every((level, i) => i === 0 || days[REPORT_LEVELS[i - 1]!] <= days[level]);

  const submit = () =>
    run(async () => {
      setTried(true);
      if (kinds.length === 0 || !ordered) return;
      const saved = await reportApi.setRegime(detail.plan.id, {
        periodKinds: kinds,
        cutOffDay,
        deadlineDays: days,
        agencies: agencies.map((a) => ({ organisationId: a.id, level: a.level })),
      });
      queryClient.setQueryData(regimeKey(detail.plan.id), saved);
      await queryClient.invalidateQueries({ queryKey: planKey(detail.plan.id) });
      toast(g.saved);
      onClose();
    });

  return (
    <FormDialog title={g.editTitle} size="xl" onClose={onClose} onSubmit={() => void submit()} busy={busy} error={error} testId="regime-form" submitTestId="save-regime">
      <Checkbox.Group label={g.kindsLabel} value={kinds} onChange={(value) => setKinds(PERIOD_KINDS.filter((k) => value.includes(k)))} error={tried && kinds.length === 0 ? g.kindsNone : undefined}>
        <Group gap="lg" mt={6}>
          {PERIOD_KINDS.map((kind) => (
            <Checkbox key={kind} value={kind} label={r.kinds[kind]} data-testid={`regime-kind-${kind}`} />
          ))}
        </Group>
      </Checkbox.Group>
      <NumberInput
        label={g.cutOffDay}
        description={g.cutOffHint}
        value={cutOffDay}
        onChange={(value) => setCutOffDay(Math.round(Number(value) || 15))}
        min={2}
        max={28}
        clampBehavior="strict"
        allowDecimal={false}
        w={360}
        data-testid="regime-cut-off-day"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {g.deadlineDays}
        </Text>
        <Text size="xs" c="dimmed">
          {g.deadlineDaysHint}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {REPORT_LEVELS.map((level) => (
            <NumberInput
              key={level}
              label={r.levels[level]}
              value={days[level]}
              onChange={(value) => setDays((d) => ({ ...d, [level]: Math.max(0, Math.round(Number(value) || 0)) }))}
              min={0}
              max={90}
              clampBehavior="strict"
              allowDecimal={false}
              error={!ordered}
              data-testid={`regime-days-${level}`}
            />
          ))}
        </SimpleGrid>
        {!ordered && (
          <Text size="xs" c="red.8" data-testid="regime-order-error">
            {g.deadlineOrder}
          </Text>
        )}
      </Stack>
      <MultiSelect
        label={g.agenciesLabel}
        data={choices.map((c) => ({ value: String(c.id), label: c.name }))}
        value={agencies.map((a) => String(a.id))}
        onChange={(ids) =>
          setAgencies(
            ids.map((id) => {
              const known = agencies.find((a) => String(a.id) === id);
              if (known) return known;
              const choice = choices.find((c) => String(c.id) === id)!;
              return { id: choice.id, name: choice.name, level: kindOf(choice.id) === "commune" ? "commune" : "department" };
            }),
          )
        }
        searchable
        clearable
        maxDropdownHeight={280}
        comboboxProps={{ withinPortal: true }}
        data-testid="regime-agencies-field"
      />
      {agencies.length > 0 && (
        <Paper withBorder radius="sm" mah={260} style={{ overflowY: "auto" }}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.admin.reports.completeness.agency}</Table.Th>
                <Table.Th w={220}>{g.agencyLevel}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...agencies]
                .sort((a, b) => collator.compare(a.name, b.name))
                .map((agency) => (
                  <Table.Tr key={agency.id}>
                    <Table.Td>
                      <Text size="sm">{agency.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`${g.agencyLevel} — ${agency.name}`}
                        data={REPORT_LEVELS.map((level) => ({ value: level, label: r.levels[level] }))}
                        value={agency.level}
                        onChange={(level) => level && setAgencies((list) => list.map((a) => (a.id === agency.id ? { ...a, level: level as ReportLevel } : a)))}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {listed.error && (
        <Alert color="red" variant="light">
          {String(listed.error)}
        </Alert>
      )}
    </FormDialog>
  );
}
