/** Two to four provinces side by side for one year: dimensions chart and a table down to sub-dimensions. */
import { useMemo } from "react";
import { Alert, Anchor, Group, MultiSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Downloads } from "../components/Downloads.tsx";
import { EChart, type EChartsOption } from "../components/EChart.tsx";
import { GroupBadge } from "../components/GroupBadge.tsx";
import { LoadError, Loading } from "../components/States.tsx";
import { YearSelect } from "../components/YearSelect.tsx";
import { useI18n } from "../i18n/index.tsx";
import { compareRows } from "../../../src/presenters/compare-rows.ts";
import { api, downloads, type Profile } from "../lib/api.ts";
import { score } from "../lib/format.ts";
import { useUrlState } from "../lib/search-params.ts";
import { useTitle } from "../lib/title.ts";

const COLORS = ["#b02a37", "#1c7ed6", "#2f9e44", "#f08c00"];

export function ComparePage() {
  const { t, lang } = useI18n();
  const [state, setState] = useUrlState(["year", "provinces"] as const);
  const years = useQuery({ queryKey: ["years"], queryFn: api.years });
  const available = years.data?.years ?? [];
  const year = state.year && available.some((y) => String(y.year) === state.year) ? Number(state.year) : available.at(-1)?.year;
  const unitSet = available.find((y) => y.year === year)?.unitSet ?? "vn63";
  const units = useQuery({ queryKey: ["units", unitSet], queryFn: () => api.units(unitSet) });
  const selected = (state.provinces ?? "").split(",").filter(Boolean).slice(0, 4);
  const compare = useQuery({
    queryKey: ["compare", year, selected.join(","), lang],
    queryFn: () => api.compare(year!, selected, lang),
    enabled: year !== undefined && selected.length >= 2,
  });

  useTitle(year ? `${t.compare.title} ${year}` : undefined);
  if (years.error) return <LoadError error={years.error} />;
  if (!year) return <Loading />;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t.compare.title} · PAPI {year}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <YearSelect years={available.map((y) => y.year)} value={year} onChange={(y) => setState({ year: String(y) })} />
        <MultiSelect
          label={t.compare.choose}
          data={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
          value={selected}
          onChange={(codes) => setState({ provinces: codes.slice(0, 4).join(",") || undefined })}
          maxValues={4}
          searchable
          clearable
          w={{ base: "100%", sm: 560 }}
          comboboxProps={{ withinPortal: true }}
          data-testid="compare-select"
          nothingFoundMessage="—"
        />
      </Group>
      {selected.length < 2 && <Alert variant="light">{t.compare.needTwo}</Alert>}
      {compare.error && <LoadError error={compare.error} retry={() => void compare.refetch()} />}
      {selected.length >= 2 && !compare.data && !compare.error && <Loading />}
      {compare.data && <Comparison profiles={compare.data.provinces} year={year} codes={selected} />}
    </Stack>
  );
}

function Comparison({ profiles, year, codes }: { profiles: Profile[]; year: number; codes: string[] }) {
  const { t, lang } = useI18n();
  const first = profiles[0]!;
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: number | null) => score(v, lang, 2) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: first.dimensions.map((d) => d.code) },
      yAxis: { type: "value", min: 0, max: 10 },
      series: profiles.map((p, i) => ({
        name: p.province.name,
        type: "bar",
        data: p.dimensions.map((d) => d.score),
        itemStyle: { color: COLORS[i] },
      })),
    }),
    [profiles, first, lang],
  );
  const rows = compareRows(profiles, t.total);
  return (
    <>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          {t.compare.chart}
        </Title>
        <EChart option={option} height={340} ariaLabel={t.compare.chart} testId="compare-chart" />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Group justify="flex-end" mb="sm">
          <Downloads csv={downloads.compare(year, codes, lang, "csv")} xlsx={downloads.compare(year, codes, lang, "xlsx")} />
        </Group>
        <Table.ScrollContainer minWidth={300 + profiles.length * 170}>
          <Table verticalSpacing={5} striped data-testid="compare-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.measure}</Table.Th>
                {profiles.map((p, i) => (
                  <Table.Th key={p.province.code} ta="right" style={{ color: COLORS[i] }}>
                    <Anchor component={Link} to={`/provinces/${p.province.code}?year=${year}`} c={COLORS[i]} fw={700}>
                      {p.province.name}
                    </Anchor>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t.group}</Table.Td>
                {profiles.map((p) => (
                  <Table.Td key={p.province.code} ta="right">
                    <GroupBadge group={p.group} source={p.groupSource} short />
                  </Table.Td>
                ))}
              </Table.Tr>
              {rows.map((row) => {
                const values = row.values;
                const best = Math.max(...values.map((v) => v.score ?? -Infinity));
                return (
                  <Table.Tr key={row.code} bg={row.level < 2 ? "var(--mantine-color-gray-1)" : undefined}>
                    <Table.Td pl={row.level === 2 ? "lg" : undefined}>
                      <Text size="sm" fw={row.level < 2 ? 700 : 400}>
                        {row.code} · {row.name}
                      </Text>
                    </Table.Td>
                    {values.map((v, i) => (
                      <Table.Td key={profiles[i]!.province.code} ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                        <Text span size="sm" fw={v.score !== null && v.score === best ? 700 : 400}>
                          {score(v.score, lang, row.level === 0 ? 3 : 2)}
                        </Text>
                        <Text span size="xs" c="dimmed">
                          {" "}
                          #{v.rank ?? "—"}
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
    </>
  );
}
