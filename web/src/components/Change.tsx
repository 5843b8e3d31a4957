/** A change against the previous year: signed score and places, or why it is not compared. */
import { Group, Table, Text, Tooltip } from "@mantine/core";
import { useI18n } from "../i18n/index.tsx";
import { signed } from "../lib/format.ts";

export interface ChangeValue {
  status: string;
  delta: number | null;
  rankDelta: number | null;
}

export function Change(props: { change: ChangeValue; digits?: number; showRank?: boolean }) {
  const { t, lang, fill } = useI18n();
  const { change } = props;
  const reason = (t.changeStatus as Record<string, string>)[change.status] ?? "";
  if (change.delta === null) {
    return (
      <Tooltip label={reason || t.noData} disabled={!reason}>
        <Text span size="sm" c="dimmed">
          —
        </Text>
      </Tooltip>
    );
  }
  const color = change.delta > 0.0005 ? "teal.8" : change.delta < -0.0005 ? "red.8" : "dimmed";
  const places =
    props.showRank && change.rankDelta !== null
      ? change.rankDelta === 0
        ? t.same
        : fill(change.rankDelta > 0 ? t.up : t.down, { n: Math.abs(change.rankDelta) })
      : null;
  return (
    <Tooltip label={reason} disabled={!reason}>
      <Group gap={6} wrap="nowrap" component="span">
        <Text span size="sm" c={color} fw={500} style={{ fontVariantNumeric: "tabular-nums" }}>
          {signed(change.delta, lang, props.digits ?? 3)}
          {change.status === "redefined" ? " *" : ""}
        </Text>
        {places && (
          <Text span size="xs" c="dimmed">
            {places}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}

/** The change as the last, right-aligned cell of a table row. */
export function ChangeCell(props: { change: ChangeValue; digits?: number; showRank?: boolean }) {
  return (
    <Table.Td ta="right">
      <Group justify="flex-end">
        <Change {...props} />
      </Group>
    </Table.Td>
  );
}
