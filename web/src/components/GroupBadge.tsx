/** A performance group as a coloured badge; "computed" groups say so, official ones name their source. */
import { Badge, Tooltip } from "@mantine/core";
import { useI18n } from "../i18n/index.tsx";
import { GROUP_COLORS } from "../lib/format.ts";

type Group = keyof typeof GROUP_COLORS;

/** Text colours readable on the light tint of each group colour. */
const DARK_TEXT: Record<Group, string> = {
  highest: "#0f5132",
  "high-average": "#2b6a2f",
  "low-average": "#8a4b08",
  lowest: "#8b0a1f",
};

export function GroupBadge(props: {
  group: Group | null;
  source?: "official" | "computed" | null;
  officialSource?: string | null;
  short?: boolean;
}) {
  const { t, fill } = useI18n();
  if (!props.group) return <span aria-label={t.noData}>—</span>;
  const label = props.short ? t.groupShort[props.group] : t.groups[props.group];
  const marker = props.source === "official" ? ` · ${t.official}` : props.source === "computed" ? ` · ${t.computed}` : "";
  const hint =
    props.source === "official"
      ? fill(t.officialHint, { source: props.officialSource ?? "—" })
      : props.source === "computed"
        ? t.computedHint
        : label;
  // Official labels are solid; computed ones are outlined with a dashed border, as a provisional mark.
  const computed = props.source === "computed";
  const onDark = props.group === "highest" || props.group === "lowest";
  return (
    <Tooltip label={hint} multiline w={300} withArrow>
      <Badge
        color={GROUP_COLORS[props.group]}
        c={computed ? DARK_TEXT[props.group] : onDark ? "white" : "dark.8"}
        variant={computed ? "light" : "filled"}
        styles={computed ? { root: { border: `1px dashed ${GROUP_COLORS[props.group]}` } } : undefined}
        radius="sm"
        tt="none"
        fw={600}
      >
        {label}
        {marker}
      </Badge>
    </Tooltip>
  );
}
