/**
 * «Dự thảo kế hoạch năm sau»: before a province's next plan is drawn up, what the latest official results
 * say (the total, the dimensions under 5/10 and in the lowest group, the sub-dimensions under 1 point, in
 * the words seed 002 uses: «Tri thức công dân 0,66/2,5»), the analysis that will open the draft, the tasks
 * of the previous plan that served those weak points, and the proposed targets with their reasoning; then
 * «Tạo dự thảo» creates the draft, which opens to be edited like any other.
 */
import { useState } from "react";
import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { formatCompact } from "@domain/format.ts";
import { Link, useNavigate } from "react-router";
import { GroupBadge } from "../../components/GroupBadge.tsx";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type NamedScore, type NextDraftPreview, type NextDraftRequest } from "../../lib/admin-api.ts";
import { api } from "../../lib/api.ts";
import { score, today } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { ADMIN_KEY } from "../../lib/session.tsx";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, NoPermission, PageTitle, useSubmit } from "./common.tsx";
import { plansKey, useDrawsUpPlans } from "./data.ts";
import { frameworkNodes, written } from "./plan-text.ts";
import { GoalPicker, SuggestionView, type GoalChoice } from "./Suggestion.tsx";
import { TaskAgencies } from "./PlanTasks.tsx";

/** The page for a province's next plan (`unit`: the province key the draft is for), from a plan when given. */
export const nextDraftLink = (to: { province: string; year: number; fromPlan?: number }) =>
  `/admin/plans/next-draft?unit=${encodeURIComponent(to.province)}&year=${to.year}${to.fromPlan ? `&fromPlan=${to.fromPlan}` : ""}`;

const validYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= 2000 && Number(text) <= 2100;

export function NextDraftPage() {
  const { t, lang, fill } = useI18n();
  const n = t.admin.plans.next;
  const { province } = useAdminContext();
  const drawsUp = useDrawsUpPlans();
  const [state, setState] = useUrlState(["unit", "year", "fromPlan"] as const);
  const unit = state.unit ?? province?.province.key;
  const [yearText, setYearText] = useState(state.year ?? today().slice(0, 4));
  const [choice, setChoice] = useState<GoalChoice>({ goal: "next-group", places: 1 });
  const year = validYear(yearText) ? Number(yearText) : null;
  const fromPlanId = state.fromPlan && /^\d+$/.test(state.fromPlan) ? Number(state.fromPlan) : null;
  const request: NextDraftRequest | null = year === null ? null : { year, fromPlanId, goal: choice.goal, places: choice.places };
  const preview = useQuery({
    queryKey: [ADMIN_KEY, "next-draft", unit, request, lang],
    queryFn: () => planApi.nextDraft(unit!, request!),
    enabled: drawsUp && unit !== undefined && request !== null,
  });
  const framework = useQuery({ queryKey: ["framework", year, lang], queryFn: () => api.framework(year!, lang), enabled: year !== null });
  const nodes = frameworkNodes(framework.data, t);
  const { busy, error, run } = useSubmit();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  useTitle(year ? fill(n.title, { year }) : n.titleBare);

  if (!drawsUp) return <NoPermission />;
  if (!unit) return <Loading />;
  const search = province ? `?province=${province.province.key}` : "";

  const create = () =>
    run(async () => {
      if (!request) return;
      const plan = await planApi.createNextDraft(unit, request);
      toast(fill(n.created, { year: plan.year }));
      await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
      navigate(`/admin/plans/${plan.id}${search}`);
    });

  const data = preview.data;
  return (
    <Stack gap="md" data-testid="next-draft-page">
      <Anchor component={Link} to={fromPlanId ? `/admin/plans/${fromPlanId}${search}` : `/admin/plans${search}`} size="sm" data-testid="next-draft-back">
        ← {fromPlanId && data?.fromPlan ? fill(t.admin.plans.titleOf, { number: data.fromPlan.number ?? t.admin.plans.noNumber }) : t.admin.plans.back}
      </Anchor>
      <PageTitle>{year ? fill(n.title, { year }) : n.titleBare}</PageTitle>
      <Text size="sm" c="dimmed">
        {n.intro}
      </Text>
      <Paper withBorder radius="md" p="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <TextInput
            label={t.admin.plans.planYear}
            inputMode="numeric"
            w={130}
            value={yearText}
            onChange={(e) => {
              setYearText(e.currentTarget.value);
              if (validYear(e.currentTarget.value)) setState({ year: e.currentTarget.value.trim() });
            }}
            error={validYear(yearText) ? undefined : t.admin.plans.yearInvalid}
            data-testid="next-draft-year"
          />
          <GoalPicker value={choice} onChange={setChoice} />
        </Group>
        {data?.fromPlan && (
          <Text size="sm" mt="sm" data-testid="next-draft-from">
            {fill(n.from, { number: data.fromPlan.number ?? t.admin.plans.noNumber, year: data.fromPlan.year })}
          </Text>
        )}
      </Paper>
      {preview.error && <LoadError error={preview.error} retry={() => void preview.refetch()} />}
      {preview.isFetching && !data && <Loading />}
      {data && <Preview data={data} nodes={nodes} />}
      {data && (
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm">{fill(n.createNote, { year: data.year })}</Text>
            <Button onClick={() => void create()} loading={busy} data-testid="create-next-draft">
              {n.create}
            </Button>
          </Group>
          <ErrorMessage error={error} />
        </Paper>
      )}
    </Stack>
  );
}

