/** The survey years that have official results, newest first. */
import { Select } from "@mantine/core";
import { useI18n } from "../i18n/index.tsx";

export function YearSelect(props: { years: number[]; value: number; onChange: (year: number) => void }) {
  const { t } = useI18n();
  return (
    <Select
      label={t.year}
      data={[...props.years].reverse().map((y) => ({ value: String(y), label: String(y) }))}
      value={String(props.value)}
      onChange={(value) => value && props.onChange(Number(value))}
      allowDeselect={false}
      w={110}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
