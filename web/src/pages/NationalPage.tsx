/**
 * The national view: a year and a measure (the total or one dimension), a map coloured by group, the
 * national statistics and a sortable ranking. For years published for the 63 provinces, the map can show
 * the 34 units of 2025 instead, with their scores labelled as estimates.
 */
import { useMemo, useState } from "react";
import {
  Alert,
  Anchor,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { foldVietnamese } from "@domain/text.ts";
import { ChangeCell } from "../components/Change.tsx";
import { Downloads } from "../components/Downloads.tsx";
import { GroupBadge } from "../components/GroupBadge.tsx";
import { ProvinceMap, type MapValue } from "../components/ProvinceMap.tsx";
import { LoadError, Loading } from "../components/States.tsx";
import { YearSelect } from "../components/YearSelect.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, downloads, type Merged, type Rankings } from "../lib/api.ts";
import { score } from "../lib/format.ts";
import { useUrlState } from "../lib/search-params.ts";
import { useTitle } from "../lib/title.ts";

type SortKey = "rank" | "province" | "score" | "change";
const collator = new Intl.Collator("vi");

export function NationalPage() {
  const { t, lang, fill } = useI18n();
  const navigate = useNavigate();
  const narrow = useMediaQuery("(max-width: 36em)");
  const [state, setState] = useUrlState(["year", "dimension", "view"] as const);
  const years = useQuery({ queryKey: ["years"], queryFn: api.years });
  const available = years.data?.years ?? [];
  const latest = available.at(-1)?.year;
  const year = state.year && available.some((y) => String(y.year) === state.year) ? Number(state.year) : latest;
  const dimension = state.dimension;
  const yearInfo = available.find((y) => y.year === year);
  const view = state.view === "vn34" && yearInfo?.unitSet === "vn63" ? "vn34" : (yearInfo?.unitSet ?? "vn63");

  const rankings = useQuery({
    queryKey: ["rankings", year, dimension, lang],
    queryFn: () => api.rankings(year!, dimension, lang),
    enabled: year !== undefined,
  });
  const merged = useQuery({
    queryKey: ["merged", year, lang],
    queryFn: () => api.merged(year!, lang),
    enabled: year !== undefined && view === "vn34" && yearInfo?.unitSet === "vn63",
  });
  const frameworks = useQuery({ queryKey: ["frameworks", lang], queryFn: () => api.frameworks(lang) });

  useTitle(year ? `${t.national.title} ${year}` : undefined);
  if (years.error) return <LoadError error={years.error} retry={() => void years.refetch()} />;
  if (!year) return <Loading />;
  const framework = frameworks.data?.find((f) => f.fromYear <= year && (f.toYear === null || year <= f.toYear));
  const dimensionOptions = [
    { value: "", label: t.total },
    ...(framework?.dimensions.map((d) => ({ value: d.code, label: `${d.code} · ${d.name}` })) ?? []),
  ];
  const dimensionValid = !dimension || framework?.dimensions.some((d) => d.code === dimension);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">
          {t.national.title} {year}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <YearSelect years={available.map((y) => y.year)} value={year} onChange={(y) => setState({ year: String(y) })} />
          <Select
            label={t.measure}
            data={dimensionOptions}
            value={dimensionValid ? (dimension ?? "") : ""}
            onChange={(value) => setState({ dimension: value || undefined })}
            allowDeselect={false}
            w={{ base: "100%", xs: 320 }}
            comboboxProps={{ withinPortal: true }}
            data-testid="dimension-select"
          />
        </Group>
      </Group>

      {framework && (framework.breakFromPrevious || framework.fromYear === year) && (
        <Alert color={framework.breakFromPrevious ? "orange" : "blue"} variant="light" title={framework.code}>
          {framework.note}
        </Alert>
      )}

      {rankings.error && <LoadError error={rankings.error} retry={() => void rankings.refetch()} />}
      {rankings.data && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md" radius="md">
              <Group justify="space-between" mb="xs" wrap="wrap">
                <Title order={2} size="h4">
                  {t.national.mapTitle}
                </Title>
                {yearInfo?.unitSet === "vn63" && (
                  <SegmentedControl
                    size="xs"
                    orientation={narrow ? "vertical" : "horizontal"}
                    fullWidth={narrow}
                    value={view}
                    onChange={(value) => setState({ view: value === "vn34" ? "vn34" : undefined })}
                    data={[
                      { value: "vn63", label: t.national.map63 },
                      { value: "vn34", label: t.national.map34 },
                    ]}
                    data-testid="map-view"
                  />
                )}
              </Group>
              {view === "vn34" && (
                <Alert color="yellow" variant="light" mb="xs" p="xs">
                  <Text size="xs">{t.national.estimateNote}</Text>
                </Alert>
              )}
              <NationalMap
                rankings={rankings.data}
                merged={view === "vn34" ? merged.data : undefined}
                view={view}
                dimension={dimensionValid ? dimension : undefined}
                onSelect={(code) => {
                  if (view !== "vn34") return navigate(`/provinces/${code}?year=${year}`);
                  // A new unit opens its former provinces: one profile, or them side by side.
                  const olds = merged.data?.units.find((u) => u.unit.code === code)?.constituents.map((c) => c.unit.code) ?? [];
                  navigate(olds.length === 1 ? `/provinces/${olds[0]}?year=${year}` : `/compare?year=${year}&provinces=${olds.join(",")}`);
                }}
              />
              <Text size="xs" c="dimmed" ta="center" mt={4}>
                {t.national.mapHint}
              </Text>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <NationalStats rankings={rankings.data} />
          </Grid.Col>
        </Grid>
      )}

      {view === "vn34" && merged.data ? (
        <MergedTable merged={merged.data} year={year} />
      ) : (
        rankings.data && <RankingTable rankings={rankings.data} dimension={dimensionValid ? dimension : undefined} />
      )}
      {!rankings.data && !rankings.error && <Loading />}
      {rankings.data && rankings.data.rankedCount < rankings.data.rows.length && (
        <Text size="sm" c="dimmed">
          {fill(t.national.unranked, { n: rankings.data.rows.length - rankings.data.rankedCount })}
        </Text>
      )}
    </Stack>
  );
}

