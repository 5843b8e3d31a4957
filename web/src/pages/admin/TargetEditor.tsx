/**
 * A draft plan's targets, edited in place: one block per target (node, kind, and what that kind needs: a
 * score and the increase the plan states, an increase, a rank, a group; the plan's own sentence), rows
 * added and removed, the whole table saved at once (PUT /plans/{id}/targets). Numbers are typed the
 * Vietnamese way (5,6) or with a point; the server's refusals are shown on the row they concern.
 */
import { useState } from "react";
import { Alert, Button, CloseButton, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useI18n } from "../../i18n/index.tsx";
import { ApiError } from "../../lib/api.ts";
import { planApi, type PlanProvince, type StoredTarget, type Suggestion, type TargetInput } from "../../lib/admin-api.ts";
import { parseDecimal } from "../../lib/format.ts";
import { ErrorMessage, useSubmit } from "./common.tsx";
import { blankTarget, nodeLabel, suggestedTargets, targetText, written, type NodeName } from "./plan-text.ts";
import { SuggestionPanel } from "./Suggestion.tsx";

type Kind = StoredTarget["kind"];
type Group = NonNullable<StoredTarget["group"]>;
const KINDS: Kind[] = ["score", "change", "rank", "group"];
const GROUPS: Group[] = ["highest", "high-average", "low-average", "lowest"];

interface Row {
  key: number;
  node: string;
  kind: Kind;
  comparator: "=" | ">=";
  value: string;
  statedIncrease: string;
  group: Group | null;
  rankMode: "top" | "gain";
  rank: string;
  statedText: string;
}

let nextKey = 1;

function rowOf(target: TargetInput, lang: "vi" | "en"): Row {
  const number = (value: number | null | undefined) => (value === null || value === undefined ? "" : written(value, lang));
  return {
    key: nextKey++,
    node: target.node,
    kind: target.kind,
    comparator: target.comparator ?? "=",
    value: number(target.value),
    statedIncrease: number(target.statedIncrease),
    group: target.group ?? null,
    rankMode: target.rankGain != null && target.rankTop == null ? "gain" : "top",
    rank: String(target.rankTop ?? target.rankGain ?? ""),
    statedText: target.statedText ?? "",
  };
}

type FieldErrors = Partial<Record<"value" | "statedIncrease" | "group" | "rank", string>>;

/** The row as the API takes it, or what is wrong with it. */
function targetOf(row: Row, messages: { number: string; integer: string; required: string }): { target: TargetInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const decimal = (text: string, field: "value" | "statedIncrease", required: boolean) => {
    const value = parseDecimal(text);
    if (value === undefined) errors[field] = messages.number;
    else if (value === null && required) errors[field] = messages.required;
    return value ?? null;
  };
  const usesValue = row.kind === "score" || row.kind === "change";
  const value = usesValue ? decimal(row.value, "value", true) : null;
  const statedIncrease = row.kind === "score" ? decimal(row.statedIncrease, "statedIncrease", false) : null;
  let rank: number | null = null;
  if (row.kind === "rank") {
    rank = /^\d{1,3}$/.test(row.rank.trim()) ? Number(row.rank) : null;
    if (rank === null || rank < 1 || rank > 100) errors.rank = row.rank.trim() === "" ? messages.required : messages.integer;
  }
  if (row.kind === "group" && !row.group) errors.group = messages.required;
  return {
    target: {
      node: row.node,
      kind: row.kind,
      value,
      comparator: row.kind === "score" || row.kind === "change" ? row.comparator : "=",
      statedIncrease,
      group: row.kind === "group" ? row.group : null,
      rankTop: row.kind === "rank" && row.rankMode === "top" ? rank : null,
      rankGain: row.kind === "rank" && row.rankMode === "gain" ? rank : null,
      statedText: row.statedText.trim() || null,
    },
    errors,
  };
}

/** The server's 400 details ("targets.1.value") as messages by row index, each named by its field's label on the form. */
function serverRowErrors(error: unknown, fieldLabel: (field: string) => string): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return byRow;
  for (const detail of error.details as { path?: string; message?: string }[]) {
    const match = /^targets\.(\d+)(?:\.(\w+))?/.exec(detail.path ?? "");
    if (!match || !detail.message) continue;
    const index = Number(match[1]);
    byRow.set(index, [...(byRow.get(index) ?? []), match[2] ? `«${fieldLabel(match[2])}»: ${detail.message}` : detail.message]);
  }
  return byRow;
}

