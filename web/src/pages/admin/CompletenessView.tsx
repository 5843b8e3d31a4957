/**
 * Who has reported, for one period of a regime: each level's deadline, the counts (expected, sent on time,
 * late, overdue, not yet due, accepted, returned), every agency with its report's state, the day it was sent
 * (its leader's approval, which the deadline is for) and its timeliness (a link to the report), «Nhắc các
 * cơ quan chưa gửi» for Sở Nội vụ; then the whole year as a matrix of agencies × periods, one colour per
 * state, the agencies' column staying in view.
 */
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { REPORT_LEVELS } from "@domain/reporting-periods.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type Completeness, type RegimePeriod, type RegimeView } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, useSubmit } from "./common.tsx";
import { reportsKey } from "./data.ts";
import { StatusBadge, TimelinessTag } from "./ReportPage.tsx";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { CELL_STYLES, cellState, periodName, type CellState } from "./report-text.ts";

export const completenessKey = (regimeId: number, period: string) => [...reportsKey, "regime", regimeId, "completeness", period] as const;
const matrixKey = (regimeId: number) => [...reportsKey, "regime", regimeId, "matrix"] as const;

const COUNTS: { key: keyof Completeness["counts"]; color: string }[] = [
  { key: "expected", color: "gray" },
  { key: "submitted", color: "blue" },
  { key: "onTime", color: "teal" },
  { key: "late", color: "orange" },
  { key: "missing", color: "red" },
  { key: "pending", color: "gray" },
  { key: "accepted", color: "teal" },
  { key: "returned", color: "pink" },
];