function NationalMap(props: {
  rankings: Rankings;
  merged: Merged | undefined;
  view: "vn63" | "vn34";
  dimension: string | undefined;
  onSelect: (code: string) => void;
}) {
  const { t } = useI18n();
  const values = useMemo(() => {
    const map = new Map<string, MapValue>();
    if (props.view === "vn34" && props.merged) {
      for (const u of props.merged.units) {
        const value = props.dimension ? (u.estimate.dimensions[props.dimension] ?? null) : u.estimate.total;
        map.set(u.unit.code, {
          name: u.unit.name,
          score: value,
          rank: props.dimension ? null : u.estimate.rank,
          group: props.dimension ? null : u.estimate.group,
          note: `${t.national.estimate} · ${t.national.constituents}: ${u.constituents.map((c) => c.unit.name).join(", ")}`,
        });
      }
      return map;
    }
    for (const row of props.rankings.rows) {
      map.set(row.province.code, { name: row.province.name, score: row.score, rank: row.rank, group: row.group });
    }
    return map;
  }, [props.rankings, props.merged, props.view, props.dimension, t]);
  return <ProvinceMap set={props.view} values={values} onSelect={props.onSelect} />;
}

function NationalStats({ rankings }: { rankings: Rankings }) {
  const { t, lang } = useI18n();
  const n = rankings.national;
  if (!n) return null;
  const worst = rankings.rows.filter((r) => r.score !== null && Math.abs(r.score - n.min) < 1e-9);
  const item = (label: string, value: string, detail?: string) => (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t.national.statsTitle} · {rankings.dimension ? `${rankings.dimension.code} ${rankings.dimension.name}` : t.total} (/
        {rankings.max})
      </Title>
      <SimpleGrid cols={2} spacing="sm">
        {item(t.scored, String(n.count), `/ ${rankings.rows.length}`)}
        {item(t.median, score(n.median, lang, 4))}
        {item(t.best, score(n.max, lang, 4), n.best.map((b) => b.name).join(", "))}
        {item(t.lowest, score(n.min, lang, 4), worst.map((w) => w.province.name).join(", "))}
        {item(t.mean, score(n.mean, lang, 4))}
        {n.cutPoints && item(t.national.cutPoints, [n.cutPoints.p25, n.cutPoints.p50, n.cutPoints.p75].map((v) => score(v, lang, 2)).join(" · "))}
      </SimpleGrid>
      <Paper withBorder p="sm" radius="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
          {t.national.groupSizes}
        </Text>
        <Stack gap={4}>
          {(["highest", "high-average", "low-average", "lowest"] as const).map((g) => (
            <Group key={g} justify="space-between">
              <GroupBadge group={g} />
              <Text fw={600} data-testid={`group-size-${g}`}>
                {n.groupSizes[g] ?? 0}
              </Text>
            </Group>
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

function SortHeader(props: { label: string; sortKey: SortKey; sort: { key: SortKey; asc: boolean }; onSort: (key: SortKey) => void; align?: "right" }) {
  const active = props.sort.key === props.sortKey;
  return (
    <Table.Th
      style={{ textAlign: props.align ?? "left", whiteSpace: "nowrap" }}
      aria-sort={active ? (props.sort.asc ? "ascending" : "descending") : "none"}
    >
      <UnstyledButton onClick={() => props.onSort(props.sortKey)} fw={600} fz="sm">
        {props.label} {active ? (props.sort.asc ? "▲" : "▼") : "↕"}
      </UnstyledButton>
    </Table.Th>
  );
}

function RankingTable({ rankings, dimension }: { rankings: Rankings; dimension: string | undefined }) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: "rank", asc: true });
  const [filter, setFilter] = useState("");
  const rows = useMemo(() => {
    const needle = foldVietnamese(filter);
    const filtered = rankings.rows.filter((r) => !needle || foldVietnamese(r.province.name).includes(needle));
    const value = (r: Rankings["rows"][number]): number | string | null =>
      sort.key === "rank" ? r.rank : sort.key === "score" ? r.score : sort.key === "change" ? r.change.delta : r.province.name;
    return [...filtered].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null && y === null) return 0;
      if (x === null) return 1; // missing is not zero: unscored provinces stay at the end
      if (y === null) return -1;
      const order = typeof x === "string" ? collator.compare(x, y as string) : x - (y as number);
      return sort.asc ? order : -order;
    });
  }, [rankings, sort, filter]);
  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, asc: !s.asc } : { key, asc: key === "rank" || key === "province" }));

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t.national.rankingTitle} · {rankings.dimension ? rankings.dimension.name : t.total}
        </Title>
        <Group gap="sm" wrap="wrap">
          <TextInput
            placeholder={t.search}
            aria-label={t.search}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            size="xs"
            w={200}
          />
          <Downloads
            csv={downloads.rankings(rankings.year, dimension, lang, "csv")}
            xlsx={downloads.rankings(rankings.year, dimension, lang, "xlsx")}
          />
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing={6} data-testid="ranking-table">
          <Table.Thead>
            <Table.Tr>
              <SortHeader label={t.rank} sortKey="rank" sort={sort} onSort={onSort} />
              <SortHeader label={t.province} sortKey="province" sort={sort} onSort={onSort} />
              <SortHeader label={`${t.score} (/${rankings.max})`} sortKey="score" sort={sort} onSort={onSort} align="right" />
              <Table.Th>{t.group}</Table.Th>
              <SortHeader label={t.change} sortKey="change" sort={sort} onSort={onSort} align="right" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.province.code}>
                <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>{r.rank ?? "—"}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/provinces/${r.province.code}?year=${rankings.year}`} fw={500}>
                    {r.province.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {r.score === null ? <Text span c="dimmed" size="sm">{t.notScored}</Text> : score(r.score, lang, 4)}
                </Table.Td>
                <Table.Td>
                  <GroupBadge group={r.group} source={r.groupSource} short />
                </Table.Td>
                <ChangeCell change={r.change} digits={4} showRank />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function MergedTable({ merged, year }: { merged: Merged; year: number }) {
  const { t, lang, fill } = useI18n();
  const rows = [...merged.units].sort(
    (a, b) => (a.estimate.rank ?? Infinity) - (b.estimate.rank ?? Infinity) || collator.compare(a.unit.name, b.unit.name),
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t.national.map34}
        </Title>
        <Downloads csv={downloads.merged(year, lang, "csv")} xlsx={downloads.merged(year, lang, "xlsx")} />
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing={6} data-testid="merged-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.rank}</Table.Th>
              <Table.Th>{t.province}</Table.Th>
              <Table.Th ta="right">{t.national.estimate}</Table.Th>
              <Table.Th>{t.national.constituents}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.unit.code}>
                <Table.Td>{u.estimate.rank ?? "—"}</Table.Td>
                <Table.Td fw={500}>{u.unit.name}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                  {score(u.estimate.total, lang, 4)}
                  {u.estimate.total !== null && (
                    <Text span size="xs" c="orange.8" ml={6}>
                      ({lang === "vi" ? "ước tính" : "estimate"})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {u.constituents.map((c, i) => (
                      <span key={c.unit.code}>
                        {i > 0 && ", "}
                        <Anchor component={Link} to={`/provinces/${c.unit.code}?year=${year}`}>
                          {c.unit.name}
                        </Anchor>{" "}
                        ({score(c.total, lang, 3)})
                      </span>
                    ))}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fill(t.national.coverage, u.estimate.coverage)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
