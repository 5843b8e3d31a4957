/** A regime's periods as one row of choices («Quý I», «6 tháng» …; a list on a phone), and which one to show first. */
import { Group, SegmentedControl, Select, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useI18n } from "../../i18n/index.tsx";
import type { RegimePeriod } from "../../lib/admin-api.ts";
import { today } from "../../lib/format.ts";
import { periodName } from "./report-text.ts";

/**
 * The period asked for, else the one whose cut-off closed last (what Sở Nội vụ is chasing now), else the
 * year's first.
 */
export function choosePeriod(periods: readonly RegimePeriod[], asked: string | undefined): RegimePeriod {
  const found = periods.find((p) => p.key === asked?.toUpperCase());
  if (found) return found;
  const now = today();
  const closed = periods.filter((p) => p.to < now);
  if (closed.length === 0) return periods[0]!;
  const latest = closed.reduce((a, b) => (b.to > a.to ? b : a));
  return latest;
}

/** The periods of the regime's year as a row of choices («Quý I», «6 tháng» …). */
export function PeriodPicker({ periods, value, onChange }: { periods: readonly RegimePeriod[]; value: string; onChange: (key: string) => void }) {
  const { t, lang, fill } = useI18n();
  const narrow = useMediaQuery("(max-width: 48em)");
  const words = { t, lang, fill };
  const data = periods.map((p) => ({ value: p.key, label: periodName(p, words, narrow ? "long" : "tab") }));
  if (narrow) {
    return (
      <Select
        label={t.admin.reports.completeness.period}
        data={data}
        value={value}
        onChange={(key) => key && onChange(key)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="period-picker"
      />
    );
  }
  return (
    <Group gap="sm" align="center">
      <Text size="sm" fw={600}>
        {t.admin.reports.completeness.period} {periods[0]?.year}
      </Text>
      <SegmentedControl value={value} onChange={onChange} data={data} data-testid="period-picker" />
    </Group>
  );
}