export function CompletenessView({ regime, period, onPeriod }: { regime: RegimeView; period: RegimePeriod; onPeriod: (key: string) => void }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const r = t.admin.reports;
  const c = r.completeness;
  const { can } = useSession();
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const regimeId = regime.regime.id;
  const query = useQuery({ queryKey: completenessKey(regimeId, period.key), queryFn: () => reportApi.completeness(regimeId, period.key) });
  const queryClient = useQueryClient();
  const { busy, error, run } = useSubmit();
  const [reminded, setReminded] = useState<{ period: string; text: string } | null>(null);
  const data = query.data;
  const waiting = data ? data.counts.pending + data.counts.missing : 0;

  const remind = () =>
    run(async () => {
      const answer = await reportApi.remind(regimeId, period.key);
      const text =
        answer.agencies.length === 0
          ? c.nobodyToRemind
          : answer.notified === 0
            ? fill(c.remindedAlready, { agencies: answer.agencies.length })
            : fill(c.reminded, { agencies: answer.agencies.length, notified: answer.notified });
      setReminded({ period: period.key, text });
      await queryClient.invalidateQueries({ queryKey: completenessKey(regimeId, period.key) });
    });

  return (
    <Stack gap="md" data-testid="completeness">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <PeriodPicker periods={regime.periods} value={period.key} onChange={onPeriod} />
        {can("reports.review") && data && (
          <Button color="orange" variant="light" onClick={() => void remind()} loading={busy} disabled={waiting === 0} data-testid="remind">
            {c.remind}
          </Button>
        )}
      </Group>
      {reminded?.period === period.key && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setReminded(null)} data-testid="reminded">
          {reminded.text}
        </Alert>
      )}
      <ErrorMessage error={error} />
      {query.error && <LoadError error={query.error} retry={() => void query.refetch()} />}
      {!data ? (
        !query.error && <Loading />
      ) : (
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Text fw={700} data-testid="completeness-period">
              {periodName(period, words)} ({day(period.from)} – {day(period.to)})
            </Text>
            <Text size="sm" c="dimmed">
              {fill(c.deadlines, { list: REPORT_LEVELS.map((level) => `${r.levels[level]} ${day(period.deadlines[level])}`).join(" · ") })}
            </Text>
            <Group gap="xs" wrap="wrap" data-testid="completeness-counts">
              {COUNTS.map(({ key, color }) => (
                <Badge key={key} size="lg" color={color} variant={data.counts[key] > 0 && key !== "expected" && key !== "pending" ? "light" : "outline"} tt="none" radius="sm" data-testid={`count-${key}`}>
                  {c.counts[key]}: {data.counts[key]}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Paper>
      )}
      {data &&
        (data.agencies.length === 0 ? (
          <Alert variant="light">{c.none}</Alert>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing={8} highlightOnHover data-testid="completeness-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{c.agency}</Table.Th>
                    <Table.Th>{c.level}</Table.Th>
                    <Table.Th>{c.deadline}</Table.Th>
                    <Table.Th>{c.state}</Table.Th>
                    <Table.Th title={c.firstSentHint}>{c.firstSent}</Table.Th>
                    <Table.Th>{c.timeliness}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.agencies.map((row) => (
                    <Table.Tr key={row.organisation.id} data-testid="completeness-row" data-agency={row.organisation.name} data-status={row.status ?? ""} data-timeliness={row.timeliness}>
                      <Table.Td>
                        {row.reportId ? (
                          <Anchor component={Link} to={`/admin/reports/${row.reportId}${search}`} size="sm" fw={600} data-testid="completeness-report-link">
                            {row.organisation.name}
                          </Anchor>
                        ) : (
                          <Text size="sm" fw={600}>
                            {row.organisation.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.levels[row.level]}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{day(row.deadline)}</Text>
                      </Table.Td>
                      <Table.Td>
                        {row.status ? (
                          <StatusBadge status={row.status} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {c.notStarted}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" data-testid="sent-on">
                          {day(row.sentOn)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <TimelinessTag timeliness={row.timeliness} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
      <YearMatrix regime={regime} period={period.key} onPeriod={onPeriod} />
    </Stack>
  );
}

const CELL_ORDER: CellState[] = ["accepted", "accepted-late", "sent", "late", "returned", "missing", "draft", "pending"];

function YearMatrix({ regime, period, onPeriod }: { regime: RegimeView; period: string; onPeriod: (key: string) => void }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const c = t.admin.reports.completeness;
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const query = useQuery({ queryKey: matrixKey(regime.regime.id), queryFn: () => reportApi.matrix(regime.regime.id) });
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const { periods, agencies } = query.data;
  const sticky = { position: "sticky" as const, left: 0, zIndex: 2, background: "var(--mantine-color-body)", boxShadow: "1px 0 0 var(--mantine-color-gray-3)" };
  return (
    <Paper withBorder radius="md" p="md" data-testid="year-matrix">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
        <Title order={3} size="h5">
          {fill(c.matrix, { year: periods[0]?.year ?? "" })}
        </Title>
        <Group gap={10} wrap="wrap" data-testid="matrix-legend" aria-label={c.legend}>
          {CELL_ORDER.map((state) => (
            <Group key={state} gap={4} wrap="nowrap">
              <span style={{ display: "inline-flex", width: 18, height: 18, borderRadius: 4, alignItems: "center", justifyContent: "center", fontSize: 11, fontWeight: 700, ...CELL_STYLES[state], border: "1px solid var(--mantine-color-gray-3)" }}>
                {CELL_STYLES[state].mark}
              </span>
              <Text size="xs">{c.cells[state]}</Text>
            </Group>
          ))}
        </Group>
      </Group>
      <div style={{ overflowX: "auto", maxHeight: "75vh", overflowY: "auto" }} data-testid="matrix-scroll">
        <table style={{ borderCollapse: "separate", borderSpacing: 3, minWidth: "100%" }}>
          <thead>
            <tr>
              <th style={{ ...sticky, top: 0, zIndex: 3, textAlign: "left", minWidth: 220, fontSize: 13, padding: "4px 8px" }}>{c.agency}</th>
              {periods.map((p) => (
                <th key={p.key} style={{ position: "sticky", top: 0, zIndex: 1, background: "var(--mantine-color-body)", padding: 2, minWidth: 64 }}>
                  <button
                    type="button"
                    onClick={() => onPeriod(p.key)}
                    style={{
                      all: "unset",
                      cursor: "pointer",
                      fontSize: 12,
                      fontWeight: p.key === period ? 800 : 600,
                      color: p.key === period ? "var(--mantine-color-red-8)" : undefined,
                      textDecoration: p.key === period ? "underline" : undefined,
                      whiteSpace: "nowrap",
                    }}
                  >
                    {periodName(p, words, "tab")}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {agencies.map((row) => (
              <tr key={row.organisation.id} data-testid="matrix-agency" data-agency={row.organisation.name}>
                <th style={{ ...sticky, textAlign: "left", fontWeight: 500, fontSize: 13, padding: "2px 8px", whiteSpace: "nowrap" }}>{row.organisation.name}</th>
                {row.cells.map((cell) => {
                  const state = cellState(cell.status, cell.timeliness);
                  const style = CELL_STYLES[state];
                  const name = periodName(periods.find((p) => p.key === cell.period) ?? cell.period, words, "short");
                  const title = fill(c.cellTitle, { agency: row.organisation.name, period: name, state: c.cells[state] });
                  const box = { display: "flex", alignItems: "center", justifyContent: "center", height: 26, borderRadius: 4, fontSize: 13, fontWeight: 700, background: style.background, color: style.color };
                  return (
                    <td key={cell.period} style={{ padding: 0 }} data-testid="matrix-cell" data-period={cell.period} data-state={state} title={title}>
                      {cell.reportId ? (
                        <Link to={`/admin/reports/${cell.reportId}${search}`} style={{ ...box, textDecoration: "none" }} aria-label={title}>
                          {style.mark}
                        </Link>
                      ) : (
                        <div style={box} aria-label={title}>
                          {style.mark}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Paper>
  );
}
