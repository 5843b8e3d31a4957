/**
 * Choropleth of the provinces (63 before the 2025 merger, 34 after), coloured by performance group.
 * Hoàng Sa and Trường Sa are always drawn and labelled; they are not coloured, being districts of their
 * provinces, not provinces.
 */
import { useMemo } from "react";
import { Box, Group, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../i18n/index.tsx";
import { api, type GeoJSON } from "../lib/api.ts";
import { GROUP_COLORS, NO_DATA_COLOR, score } from "../lib/format.ts";
import { EChart, echarts, type EChartsOption } from "./EChart.tsx";
import { LoadError, Loading } from "./States.tsx";

type Group = keyof typeof GROUP_COLORS;

export interface MapValue {
  name: string;
  score: number | null;
  rank: number | null;
  group: Group | null;
  /** Extra tooltip line (e.g. "ước tính", constituents). */
  note?: string;
}

const registered = new Set<string>();
const ISLANDS: Record<string, { vi: string; en: string; offset: [number, number] }> = {
  "Hoàng Sa": { vi: "QĐ. Hoàng Sa\n(TP. Đà Nẵng)", en: "Hoàng Sa (Paracel) Is.\n(Đà Nẵng)", offset: [0, 26] },
  "Trường Sa": { vi: "QĐ. Trường Sa\n(tỉnh Khánh Hòa)", en: "Trường Sa (Spratly) Is.\n(Khánh Hòa)", offset: [40, 40] },
};

export function ProvinceMap(props: {
  set: "vn63" | "vn34";
  values: Map<string, MapValue>;
  onSelect?: (code: string) => void;
  height?: number;
}) {
  const { t, lang } = useI18n();
  const geo = useQuery({ queryKey: ["map", props.set], queryFn: () => api.map(props.set), staleTime: Infinity });

  const option = useMemo<EChartsOption | null>(() => {
    if (!geo.data) return null;
    const geojson: GeoJSON = geo.data;
    if (!registered.has(props.set)) {
      echarts.registerMap(props.set, geojson as never);
      registered.add(props.set);
    }
    const data = geojson.features.map((feature) => {
      const { code, name, kind } = feature.properties;
      if (kind === "special_zone") {
        const island = ISLANDS[name];
        return {
          name: code,
          island: true,
          itemStyle: { areaColor: "#a5d8ff", borderColor: "#1c7ed6", borderWidth: 0.8 },
          label: {
            show: true,
            formatter: island ? island[lang] : name,
            offset: island?.offset ?? [0, 0],
            color: "#1864ab",
            fontSize: 11,
            fontWeight: 600,
            lineHeight: 14,
          },
        };
      }
      const value = props.values.get(code);
      return {
        name: code,
        value: value?.score ?? undefined,
        itemStyle: { areaColor: value?.group ? GROUP_COLORS[value.group] : NO_DATA_COLOR },
      };
    });
    return {
      tooltip: {
        trigger: "item",
        formatter: (params: { name: string; data?: { island?: boolean } }) => {
          if (params.data?.island) {
            const feature = geojson.features.find((f) => f.properties.code === params.name);
            return (ISLANDS[feature?.properties.name ?? ""]?.[lang] ?? "").replace("\n", " ");
          }
          const value = props.values.get(params.name);
          if (!value) return params.name;
          const lines = [
            `<b>${value.name}</b>`,
            value.score === null
              ? t.notScored
              : `${t.score}: ${score(value.score, lang)}${value.rank ? ` · ${t.rank} ${value.rank}` : ""}`,
            value.group ? t.groups[value.group] : "",
            value.note ?? "",
          ];
          return lines.filter(Boolean).join("<br/>");
        },
      },
      series: [
        {
          type: "map",
          map: props.set,
          nameProperty: "code",
          roam: false,
          // Wide enough for the two archipelagos in the East Sea.
          boundingCoords: [
            [101.8, 23.6],
            [117.6, 7.9],
          ],
          aspectScale: 0.95,
          selectedMode: false,
          label: { show: false },
          itemStyle: { borderColor: "#ffffff", borderWidth: 0.6 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#ffd43b" } },
          data,
        },
      ],
    };
  }, [geo.data, props.values, props.set, lang, t]);

  if (geo.error) return <LoadError error={geo.error} retry={() => void geo.refetch()} />;
  if (!option) return <Loading />;
  return (
    <Box>
      <EChart
        option={option}
        height={props.height ?? 600}
        ariaLabel={t.national.mapTitle}
        testId={`map-${props.set}`}
        onClick={(params) => {
          const code = params.name;
          if (code && props.values.has(code)) props.onSelect?.(code);
        }}
      />
      <Group gap="md" mt="xs" justify="center" wrap="wrap" aria-label={t.group}>
        {(Object.keys(GROUP_COLORS) as Group[]).map((group) => (
          <Group key={group} gap={6} wrap="nowrap">
            <Box w={14} h={14} style={{ background: GROUP_COLORS[group], borderRadius: 3 }} />
            <Text size="xs">{t.groups[group]}</Text>
          </Group>
        ))}
        <Group gap={6} wrap="nowrap">
          <Box w={14} h={14} style={{ background: NO_DATA_COLOR, borderRadius: 3 }} />
          <Text size="xs">{t.noData}</Text>
        </Group>
      </Group>
    </Box>
  );
}
