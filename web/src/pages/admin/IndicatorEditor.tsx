/**
 * A task's indicators — the figures its agencies report each period (the report's biểu mẫu): name, unit, how
 * the agencies' values add up, the kind of number, whether it is required, «không lớn hơn» another one
 * (resolved ≤ received), a ratio's two parts, the target. Edited inside the task form; positions refer to
 * siblings, so removing one moves the references after it.
 */
import { ActionIcon, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useI18n } from "../../i18n/index.tsx";
import type { Task, TaskInput } from "../../lib/admin-api.ts";
import { parseDecimal } from "../../lib/format.ts";
import { typedNumber } from "./report-editor.ts";

const AGGREGATIONS = ["sum", "average", "latest", "ratio"] as const;
const VALUE_TYPES = ["integer", "decimal", "percent"] as const;
type Aggregation = (typeof AGGREGATIONS)[number];
type ValueType = (typeof VALUE_TYPES)[number];

export interface IndicatorFields {
  name: string;
  unit: string;
  aggregation: Aggregation;
  valueType: ValueType;
  required: boolean;
  notAbove: number | null;
  numerator: number | null;
  denominator: number | null;
  /** As typed. */
  target: string;
}

export function indicatorFields(task: Task | null, decimalComma: boolean): IndicatorFields[] {
  return (task?.indicators ?? []).map((i) => ({
    name: i.name,
    unit: i.unit ?? "",
    aggregation: i.aggregation,
    valueType: i.valueType,
    required: i.required,
    notAbove: i.notAbovePosition,
    numerator: i.numeratorPosition,
    denominator: i.denominatorPosition,
    target: typedNumber(i.targetValue, decimalComma),
  }));
}

/** The indicators for the task's body; undefined when one is unnamed or its target is no number. */
export function indicatorInput(fields: readonly IndicatorFields[]): TaskInput["indicators"] | undefined {
  const out: NonNullable<TaskInput["indicators"]> = [];
  for (const f of fields) {
    const target = parseDecimal(f.target);
    if (!f.name.trim() || target === undefined) return undefined;
    const ratio = f.aggregation === "ratio";
    out.push({
      name: f.name.trim(),
      unit: ratio ? null : f.unit.trim() || null,
      aggregation: f.aggregation,
      valueType: ratio ? "decimal" : f.valueType,
      required: ratio ? false : f.required,
      notAbovePosition: ratio ? null : f.notAbove,
      numeratorPosition: ratio ? f.numerator : null,
      denominatorPosition: ratio ? f.denominator : null,
      targetValue: target,
      minValue: null,
      maxValue: null,
    });
  }
  return out;
}

export function IndicatorEditor({ value, onChange, submitted }: { value: IndicatorFields[]; onChange: (next: IndicatorFields[]) => void; submitted: boolean }) {
  const { t, fill } = useI18n();
  const k = t.admin.plans.tasks.indicators;
  const set = (index: number, patch: Partial<IndicatorFields>) => onChange(value.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const add = () => onChange([...value, { name: "", unit: "", aggregation: "sum", valueType: "integer", required: false, notAbove: null, numerator: null, denominator: null, target: "" }]);
  const remove = (index: number) => {
    const shift = (p: number | null) => (p === null || p === index ? null : p > index ? p - 1 : p);
    onChange(value.filter((_, i) => i !== index).map((f) => ({ ...f, notAbove: shift(f.notAbove), numerator: shift(f.numerator), denominator: shift(f.denominator) })));
  };
  const label = (f: IndicatorFields, i: number) => f.name.trim() || fill(k.unnamed, { n: i + 1 });
  const siblings = (index: number) =>
    value.flatMap((f, i) => (i !== index && f.aggregation !== "ratio" ? [{ value: String(i), label: label(f, i) }] : []));
  const position = (text: string | null) => (text === null ? null : Number(text));

  return (
    <Stack gap={6} data-testid="indicator-editor">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {k.title}
          </Text>
          <Text size="xs" c="dimmed">
            {k.hint}
          </Text>
        </Stack>
        <Button size="compact-sm" variant="light" onClick={add} data-testid="add-indicator">
          + {k.add}
        </Button>
      </Group>
      {value.map((f, i) => {
        const ratio = f.aggregation === "ratio";
        return (
          <Paper key={i} withBorder radius="sm" p="xs" bg="var(--mantine-color-gray-0)" data-testid="indicator-row">
            <Group align="flex-start" gap="xs" wrap="nowrap">
              <Text size="sm" fw={700} c="dimmed" pt={28} miw={16}>
                {i + 1}
              </Text>
              <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs" align="flex-start" wrap="wrap">
                  <TextInput
                    label={k.name}
                    value={f.name}
                    onChange={(e) => set(i, { name: e.currentTarget.value })}
                    error={submitted && !f.name.trim() ? k.nameRequired : undefined}
                    style={{ flex: 1, minWidth: 220 }}
                    data-testid="indicator-name"
                  />
                  {!ratio && <TextInput label={k.unit} value={f.unit} onChange={(e) => set(i, { unit: e.currentTarget.value })} w={110} data-testid="indicator-unit" />}
                  <TextInput
                    label={k.target}
                    value={f.target}
                    onChange={(e) => set(i, { target: e.currentTarget.value })}
                    error={parseDecimal(f.target) === undefined ? t.admin.plans.numberInvalid : undefined}
                    inputMode="decimal"
                    w={110}
                    data-testid="indicator-target"
                  />
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <Select
                    label={k.aggregation}
                    data={AGGREGATIONS.map((a) => ({ value: a, label: k.aggregations[a] }))}
                    value={f.aggregation}
                    onChange={(a) => a && set(i, { aggregation: a as Aggregation })}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="indicator-aggregation"
                  />
                  {ratio ? (
                    <>
                      <Select
                        label={k.numerator}
                        data={siblings(i)}
                        value={f.numerator === null ? null : String(f.numerator)}
                        onChange={(p) => set(i, { numerator: position(p) })}
                        comboboxProps={{ withinPortal: true }}
                        data-testid="indicator-numerator"
                      />
                      <Select
                        label={k.denominator}
                        data={siblings(i)}
                        value={f.denominator === null ? null : String(f.denominator)}
                        onChange={(p) => set(i, { denominator: position(p) })}
                        comboboxProps={{ withinPortal: true }}
                        data-testid="indicator-denominator"
                      />
                    </>
                  ) : (
                    <>
                      <Select
                        label={k.valueType}
                        data={VALUE_TYPES.map((v) => ({ value: v, label: k.valueTypes[v] }))}
                        value={f.valueType}
                        onChange={(v) => v && set(i, { valueType: v as ValueType })}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                        data-testid="indicator-value-type"
                      />
                      <Select
                        label={k.notAbove}
                        placeholder={k.notAboveNone}
                        data={siblings(i)}
                        value={f.notAbove === null ? null : String(f.notAbove)}
                        onChange={(p) => set(i, { notAbove: position(p) })}
                        clearable
                        comboboxProps={{ withinPortal: true }}
                        data-testid="indicator-not-above"
                      />
                    </>
                  )}
                </SimpleGrid>
                {!ratio && <Checkbox label={k.required} checked={f.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} data-testid="indicator-required" />}
              </Stack>
              <ActionIcon variant="subtle" color="red" mt={26} onClick={() => remove(i)} aria-label={k.remove} title={k.remove} data-testid="remove-indicator">
                ✕
              </ActionIcon>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
