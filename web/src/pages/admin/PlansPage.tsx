/**
 * The province's improvement plans, newest year first (with those of the 63-era provinces it was formed
 * from, and the agencies' own plans carrying them out): number and date, subject, year and baseline year,
 * status, number of targets and tasks. Coordinators draw up a new plan here (a draft), which then opens to
 * enter its targets, or start from the latest results with «Dự thảo kế hoạch năm sau».
 */
import { useState } from "react";
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { PlanStatus } from "../../lib/admin-api.ts";
import { day, today } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { PageTitle, ScopeSwitch, Tag } from "./common.tsx";
import { plansKey, useDrawsUpPlans, useOwnAgencies, usePlanList, type ListedPlan } from "./data.ts";
import { nextDraftLink } from "./NextDraftPage.tsx";
import { NewPlanModal } from "./PlanForms.tsx";

const STATUS_COLORS: Record<PlanStatus, string> = { draft: "yellow", issued: "teal", superseded: "gray" };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag nowrap color={STATUS_COLORS[status]} variant={status === "issued" ? "filled" : "light"}>
      {t.admin.plans.statuses[status]}
    </Tag>
  );
}

export function PlansPage() {
  const { t, fill } = useI18n();
  const p = t.admin.plans;
  const { province, manyProvinces } = useAdminContext();
  const [state, setState] = useUrlState(["scope"] as const);
  const all = manyProvinces && state.scope === "all";
  const list = usePlanList(province?.province, all);
  const [adding, setAdding] = useState(false);
  const manage = useDrawsUpPlans();
  const agencyPerson = useOwnAgencies().length > 0;
  const narrow = useMediaQuery("(max-width: 48em)");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();

  if (!province) return <Loading />;
  const search = `?province=${province.province.key}`;
  const link = (plan: ListedPlan) => `/admin/plans/${plan.id}${search}`;

  return (
    <Stack gap="md">
      <PageTitle
        right={
          manage && !all ? (
            <Group gap="sm">
              <Button
                variant="light"
                component={Link}
                to={nextDraftLink({ province: province.province.key, year: nextYear(list.plans) })}
                data-testid="new-next-draft"
              >
                {p.nextDraft}
              </Button>
              <Button onClick={() => setAdding(true)} data-testid="new-plan">
                {p.add}
              </Button>
            </Group>
          ) : null
        }
      >
        {t.admin.sections.plans}
      </PageTitle>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Text c="dimmed" size="sm">
          {all ? t.admin.scopeAll : province.province.fullName}
          {!list.pending && ` · ${fill(p.count, { n: list.plans.length })}`}
        </Text>
        {manyProvinces && (
          <ScopeSwitch provinceName={province.province.name} all={all} onChange={(scope) => setState({ scope: scope ? "all" : undefined })} />
        )}
      </Group>
      {!manage && (
        <Alert variant="light" color="gray" data-testid="read-only">
          {agencyPerson ? p.readOnlyAgency : p.readOnly}
        </Alert>
      )}
      {list.error && <LoadError error={list.error} retry={list.refetch} />}
      {list.pending && !list.error && <Loading />}
      {!list.pending && list.plans.length === 0 && (
        <Alert variant="light" data-testid="no-plans">
          {all ? p.emptyAll : fill(p.empty, { province: province.province.fullName })}
        </Alert>
      )}
      {list.plans.length > 0 &&
        (narrow ? (
          <Stack gap="sm" data-testid="plan-cards">
            {list.plans.map((plan) => (
              <Paper key={plan.id} withBorder radius="md" p="sm" data-testid="plan-row" data-number={plan.number ?? ""}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <PlanNumber plan={plan} to={link(plan)} />
                  <PlanStatusTag status={plan.status} />
                </Group>
                <Text size="sm" mt={6}>
                  {plan.summary}
                </Text>
                <Text size="xs" c="dimmed" mt={6}>
                  {fill(p.planYearBaseline, { year: plan.year, baseline: plan.baselineYear })} · {fill(p.targetsCount, { n: plan.targetCount })}
                  {plan.taskCount !== undefined && ` · ${fill(p.tasks.count, { n: plan.taskCount })}`}
                </Text>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing={8} highlightOnHover data-testid="plans-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={190}>{p.numberDate}</Table.Th>
                    <Table.Th>{p.summary}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>{p.year}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>{p.baselineYear}</Table.Th>
                    <Table.Th>{p.status}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>{p.targets}</Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>{p.tasksColumn}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.plans.map((plan) => (
                    <Table.Tr key={plan.id} data-testid="plan-row" data-number={plan.number ?? ""}>
                      <Table.Td>
                        <PlanNumber plan={plan} to={link(plan)} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{plan.summary}</Text>
                        <Text size="xs" c="dimmed">
                          {plan.organisationName ?? plan.issuingBody}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" fw={600}>
                          {plan.year}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{plan.baselineYear}</Text>
                      </Table.Td>
                      <Table.Td>
                        <PlanStatusTag status={plan.status} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{plan.targetCount}</Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{plan.taskCount ?? "—"}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
      {adding && (
        <NewPlanModal
          province={province.province}
          onClose={() => setAdding(false)}
          onCreated={async (plan) => {
            toast(fill(p.created, { name: plan.number ?? plan.summary }));
            await queryClient.invalidateQueries({ queryKey: plansKey });
            navigate(`/admin/plans/${plan.id}${search}`);
          }}
        />
      )}
    </Stack>
  );
}

/** What «Dự thảo kế hoạch năm sau» drafts first: the year after the newest plan's, this year at the earliest. */
function nextYear(plans: readonly ListedPlan[]): number {
  return Math.max(Number(today().slice(0, 4)), ...plans.filter((plan) => plan.organisationId === null).map((plan) => plan.year + 1));
}

/** «170/KH-UBND» as the link to the plan, its date under it, and the predecessor it belongs to. */
function PlanNumber({ plan, to }: { plan: ListedPlan; to: string }) {
  const { t, fill } = useI18n();
  const p = t.admin.plans;
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={to} fw={700} size="sm" data-testid="plan-link">
        {plan.number ?? p.noNumber}
      </Anchor>
      {plan.issuedOn && (
        <Text size="xs" c="dimmed">
          {day(plan.issuedOn)}
        </Text>
      )}
      {plan.predecessorName && (
        <Text size="xs" c="dimmed" fs="italic">
          {fill(p.predecessor, { name: plan.predecessorName })}
        </Text>
      )}
    </Stack>
  );
}