function Preview({ data, nodes }: { data: NextDraftPreview; nodes: ReturnType<typeof frameworkNodes> }) {
  const { t, lang, fill } = useI18n();
  const n = t.admin.plans.next;
  return (
    <Stack gap="md">
      {data.bases.map(({ province, findings: base, paragraphs }) => (
        <Paper key={province.key} withBorder radius="md" p="md" data-testid="next-draft-base" data-province={province.key}>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
            <Title order={2} size="h4">
              {fill(n.resultOf, { year: data.baselineYear, province: province.name })}
            </Title>
            <Group gap="xs">
              <Text fw={700} data-testid="next-draft-total">
                {fill(n.total, {
                  score: score(base.total.score, lang),
                  max: written(base.total.max, lang),
                  rank: base.total.rank ?? "—",
                  of: base.total.rankedCount,
                })}
              </Text>
              {base.total.group && <GroupBadge group={base.total.group} short />}
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md" mt="md">
            <Weak title={n.weakDimensions} items={base.weakDimensions} testId="weak-dimensions" />
            <Weak title={n.lowestGroup} items={base.lowestGroupDimensions} testId="lowest-group-dimensions" />
            <Weak title={n.weakSubdimensions} items={base.weakSubdimensions} testId="weak-subdimensions" />
          </SimpleGrid>
          {paragraphs.length > 0 && (
            <Stack gap={6} mt="md" p="sm" style={{ borderLeft: "3px solid var(--mantine-color-gray-4)" }} data-testid="next-draft-analysis">
              <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                {n.analysis}
              </Text>
              {paragraphs.map((paragraph) => (
                <Text key={paragraph} size="sm" lh={1.6}>
                  {paragraph}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
      {data.fromPlan && (
        <Paper withBorder radius="md" p="md" data-testid="next-draft-tasks">
          <Title order={2} size="h4" mb="xs">
            {fill(n.tasks, { number: data.fromPlan.number ?? t.admin.plans.noNumber, n: data.tasks.length })}
          </Title>
          {data.tasks.length === 0 ? (
            <Text size="sm" c="dimmed">
              {fill(n.tasksNone, { number: data.fromPlan.number ?? t.admin.plans.noNumber })}
            </Text>
          ) : (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {n.tasksNote}
              </Text>
              {data.tasks.map((task) => (
                <Group key={task.id} align="flex-start" wrap="nowrap" gap="sm" data-testid="next-draft-task" data-ref={task.ref ?? ""}>
                  <Text size="sm" fw={700} miw={48}>
                    {task.ref ?? "—"}
                  </Text>
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm">{task.text}</Text>
                    <Group gap={4}>
                      {task.nodes.map((node) => (
                        <Badge key={node} size="sm" variant="light" color="gray" tt="none" radius="sm">
                          {node}
                        </Badge>
                      ))}
                    </Group>
                    <TaskAgencies task={task} />
                  </Stack>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      )}
      <Paper withBorder radius="md" p="md" data-testid="next-draft-targets">
        <Title order={2} size="h4" mb="xs">
          {n.targets}
        </Title>
        {data.suggestion ? (
          <SuggestionView suggestion={data.suggestion} baselineYear={data.baselineYear} nodes={nodes} />
        ) : (
          <Alert variant="light" color="gray">
            {t.admin.plans.suggestion.none}
          </Alert>
        )}
      </Paper>
    </Stack>
  );
}

/** A list of weak points as the analysis writes them: «1.1 Tri thức công dân 0,66/2,5». */
function Weak({ title, items, testId }: { title: string; items: readonly NamedScore[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={700}>
        {title} ({items.length})
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.admin.plans.next.none}
        </Text>
      ) : (
        <List size="sm" spacing={2} listStyleType="none" withPadding={false}>
          {items.map((item) => (
            <List.Item key={item.code} data-testid="weak-item" data-code={item.code}>
              <Badge size="sm" variant="light" color="red" tt="none" radius="sm" mr={6}>
                {item.code}
              </Badge>
              {lang === "vi" ? item.nameVi : item.nameEn}{" "}
              <b>
                {score(item.score, lang, 2)}/{formatCompact(item.max, 2, lang)}
              </b>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
