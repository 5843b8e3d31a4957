/**
 * «Kế hoạch của các cơ quan»: for an issued province plan, which agencies have issued their own plan for
 * the tasks assigned to them, on time or late against the plan's deadline («Hạn gửi Sở Nội vụ»), which are
 * still drafting and which have none; the coordinator filters to those that have not issued yet.
 */
import { Alert, Anchor, Badge, Group, Paper, Stack, Switch, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { PlanDetail, SubPlanStatus } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { Tag } from "./common.tsx";
import { useSubPlans } from "./data.ts";

const STATUS: Record<SubPlanStatus, { color: string; variant: "filled" | "light" }> = {
  "issued-on-time": { color: "teal", variant: "filled" },
  "issued-late": { color: "orange", variant: "filled" },
  draft: { color: "yellow", variant: "light" },
  missing: { color: "red", variant: "light" },
};

export function SubPlanStatusTag({ status }: { status: SubPlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag nowrap color={STATUS[status].color} variant={STATUS[status].variant}>
      <span data-testid="sub-plan-status">{t.admin.plans.subPlans.statuses[status]}</span>
    </Tag>
  );
}

export function SubPlansTab({ detail }: { detail: PlanDetail }) {
  const { t, fill } = useI18n();
  const s = t.admin.plans.subPlans;
  const query = useSubPlans(detail.plan.id);
  const [state, setState] = useUrlState(["missing"] as const);
  const onlyMissing = state.missing === "1";
  if (query.error) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const { deadline, overdue, counts, agencies } = query.data;
  const shown = onlyMissing ? agencies.filter((a) => a.status === "draft" || a.status === "missing") : agencies;
  const search = `?province=${detail.province.key}`;

  return (
    <Stack gap="md" data-testid="sub-plans">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={6}>
            <Group gap="xs">
              <Text fw={700} data-testid="sub-plan-deadline">
                {deadline ? fill(s.deadline, { date: day(deadline) }) : s.noDeadline}
              </Text>
              {overdue && counts.draft + counts.missing > 0 && (
                <Badge color="red" variant="light" tt="none" radius="sm" data-testid="sub-plans-overdue">
                  {s.overdue}
                </Badge>
              )}
            </Group>
            <Group gap="xs" wrap="wrap" data-testid="sub-plan-counts">
              <Count label={s.countAssigned} n={counts.assigned} color="gray" testId="count-assigned" />
              <Count label={s.statuses["issued-on-time"]} n={counts.onTime} color="teal" testId="count-on-time" />
              <Count label={s.statuses["issued-late"]} n={counts.late} color="orange" testId="count-late" />
              <Count label={s.statuses.draft} n={counts.draft} color="yellow" testId="count-draft" />
              <Count label={s.statuses.missing} n={counts.missing} color="red" testId="count-missing" />
            </Group>
          </Stack>
          <Switch
            label={s.onlyMissing}
            checked={onlyMissing}
            onChange={(e) => setState({ missing: e.currentTarget.checked ? "1" : undefined })}
            data-testid="only-missing"
          />
        </Group>
      </Paper>
      {agencies.length === 0 ? (
        <Alert variant="light" data-testid="sub-plans-none">
          {s.none}
        </Alert>
      ) : shown.length === 0 ? (
        <Alert variant="light" color="teal" data-testid="sub-plans-all-issued">
          {s.allIssued}
        </Alert>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={8} highlightOnHover data-testid="sub-plans-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{s.agency}</Table.Th>
                  <Table.Th ta="right">{t.admin.plans.tasks.lead}</Table.Th>
                  <Table.Th ta="right">{t.admin.plans.tasks.support}</Table.Th>
                  <Table.Th>{s.status}</Table.Th>
                  <Table.Th>{s.subPlan}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row) => (
                  <Table.Tr key={row.organisation.id} data-testid="sub-plan-row" data-agency={row.organisation.name} data-status={row.status}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {row.organisation.name}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{row.leadTasks}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{row.supportTasks}</Text>
                    </Table.Td>
                    <Table.Td>
                      <SubPlanStatusTag status={row.status} />
                    </Table.Td>
                    <Table.Td>
                      {row.subPlan ? (
                        <Stack gap={0}>
                          <Anchor component={Link} to={`/admin/plans/${row.subPlan.id}${search}`} size="sm" fw={600} data-testid="sub-plan-link">
                            {row.subPlan.number ?? t.admin.plans.noNumber}
                          </Anchor>
                          {row.subPlan.issuedOn && (
                            <Text size="xs" c="dimmed">
                              {day(row.subPlan.issuedOn)}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

function Count({ label, n, color, testId }: { label: string; n: number; color: string; testId: string }) {
  return (
    <Badge size="lg" color={color} variant="light" tt="none" radius="sm" data-testid={testId}>
      {label}: {n}
    </Badge>
  );
}
