/**
 * A province's profile for one year: where it stands (score, rank, group, change), the findings worded
 * like a provincial analysis, its dimensions against the national median and the best province, its
 * trend with framework breaks marked, and every sub-dimension with its score/max bar and weakness flag.
 */
import { useMemo } from "react";
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  CopyButton,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { formatCompact } from "@domain/format.ts";
import { provinceInText } from "@domain/wording.ts";
import { Change, ChangeCell } from "../components/Change.tsx";
import { Downloads } from "../components/Downloads.tsx";
import { EChart, type EChartsOption } from "../components/EChart.tsx";
import { GroupBadge } from "../components/GroupBadge.tsx";
import { LoadError, Loading } from "../components/States.tsx";
import { YearSelect } from "../components/YearSelect.tsx";
import { useI18n } from "../i18n/index.tsx";
import { api, downloads, type Profile, type Trend } from "../lib/api.ts";
import { percent, score } from "../lib/format.ts";
import { useUrlState } from "../lib/search-params.ts";
import { useTitle } from "../lib/title.ts";

const WEAK_RATIOS = ["0.3", "0.4", "0.5"];

export function ProvincePage() {
  const { code = "" } = useParams();
  const { t, lang } = useI18n();
  const [state, setState] = useUrlState(["year", "weak", "trend"] as const);
  const years = useQuery({ queryKey: ["years"], queryFn: api.years });
  const available = years.data?.years.map((y) => y.year) ?? [];
  const year = state.year && available.includes(Number(state.year)) ? Number(state.year) : available.at(-1);
  const weakRatio = state.weak && WEAK_RATIOS.includes(state.weak) ? Number(state.weak) : undefined;

  const profile = useQuery({
    queryKey: ["profile", year, code, lang, weakRatio],
    queryFn: () => api.profile(year!, code, lang, weakRatio),
    enabled: year !== undefined,
  });
  const trend = useQuery({ queryKey: ["trend", code], queryFn: () => api.trend(code) });

  useTitle(profile.data ? `${profile.data.province.name} · PAPI ${year}` : undefined);
  if (years.error) return <LoadError error={years.error} />;
  if (!year) return <Loading />;
  const p = profile.data;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to={`/?year=${year}`}>
          {t.nav.national}
        </Anchor>
        <Text>{p?.province.name ?? code}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {p?.province.fullName ?? code} · PAPI {year}
          </Title>
          {p?.province.successor && (
            <Text size="sm" c="dimmed">
              {t.profile.mergedInto.replace("{name}", provinceInText(p.province.successor.fullName, lang))}
            </Text>
          )}
        </Stack>
        <Group align="flex-end">
          <YearSelect years={available} value={year} onChange={(y) => setState({ year: String(y) })} />
          <Button component={Link} to={`/compare?year=${year}&provinces=${code}`} variant="light">
            {t.nav.compare}
          </Button>
        </Group>
      </Group>

      {profile.error && <LoadError error={profile.error} retry={() => void profile.refetch()} />}
      {!p && !profile.error && <Loading />}
      {p && (
        <>
          {p.framework.breakFromPrevious && (
            <Alert color="orange" variant="light" title={t.profile.frameworkNote.replace("{code}", p.framework.code)}>
              {p.framework.note}
            </Alert>
          )}
          <Headline profile={p} />
          <Summary profile={p} />
          {p.dimensions.some((d) => d.score !== null) ? (
            <DimensionsPanel profile={p} />
          ) : (
            <Alert color="gray" variant="light" data-testid="no-results">
              {t.profile.noResults.replace("{year}", String(year))}
            </Alert>
          )}
          {trend.data && (
            <TrendPanel trend={trend.data} mode={state.trend === "dimensions" ? "dimensions" : "total"} onMode={(m) => setState({ trend: m === "total" ? undefined : m })} />
          )}
          {trend.error && <LoadError error={trend.error} />}
          {p.subdimensions.some((x) => x.score !== null) && (
            <SubdimensionsPanel
              profile={p}
              weak={String(p.weakRatio)}
              onWeak={(value) => setState({ weak: value === "0.4" ? undefined : value })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function Headline({ profile: p }: { profile: Profile }) {
  const { t, lang, fill } = useI18n();
  const card = (label: string, children: React.ReactNode, testId: string) => (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        {label}
      </Text>
      {children}
    </Paper>
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
      {card(
        t.profile.scoreOf,
        <Text size="1.9rem" fw={700} lh={1.1} style={{ fontVariantNumeric: "tabular-nums" }}>
          {p.total === null ? "—" : score(p.total, lang, 3)}
          <Text span size="md" c="dimmed" fw={500}>
            /{p.max}
          </Text>
        </Text>,
        "headline-score",
      )}
      {card(
        t.profile.rankOf,
        <>
          <Text size="1.9rem" fw={700} lh={1.1}>
            {p.rank ?? "—"}
          </Text>
          <Text size="xs" c="dimmed">
            {fill(t.profile.rankDetail, { units: p.unitCount, ranked: p.rankedCount })}
          </Text>
        </>,
        "headline-rank",
      )}
      {card(t.profile.groupOf, <GroupBadge group={p.group} source={p.groupSource} officialSource={p.groupOfficialSource} />, "headline-group")}
      {card(
        p.change.previousYear ? fill(t.profile.changeOf, { year: p.change.previousYear }) : t.change,
        <Change change={p.change} showRank />,
        "headline-change",
      )}
    </SimpleGrid>
  );
}

function Summary({ profile: p }: { profile: Profile }) {
  const { t } = useI18n();
  const text = p.summary.join("\n");
  return (
    <Paper withBorder p="md" radius="md" data-testid="summary">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t.profile.summary}
        </Title>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant={copied ? "filled" : "default"} color={copied ? "teal" : undefined} onClick={copy}>
              {copied ? t.profile.copied : t.profile.copy}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Stack gap={6}>
        {p.summary.map((paragraph) => (
          <Text key={paragraph} size="sm" style={{ textAlign: "justify" }}>
            {paragraph}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function DimensionsPanel({ profile: p }: { profile: Profile }) {
  const { t, lang } = useI18n();
  const option = useMemo<EChartsOption>(() => {
    const dims = [...p.dimensions].reverse(); // top-to-bottom D1…D8 in a horizontal bar chart
    const label = (d: Profile["dimensions"][number]) => {
      const name = `${d.code} ${d.name}`;
      return name.length > 34 ? `${name.slice(0, 33)}…` : name;
    };
    return {
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: number | null) => (v === null || v === undefined ? "—" : score(v, lang, 2)),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max: 10, splitNumber: 5 },
      yAxis: { type: "category", data: dims.map(label), axisLabel: { fontSize: 11 } },
      series: [
        {
          name: p.province.name,
          type: "bar",
          data: dims.map((d) => d.score),
          itemStyle: { color: "#b02a37" },
          barGap: "10%",
          label: { show: true, position: "right", fontSize: 10, formatter: (x: { value: number | null }) => score(x.value, lang, 2) },
          markLine: {
            silent: true,
            symbol: "none",
            data: [{ xAxis: 5, name: t.profile.halfLine }],
            lineStyle: { type: "dashed", color: "#c92a2a" },
            label: { formatter: "5/10", color: "#c92a2a" },
          },
        },
        { name: t.median, type: "bar", data: dims.map((d) => d.national?.median ?? null), itemStyle: { color: "#868e96" } },
        {
          name: t.profile.bestProvince,
          type: "bar",
          data: dims.map((d) => d.national?.best.score ?? null),
          itemStyle: { color: "#74c0fc" },
        },
      ],
    };
  }, [p, lang, t]);

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t.profile.dimensionsChart}
      </Title>
      <EChart option={option} height={460} ariaLabel={t.profile.dimensionsChart} testId="dimensions-chart" />
      <Table.ScrollContainer minWidth={720} mt="md">
        <Table verticalSpacing={6} striped data-testid="dimensions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.dimension}</Table.Th>
              <Table.Th ta="right">{t.score}</Table.Th>
              <Table.Th ta="right">{t.rank}</Table.Th>
              <Table.Th>{t.group}</Table.Th>
              <Table.Th ta="right">{t.median}</Table.Th>
              <Table.Th>{t.profile.bestProvince}</Table.Th>
              <Table.Th ta="right">{t.change}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.dimensions.map((d) => (
              <Table.Tr key={d.code}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {d.code} · {d.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                  <Text span size="sm" fw={600} c={d.belowHalf ? "red.8" : undefined}>
                    {score(d.score, lang, 2)}
                  </Text>
                  /{d.max}
                  {d.belowHalf && (
                    <Badge size="xs" color="red" variant="light" ml={6}>
                      {t.profile.belowHalf}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{d.rank ?? "—"}</Table.Td>
                <Table.Td>
                  <GroupBadge group={d.group} source={d.groupSource} short />
                </Table.Td>
                <Table.Td ta="right">{score(d.national?.median, lang, 2)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {d.national ? `${d.national.best.provinces.map((b) => b.name).join(", ")} (${score(d.national.best.score, lang, 2)})` : "—"}
                  </Text>
                </Table.Td>
                <ChangeCell change={d.change} digits={2} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

const DIMENSION_COLORS = ["#1c7ed6", "#2f9e44", "#f08c00", "#c92a2a", "#7048e8", "#0c8599", "#5c940d", "#d6336c"];

function TrendPanel(props: { trend: Trend; mode: "total" | "dimensions"; onMode: (mode: "total" | "dimensions") => void }) {
  const { t, lang } = useI18n();
  const { trend } = props;
  const option = useMemo<EChartsOption>(() => {
    const points = trend.points;
    // Version changes, marked on the chart; a method break also cuts the lines (a null between the years).
    const changes = points.filter((pt, i) => i > 0 && pt.framework !== points[i - 1]!.framework);
    const breaks = points.filter((pt) => pt.comparability === "break");
    const withGaps = <T,>(value: (pt: (typeof points)[number]) => T | null) => {
      const data: [number, T | null][] = [];
      for (const pt of points) {
        if (breaks.includes(pt)) data.push([pt.year - 0.5, null]);
        data.push([pt.year, value(pt)]);
      }
      return data;
    };
    const markLine = {
      silent: true,
      symbol: "none",
      lineStyle: { type: "dashed", color: "#868e96" },
      label: { position: "insideEndTop", fontSize: 10, color: "#495057", formatter: (x: { name: string }) => x.name },
      data: changes.map((pt) => ({ xAxis: pt.year - 0.5, name: t.profile.breaks[pt.framework] ?? pt.framework })),
    };
    const firstYear = points[0]?.year ?? 2011;
    const lastYear = points.at(-1)?.year ?? 2024;
    const base = {
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: number | null) => (v === null || v === undefined ? "—" : score(v, lang, 3)),
      },
      grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
      // Integer bounds keep the ticks on the years; the extra year each side is left unlabelled.
      xAxis: {
        type: "value",
        min: firstYear - 1,
        max: lastYear + 1,
        interval: 1,
        axisLabel: { formatter: (v: number) => (v >= firstYear && v <= lastYear ? String(v) : "") },
        splitLine: { show: false },
      },
    };
    if (props.mode === "total") {
      return {
        ...base,
        legend: { top: 0 },
        yAxis: { type: "value", scale: true, name: t.score },
        series: [
          {
            name: t.profile.trendTotal,
            type: "line",
            connectNulls: false,
            data: withGaps((pt) => pt.total),
            symbolSize: 7,
            lineStyle: { width: 2.5, color: "#b02a37" },
            itemStyle: { color: "#b02a37" },
            markLine,
          },
        ],
      };
    }
    const slugs = [...new Set(points.flatMap((pt) => pt.dimensions.map((d) => d.slug)))];
    const codeOf = (slug: string) => points.at(-1)?.dimensions.find((d) => d.slug === slug)?.code ?? slug;
    return {
      ...base,
      legend: { top: 0, type: "scroll" },
      yAxis: { type: "value", min: 0, max: 10, name: t.score },
      series: slugs.map((slug, i) => ({
        name: codeOf(slug),
        type: "line",
        connectNulls: false,
        symbolSize: 5,
        data: withGaps((pt) => pt.dimensions.find((d) => d.slug === slug)?.score ?? null),
        lineStyle: { color: DIMENSION_COLORS[i % 8] },
        itemStyle: { color: DIMENSION_COLORS[i % 8] },
        ...(i === 0 ? { markLine } : {}),
      })),
    };
  }, [trend, props.mode, lang, t]);

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t.profile.trendTitle} {trend.points[0]?.year}–{trend.points.at(-1)?.year}
        </Title>
        <SegmentedControl
          size="xs"
          value={props.mode}
          onChange={(v) => props.onMode(v as "total" | "dimensions")}
          data={[
            { value: "total", label: t.profile.trendTotal },
            { value: "dimensions", label: t.profile.trendDimensions },
          ]}
        />
      </Group>
      <EChart option={option} height={360} ariaLabel={t.profile.trendTitle} testId="trend-chart" />
      <Text size="xs" c="dimmed" mt={4}>
        {t.profile.trendCaption}
      </Text>
    </Paper>
  );
}

function SubdimensionsPanel(props: { profile: Profile; weak: string; onWeak: (value: string) => void }) {
  const { t, lang } = useI18n();
  const p = props.profile;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap" align="flex-end">
        <Title order={2} size="h4">
          {t.profile.subTable} ({p.subdimensions.length})
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t.profile.weakThreshold}
            size="xs"
            w={150}
            data={WEAK_RATIOS.map((r) => ({ value: r, label: `< ${formatCompact(Number(r) * 100, 0, lang)}%` }))}
            value={WEAK_RATIOS.includes(props.weak) ? props.weak : "0.4"}
            onChange={(v) => v && props.onWeak(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Downloads
            csv={downloads.profile(p.year, p.province.code, lang, "csv", p.weakRatio)}
            xlsx={downloads.profile(p.year, p.province.code, lang, "xlsx", p.weakRatio)}
          />
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} data-testid="subdimension-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.subdimension}</Table.Th>
              <Table.Th ta="right">{t.score}</Table.Th>
              <Table.Th w={200}>{t.ratio}</Table.Th>
              <Table.Th ta="right">{t.rank}</Table.Th>
              <Table.Th ta="right">{t.profile.nationalMedian}</Table.Th>
              <Table.Th ta="right">{t.change}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.dimensions.map((d) => [
              <Table.Tr key={d.code} bg="var(--mantine-color-gray-1)">
                <Table.Td colSpan={6}>
                  <Text size="sm" fw={700}>
                    {d.code} · {d.name} — {score(d.score, lang, 2)}/{d.max}
                  </Text>
                </Table.Td>
              </Table.Tr>,
              ...p.subdimensions
                .filter((s) => s.dimension === d.code)
                .map((s) => (
                  <Table.Tr key={s.code} data-weak={s.weak ? "true" : undefined}>
                    <Table.Td>
                      <Text size="sm">
                        {s.code} · {s.name}
                        {s.redefined && (
                          <Badge size="xs" variant="outline" color="gray" ml={6}>
                            {t.profile.redefined}
                          </Badge>
                        )}
                        {s.weak && (
                          <Badge size="xs" color="red" ml={6}>
                            {t.profile.weak}
                          </Badge>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                      {s.score === null ? "—" : `${score(s.score, lang, 2)}/${formatCompact(s.max, 2, lang)}`}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <Progress
                          value={(s.ratio ?? 0) * 100}
                          color={s.weak ? "red" : "teal"}
                          w={130}
                          size="md"
                          aria-label={`${s.code} ${percent(s.ratio, lang)}`}
                        />
                        <Text size="xs" w={36} ta="right">
                          {percent(s.ratio, lang)}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{s.rank ?? "—"}</Table.Td>
                    <Table.Td ta="right">{score(s.national?.median, lang, 2)}</Table.Td>
                    <ChangeCell change={s.change} digits={2} />
                  </Table.Tr>
                )),
            ])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