export function TargetEditor(props: {
  planId: number;
  targets: readonly StoredTarget[];
  nodes: readonly NodeName[];
  baselineYear: number;
  /** The plan's province: a 34-era one has no official results of its own to suggest from. */
  province: Pick<PlanProvince, "name" | "set">;
  onCancel: () => void;
  onSaved: (count: number) => Promise<void>;
}) {
  const { t, lang, fill } = useI18n();
  const p = t.admin.plans;
  const [rows, setRows] = useState<Row[]>(() => props.targets.map((target) => rowOf(target, lang)));
  const [submitted, setSubmitted] = useState(false);
  // The rows as last sent: the server's message on a row goes away once that row is changed.
  const [sent, setSent] = useState<Row[]>([]);
  const { busy, error, run } = useSubmit();
  const messages = { number: p.numberInvalid, integer: p.integerInvalid, required: t.admin.required };
  const parsed = rows.map((row) => targetOf(row, messages));
  const labels: Record<string, string> = {
    node: p.node,
    kind: p.kind,
    comparator: p.comparator,
    value: p.value,
    statedIncrease: p.statedIncrease,
    group: p.groupField,
    rankTop: p.rankTop,
    rankGain: p.rankGain,
    statedText: p.stated,
  };
  const fromServer = serverRowErrors(error, (field) => labels[field] ?? field);
  const nodeOptions = [
    ...props.nodes.map((node) => ({ value: node.code, label: nodeLabel(node.code, props.nodes) })),
    // A node the plan year's framework does not know stays selectable as it is (the review flags it).
    ...rows.filter((row) => !props.nodes.some((n) => n.code === row.node)).map((row) => ({ value: row.node, label: row.node })),
  ].filter((option, i, all) => all.findIndex((o) => o.value === option.value) === i);

  const update = (key: number, patch: Partial<Row>) => setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const [accepted, setAccepted] = useState<number | null>(null);
  // An empty plan starts from the proposal; one with targets asks for it.
  const [suggesting, setSuggesting] = useState(props.targets.length === 0);
  // A suggested score replaces the row that already holds that node's score; the other rows stay.
  const accept = (suggestion: Suggestion) => {
    const proposed = suggestedTargets(suggestion).map((target) => rowOf(target, lang));
    setRows((list) => {
      const next = [...list];
      for (const row of proposed) {
        const at = next.findIndex((r) => r.node === row.node && r.kind === "score");
        if (at >= 0) next[at] = { ...row, key: next[at]!.key, statedText: next[at]!.statedText };
        else next.push(row);
      }
      return next;
    });
    setAccepted(proposed.length);
  };
  const save = () =>
    run(async () => {
      setSubmitted(true);
      if (parsed.some((r) => Object.keys(r.errors).length > 0)) return;
      setSent(rows);
      const saved = await planApi.setTargets(props.planId, parsed.map((r) => r.target));
      await props.onSaved(saved.length);
    });

  return (
    <Stack gap="sm" data-testid="target-editor">
      <Alert variant="light" color="blue">
        {p.editing}
      </Alert>
      {suggesting ? (
        <SuggestionPanel planId={props.planId} baselineYear={props.baselineYear} province={props.province} nodes={props.nodes} onAccept={accept} />
      ) : (
        <Group>
          <Button variant="default" onClick={() => setSuggesting(true)} data-testid="show-suggestion">
            {fill(p.suggestion.open, { year: props.baselineYear })}
          </Button>
        </Group>
      )}
      {accepted !== null && (
        <Alert variant="light" color="teal" data-testid="suggestion-accepted" withCloseButton onClose={() => setAccepted(null)}>
          {fill(p.suggestion.accepted, { n: accepted })}
        </Alert>
      )}
      {rows.length === 0 && (
        <Text c="dimmed" size="sm">
          {p.noTargets}
        </Text>
      )}
      {rows.map((row, index) => {
        const errors = submitted ? parsed[index]!.errors : {};
        const label = fill(p.rowLabel, { n: index + 1 });
        const preview = targetText(parsed[index]!.target as StoredTarget, { t, lang, fill }, props.baselineYear);
        return (
          <Paper key={row.key} withBorder radius="md" p="sm" data-testid="editor-row" aria-label={label}>
            <Group justify="space-between" wrap="nowrap" mb={6}>
              <Text size="sm" fw={700}>
                {label}
                <Text span c="dimmed" fw={400} size="sm">
                  {" · "}
                  {preview}
                </Text>
              </Text>
              <CloseButton aria-label={fill(p.removeTarget, { n: index + 1 })} onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))} data-testid="remove-target" />
            </Group>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <Select
                label={p.node}
                aria-label={`${p.node} — ${label}`}
                data={nodeOptions}
                value={row.node}
                onChange={(node) => node && update(row.key, { node })}
                searchable
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={{ base: "100%", sm: 360 }}
                data-testid="editor-node"
              />
              <Select
                label={p.kind}
                aria-label={`${p.kind} — ${label}`}
                data={KINDS.map((kind) => ({ value: kind, label: p.kinds[kind] }))}
                value={row.kind}
                onChange={(kind) => kind && update(row.key, { kind: kind as Kind })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={{ base: "100%", xs: 150 }}
                data-testid="editor-kind"
              />
              {(row.kind === "score" || row.kind === "change") && (
                <>
                  {row.kind === "score" && (
                    <Select
                      label={p.comparator}
                      data={(["=", ">="] as const).map((c) => ({ value: c, label: p.comparators[c] }))}
                      value={row.comparator}
                      onChange={(c) => c && update(row.key, { comparator: c as Row["comparator"] })}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      w={{ base: "100%", xs: 190 }}
                    />
                  )}
                  <TextInput
                    label={row.kind === "score" ? p.value : p.change}
                    inputMode="decimal"
                    value={row.value}
                    onChange={(e) => update(row.key, { value: e.currentTarget.value })}
                    error={errors.value}
                    w={{ base: "100%", xs: 140 }}
                    data-testid="editor-value"
                  />
                </>
              )}
              {row.kind === "score" && (
                <TextInput
                  label={p.statedIncrease}
                  placeholder={p.optional}
                  title={p.statedIncreaseHint}
                  inputMode="decimal"
                  value={row.statedIncrease}
                  onChange={(e) => update(row.key, { statedIncrease: e.currentTarget.value })}
                  error={errors.statedIncrease}
                  w={{ base: "100%", xs: 230 }}
                  data-testid="editor-stated-increase"
                />
              )}
              {row.kind === "rank" && (
                <>
                  <Stack gap={4}>
                    <Text size="sm" fw={500}>
                      {p.kinds.rank}
                    </Text>
                    <SegmentedControl
                      value={row.rankMode}
                      onChange={(mode) => update(row.key, { rankMode: mode === "gain" ? "gain" : "top" })}
                      data={[
                        { value: "top", label: p.rankModes.top },
                        { value: "gain", label: p.rankModes.gain },
                      ]}
                      data-testid="editor-rank-mode"
                    />
                  </Stack>
                  <TextInput
                    label={row.rankMode === "top" ? p.rankTop : p.rankGain}
                    inputMode="numeric"
                    value={row.rank}
                    onChange={(e) => update(row.key, { rank: e.currentTarget.value })}
                    error={errors.rank}
                    w={{ base: "100%", xs: 140 }}
                    data-testid="editor-rank"
                  />
                </>
              )}
              {row.kind === "group" && (
                <Select
                  label={p.groupField}
                  data={GROUPS.map((group) => ({ value: group, label: t.groups[group] }))}
                  value={row.group}
                  onChange={(group) => update(row.key, { group: group as Group | null })}
                  error={errors.group}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  w={{ base: "100%", sm: 300 }}
                  data-testid="editor-group"
                />
              )}
            </Group>
            <TextInput
              mt="xs"
              label={p.stated}
              placeholder={p.statedTextPlaceholder}
              value={row.statedText}
              onChange={(e) => update(row.key, { statedText: e.currentTarget.value })}
              data-testid="editor-stated-text"
            />
            {(sent[index] === row ? (fromServer.get(index) ?? []) : []).map((message) => (
              <Text key={message} size="sm" c="red" mt={4} role="alert" data-testid="editor-row-error">
                {message}
              </Text>
            ))}
          </Paper>
        );
      })}
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Button variant="light" onClick={() => setRows((list) => [...list, rowOf(blankTarget(), lang)])} data-testid="add-target">
          + {p.addTarget}
        </Button>
        <Group gap="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t.admin.cancel}
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="save-targets">
            {p.saveTargets}
          </Button>
        </Group>
      </Group>
      {sent === rows && <ErrorMessage error={error} />}
    </Stack>
  );
}
