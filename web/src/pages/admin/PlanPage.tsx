/**
 * One plan: its document identity laid out as the document heads it (issuing body and number, place and
 * date, «KẾ HOẠCH» and the subject, the signer), where it stands (province, issuing agency, the plan it
 * carries out) and what may be done with it (issue, supersede, delete a draft); then tabs: the document's
 * sections, its targets (with the review's flags above the table and beside the targets they concern), its
 * tasks by dimension, who does what, the agencies' own plans, and — once the plan year's results exist —
 * every target judged. Drafts are edited in place by whoever may edit them.
 */
import { useState } from "react";
import { Alert, Anchor, Button, Group, List, Paper, Stack, Table, Tabs, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { GroupBadge } from "../../components/GroupBadge.tsx";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type Plan, type ReviewFlag, type StoredTarget, type TargetEvaluation } from "../../lib/admin-api.ts";
import { api } from "../../lib/api.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { AssignmentMatrix } from "./AssignmentMatrix.tsx";
import { PageTitle } from "./common.tsx";
import { planKey, plansKey, useDrawsUpPlans, usePlan, usePlanTasks } from "./data.ts";
import { nextDraftLink } from "./NextDraftPage.tsx";
import { DocumentHeader, DocumentTab, PlanActions, PlanContext } from "./PlanDocument.tsx";
import { PlanEvaluationView } from "./PlanEvaluation.tsx";
import { PlanStatusTag } from "./PlansPage.tsx";
import { PlanTasks } from "./PlanTasks.tsx";
import { baselineText, flagsFor, frameworkNodes, nodeLabel, planTitle, targetText, type NodeName } from "./plan-text.ts";
import { ReportsTab } from "./ReportsTab.tsx";
import { SubPlansTab } from "./SubPlansTab.tsx";
import { TargetEditor } from "./TargetEditor.tsx";

type Tab = "document" | "targets" | "tasks" | "assignments" | "sub-plans" | "reports" | "evaluation";

