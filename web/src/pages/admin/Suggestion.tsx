/**
 * Proposed targets from the baseline year's results and a goal (the next group, keeping the group, or N
 * places up), with the reasoning shown: the threshold the total must clear, the gain it needs, and each
 * dimension's share by its distance to that year's P75. The target editor offers them to accept; the
 * draft of next year's plan shows them before it is created.
 */
import { useState } from "react";
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type PlanProvince, type Suggestion, type SuggestionGoal } from "../../lib/admin-api.ts";
import { percent, score } from "../../lib/format.ts";
import { planKey } from "./data.ts";
import { nodeLabel, suggestionReasoning, written, type NodeName } from "./plan-text.ts";

const GOALS: SuggestionGoal[] = ["next-group", "keep-group", "gain-places"];

export interface GoalChoice {
  goal: SuggestionGoal;
  places: number;
}

/** The goal the targets should reach: a segmented choice, and the number of places for «tăng bậc». */
export function GoalPicker({ value, onChange }: { value: GoalChoice; onChange: (value: GoalChoice) => void }) {
  const { t } = useI18n();
  const s = t.admin.plans.suggestion;
  const [placesText, setPlacesText] = useState(String(value.places));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {s.goal}
        </Text>
        <SegmentedControl
          value={value.goal}
          onChange={(goal) => onChange({ ...value, goal: goal as SuggestionGoal })}
          data={GOALS.map((goal) => ({ value: goal, label: s.goals[goal] }))}
          data-testid="suggestion-goal"
        />
      </Stack>
      {value.goal === "gain-places" && (
        <TextInput
          label={s.places}
          inputMode="numeric"
          w={110}
          value={placesText}
          onChange={(e) => {
            const text = e.currentTarget.value;
            setPlacesText(text);
            const n = Number(text);
            if (Number.isInteger(n) && n >= 1 && n <= 62) onChange({ ...value, places: n });
          }}
          error={/^\d{1,2}$/.test(placesText.trim()) && Number(placesText) >= 1 ? undefined : s.placesInvalid}
          data-testid="suggestion-places"
        />
      )}
    </Group>
  );
}

/** The reasoning and the proposed targets, total first, each dimension with its baseline, P75 and share. */
export function SuggestionView({ suggestion, baselineYear, nodes }: { suggestion: Suggestion; baselineYear: number; nodes: readonly NodeName[] }) {
  const { t, lang, fill } = useI18n();
  const s = t.admin.plans.suggestion;
  const reasons = suggestionReasoning(suggestion, baselineYear, { t, lang, fill });
  const increase = (v: number) => (v > 0 ? `+${score(v, lang)}` : score(v, lang));
  return (
    <Stack gap="sm" data-testid="suggestion">
      {reasons.map((reason) => (
        <Text key={reason} size="sm" lh={1.55} data-testid="suggestion-reason">
          {reason}
        </Text>
      ))}
      {suggestion.capped && (
        <Alert color="orange" variant="light" data-testid="suggestion-capped">
          {s.capped}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4} withTableBorder data-testid="suggestion-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.admin.plans.node}</Table.Th>
              <Table.Th ta="right">{fill(s.baseline, { year: baselineYear })}</Table.Th>
              <Table.Th ta="right">{s.target}</Table.Th>
              <Table.Th ta="right">{s.increase}</Table.Th>
              <Table.Th ta="right">{fill(s.p75, { year: baselineYear })}</Table.Th>
              <Table.Th ta="right">{s.share}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr data-testid="suggestion-row" data-node="total">
              <Table.Td>
                <Text size="sm" fw={700}>
                  {nodeLabel("total", nodes)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{score(suggestion.baselineTotal, lang)}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={700}>
                  {fill(t.admin.plans.wording.scoreAtLeast, { v: written(suggestion.targetTotal, lang) })}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{increase(suggestion.targetTotal - suggestion.baselineTotal)}</Table.Td>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">—</Table.Td>
            </Table.Tr>
            {suggestion.dimensions.map((d) => (
              <Table.Tr key={d.node} data-testid="suggestion-row" data-node={d.node}>
                <Table.Td>
                  <Text size="sm">{nodeLabel(d.node, nodes)}</Text>
                </Table.Td>
                <Table.Td ta="right">{score(d.baseline, lang)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {written(d.target, lang)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{increase(d.increase)}</Table.Td>
                <Table.Td ta="right">{score(d.p75, lang)}</Table.Td>
                <Table.Td ta="right">{percent(d.share, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** In the target editor: choose a goal, read the proposal, and put it into the rows to review and save. */
export function SuggestionPanel(props: {
  planId: number;
  baselineYear: number;
  province: Pick<PlanProvince, "name" | "set">;
  nodes: readonly NodeName[];
  onAccept: (suggestion: Suggestion) => void;
}) {
  const { t, lang, fill } = useI18n();
  const s = t.admin.plans.suggestion;
  const [choice, setChoice] = useState<GoalChoice>({ goal: "next-group", places: 1 });
  const query = useQuery({
    queryKey: [...planKey(props.planId), "suggestion", choice.goal, choice.places, lang],
    queryFn: () => planApi.suggestion(props.planId, choice.goal, choice.places),
    // Another goal keeps the last proposal on screen until its own arrives.
    placeholderData: (previous) => previous,
  });
  const suggestion = query.data?.suggestion ?? null;
  // Without baseline results no goal gives a proposal: the note alone.
  const noBaseline = query.data !== undefined && suggestion === null;
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" data-testid="suggestion-panel">
      <Stack gap="sm">
        <Text fw={700}>{fill(s.title, { year: props.baselineYear })}</Text>
        {!noBaseline && <GoalPicker value={choice} onChange={setChoice} />}
        {query.error && <LoadError error={query.error} retry={() => void query.refetch()} />}
        {query.isPending && <Loading />}
        {noBaseline && (
          <Text size="sm" c="dimmed" data-testid="suggestion-none">
            {props.province.set === "vn34" ? fill(s.noneNewUnit, { province: props.province.name }) : s.none}
          </Text>
        )}
        {suggestion && (
          <>
            <SuggestionView suggestion={suggestion} baselineYear={props.baselineYear} nodes={props.nodes} />
            <Group>
              <Button variant="light" onClick={() => props.onAccept(suggestion)} data-testid="accept-suggestion">
                {s.accept}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