export function PlanPage() {
  const { t, lang, fill } = useI18n();
  const p = t.admin.plans;
  const { province } = useAdminContext();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = usePlan(id, valid);
  const tasks = usePlanTasks(id, valid);
  const review = useQuery({ queryKey: [...planKey(id), "review", lang], queryFn: () => planApi.review(id), enabled: valid });
  const evaluation = useQuery({ queryKey: [...planKey(id), "evaluation", lang], queryFn: () => planApi.evaluation(id), enabled: valid });
  const year = detail.data?.plan.year;
  const framework = useQuery({ queryKey: ["framework", year, lang], queryFn: () => api.framework(year!, lang), enabled: year !== undefined });
  const [state, setState] = useUrlState(["tab"] as const);
  const [editing, setEditing] = useState<boolean | null>(null);
  const drawsUp = useDrawsUpPlans();
  const queryClient = useQueryClient();
  const toast = useToast();
  useTitle(detail.data ? planTitle(detail.data.plan, { t, fill }) : undefined);

  const back = `/admin/plans${province ? `?province=${province.province.key}` : ""}`;
  if (!valid) return <LoadError error={new Error(t.notFoundTitle)} />;
  if (detail.error) return <LoadError error={detail.error} retry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading />;

  const { plan, targets, can } = detail.data;
  const nodes = frameworkNodes(framework.data, t);
  const flags = review.data?.flags ?? [];
  const results = evaluation.data?.resultsAvailable ? evaluation.data : null;
  const canEdit = plan.status === "draft" && can.edit;
  // An empty draft opens straight in the editor: entering targets is what comes next.
  const isEditing = canEdit && (editing ?? targets.length === 0);
  const agencyPlan = plan.organisationId !== null;
  const taskList = tasks.data ?? [];
  // An agency's plan carries tasks, not targets (unless it states some).
  const available: Tab[] = [
    "document",
    ...(!agencyPlan || targets.length > 0 ? (["targets"] as const) : []),
    "tasks",
    "assignments",
    ...(!agencyPlan && plan.status !== "draft" ? (["sub-plans", "reports"] as const) : []),
    ...(results ? (["evaluation"] as const) : []),
  ];
  const fallback: Tab = available.includes("targets") ? "targets" : "tasks";
  const tab = available.includes(state.tab as Tab) ? (state.tab as Tab) : fallback;
  const labels: Record<Tab, string> = {
    document: p.tabDocument,
    targets: fill(p.tabTargets, { n: targets.length }),
    tasks: fill(p.tabTasks, { n: taskList.length }),
    assignments: p.tabAssignments,
    "sub-plans": p.tabSubPlans,
    reports: p.tabReports,
    evaluation: fill(p.tabEvaluation, { year: plan.year }),
  };
  const nextDraft = !agencyPlan && drawsUp ? nextDraftLink({ province: detail.data.province.key, year: plan.year + 1, fromPlan: plan.id }) : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={back} size="sm" data-testid="back-to-plans">
        ← {p.back}
      </Anchor>
      <PageTitle
        right={
          <Group gap="sm">
            <PlanStatusTag status={plan.status} />
            <PlanActions detail={detail.data} back={back} />
          </Group>
        }
      >
        {planTitle(plan, { t, fill })}
      </PageTitle>
      <PlanContext detail={detail.data} />
      <DocumentHeader plan={plan} />
      <Tabs value={tab} onChange={(value) => setState({ tab: value === fallback ? undefined : (value ?? undefined) })} keepMounted={false}>
        <Tabs.List>
          {available.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`tab-${key}`}>
              {labels[key]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="document" pt="md">
          <DocumentTab detail={detail.data} />
        </Tabs.Panel>
        <Tabs.Panel value="targets" pt="md">
          <Stack gap="md">
            {review.error && <LoadError error={review.error} retry={() => void review.refetch()} />}
            {!isEditing && <ReviewFlags flags={flags} nodes={nodes} hasTargets={targets.length > 0} loaded={review.isSuccess} />}
            {evaluation.data && !evaluation.data.resultsAvailable && (
              <Text size="sm" c="dimmed" data-testid="no-results-yet">
                {fill(p.evaluation.notYet, { year: plan.year })}
              </Text>
            )}
            {isEditing ? (
              <TargetEditor
                planId={plan.id}
                targets={targets}
                nodes={nodes}
                baselineYear={plan.baselineYear}
                province={detail.data.province}
                onCancel={() => setEditing(false)}
                onSaved={async (count) => {
                  toast(fill(p.targetsSaved, { n: count }));
                  await queryClient.invalidateQueries({ queryKey: planKey(id) });
                  await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
                  setEditing(false);
                }}
              />
            ) : (
              <>
                {canEdit && (
                  <Group>
                    <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-targets">
                      {p.edit}
                    </Button>
                  </Group>
                )}
                {targets.length === 0 ? (
                  <Alert variant="light" data-testid="no-targets">
                    {p.noTargets}
                  </Alert>
                ) : (
                  <TargetsTable plan={plan} targets={targets} nodes={nodes} flags={flags} evaluated={evaluation.data?.targets ?? []} />
                )}
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          {tasks.error ? <LoadError error={tasks.error} retry={() => void tasks.refetch()} /> : tasks.data ? <PlanTasks detail={detail.data} tasks={taskList} nodes={nodes} /> : <Loading />}
        </Tabs.Panel>
        <Tabs.Panel value="assignments" pt="md">
          {tasks.error ? <LoadError error={tasks.error} retry={() => void tasks.refetch()} /> : tasks.data ? <AssignmentMatrix detail={detail.data} tasks={taskList} /> : <Loading />}
        </Tabs.Panel>
        {available.includes("sub-plans") && (
          <Tabs.Panel value="sub-plans" pt="md">
            <SubPlansTab detail={detail.data} />
          </Tabs.Panel>
        )}
        {available.includes("reports") && (
          <Tabs.Panel value="reports" pt="md">
            <ReportsTab detail={detail.data} />
          </Tabs.Panel>
        )}
        {results && (
          <Tabs.Panel value="evaluation" pt="md">
            <PlanEvaluationView evaluation={results} nodes={nodes} nextDraft={nextDraft} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

/** The review's flags as a list above the table, in a warning colour; nothing to flag is said too. */
function ReviewFlags(props: { flags: readonly ReviewFlag[]; nodes: readonly NodeName[]; hasTargets: boolean; loaded: boolean }) {
  const { t, fill } = useI18n();
  const p = t.admin.plans;
  if (!props.loaded || !props.hasTargets) return null;
  if (props.flags.length === 0) {
    return (
      <Text size="sm" c="teal.8" data-testid="review-clean">
        ✓ {p.reviewClean}
      </Text>
    );
  }
  return (
    <Alert color="orange" variant="light" title={fill(p.reviewTitle, { n: props.flags.length })} data-testid="review-flags">
      <Text size="sm" mb={4}>
        {p.reviewIntro}
      </Text>
      <List size="sm" spacing={2}>
        {props.flags.map((flag, i) => (
          <List.Item key={`${flag.code}-${flag.node ?? ""}-${i}`} data-testid="review-flag" data-node={flag.node ?? ""}>
            {flag.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A target's flags under its wording, in the warning colour. */
function TargetFlags({ flags }: { flags: readonly ReviewFlag[] }) {
  return (
    <>
      {flags.map((flag, i) => (
        <Text key={i} size="xs" c="orange.9" fw={500} mt={4} data-testid="target-flag">
          ⚠ {flag.message}
        </Text>
      ))}
    </>
  );
}

function TargetsTable(props: { plan: Plan; targets: readonly StoredTarget[]; nodes: readonly NodeName[]; flags: readonly ReviewFlag[]; evaluated: readonly TargetEvaluation[] }) {
  const { t, lang, fill } = useI18n();
  const p = t.admin.plans;
  const words = { t, lang, fill };
  const narrow = useMediaQuery("(max-width: 48em)");
  const baselineOf = (target: StoredTarget) => props.evaluated.find((row) => row.target.id === target.id)?.baseline;
  // Consecutive targets taken from one sentence («Đạt 5,6 điểm; thuộc nhóm …») show it once, across their rows.
  const rows = props.targets.map((target, i, all) => {
    const same = (j: number) => all[j]?.statedText != null && all[j]!.statedText === target.statedText;
    let span = 1;
    while (same(i + span)) span += 1;
    return { target, flags: flagsFor(target, props.flags), statedSpan: i > 0 && same(i - 1) ? 0 : span };
  });
  const baseline = (target: StoredTarget) => {
    const figures = baselineOf(target);
    return target.kind === "group" && figures?.group ? <GroupBadge group={figures.group} short /> : <Text size="sm">{baselineText(target, figures, words)}</Text>;
  };
  const flagged = { background: "var(--mantine-color-orange-0)", boxShadow: "inset 3px 0 0 var(--mantine-color-orange-6)" };

  if (narrow) {
    return (
      <Stack gap="sm" data-testid="targets">
        {rows.map(({ target, flags }) => (
          <Paper key={target.id} withBorder radius="md" p="sm" style={flags.length ? flagged : undefined} data-testid="target-row" data-node={target.node} data-kind={target.kind}>
            <Text size="sm" fw={700}>
              {nodeLabel(target.node, props.nodes)}
            </Text>
            <Text size="sm" mt={2}>
              {targetText(target, words, props.plan.baselineYear)}
            </Text>
            <TargetFlags flags={flags} />
            {target.statedText && (
              <Text size="xs" c="dimmed" fs="italic" mt={6}>
                «{target.statedText}»
              </Text>
            )}
            <Group gap={6} mt={6}>
              <Text size="xs" c="dimmed">
                {fill(p.baselineOf, { year: props.plan.baselineYear })}:
              </Text>
              {baseline(target)}
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={8} data-testid="targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>#</Table.Th>
              <Table.Th w="24%">{p.node}</Table.Th>
              <Table.Th w="26%">{p.target}</Table.Th>
              <Table.Th>{p.stated}</Table.Th>
              <Table.Th ta="right" w={170}>
                {fill(p.baselineOf, { year: props.plan.baselineYear })}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ target, flags, statedSpan }, index) => (
              <Table.Tr key={target.id} style={flags.length ? flagged : undefined} data-testid="target-row" data-node={target.node} data-kind={target.kind}>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {index + 1}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {nodeLabel(target.node, props.nodes)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{targetText(target, words, props.plan.baselineYear)}</Text>
                  <TargetFlags flags={flags} />
                </Table.Td>
                {statedSpan > 0 && (
                  <Table.Td rowSpan={statedSpan} style={{ background: "var(--mantine-color-body)" }}>
                    <Text size="xs" c="dimmed" data-testid="stated-text">
                      {target.statedText ?? "—"}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {baseline(target)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
