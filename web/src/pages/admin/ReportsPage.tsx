/**
 * «Báo cáo»: what waits for the signed-in person, most pressing first — reports returned to them (with the
 * reason), reports waiting for their approval (a leader), approved reports waiting for Sở Nội vụ (its review
 * queue, one click to open), the periods their agency still has to send (due within a week or overdue), the
 * unread notifications in words; for Sở Nội vụ and the province's leadership, the plans whose reports they
 * follow (who has reported, the consolidation).
 */
import type { ReactNode } from "react";
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { reportApi, type InboxReport, type ReportNotification } from "../../lib/admin-api.ts";
import { dateTime, day, today } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";
import { useTitle } from "../../lib/title.ts";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, PageTitle, useSubmit } from "./common.tsx";
import { inboxKey, regimeKey, useInbox, useOpenReport, useOwnAgencies, usePlanList, useReadsProvinceReports } from "./data.ts";
import { StatusBadge } from "./ReportPage.tsx";
import { daysUntil, deadlineDistance, notificationText, periodName } from "./report-text.ts";

export function ReportsPage() {
  const { t } = useI18n();
  const r = t.admin.reports;
  const { session, can } = useSession();
  const agencies = useOwnAgencies();
  const roles = session?.user?.roles ?? [];
  const leader = roles.some((role) => role.role === "leader");
  const reviewer = can("reports.review");
  const readsAll = useReadsProvinceReports();
  const inbox = useInbox();
  useTitle(r.title);

  if (inbox.error) return <LoadError error={inbox.error} retry={() => void inbox.refetch()} />;
  if (!inbox.data) return <Loading />;
  const { due, returned, toApprove, toReview, notifications } = inbox.data;

  return (
    <Stack gap="lg" data-testid="reports-inbox">
      <Stack gap={4}>
        <PageTitle>{r.title}</PageTitle>
        <Text size="sm" c="dimmed">
          {r.intro}
        </Text>
      </Stack>
      {agencies.length > 0 && (
        <Box title={r.inbox.returned} count={returned.length} color="red" testId="inbox-returned" empty={r.inbox.returnedNone}>
          {returned.map((report) => (
            <ReportItem key={report.id} report={report} action={r.inbox.edit} showReason />
          ))}
        </Box>
      )}
      {leader && (
        <Box title={r.inbox.toApprove} count={toApprove.length} color="yellow" testId="inbox-to-approve" empty={r.inbox.toApproveNone}>
          {toApprove.map((report) => (
            <ReportItem key={report.id} report={report} action={r.inbox.approve} />
          ))}
        </Box>
      )}
      {reviewer && (
        <Box title={r.inbox.toReview} count={toReview.length} color="indigo" testId="inbox-to-review" empty={r.inbox.toReviewNone}>
          {toReview.map((report) => (
            <ReportItem key={report.id} report={report} action={r.inbox.review} />
          ))}
        </Box>
      )}
      {agencies.length > 0 && (
        <Box title={r.inbox.due} count={due.length} color="orange" testId="inbox-due" empty={r.inbox.dueNone}>
          <DueList due={due} several={agencies.length > 1} />
        </Box>
      )}
      <Notifications notifications={notifications} />
      {readsAll && <FollowedPlans />}
    </Stack>
  );
}

/** One box of the inbox: a title with its count, its rows or a line saying there is nothing. */
function Box(props: { title: string; count: number; color: string; testId: string; empty: string; children: ReactNode; right?: ReactNode }) {
  return (
    <Paper withBorder radius="md" data-testid={props.testId}>
      <Group justify="space-between" px="md" py="sm" style={{ borderBottom: props.count ? "1px solid var(--mantine-color-gray-3)" : undefined }}>
        <Group gap="xs">
          <Title order={2} size="h4">
            {props.title}
          </Title>
          <Badge color={props.count ? props.color : "gray"} variant={props.count ? "filled" : "light"} radius="sm" data-testid="inbox-count">
            {props.count}
          </Badge>
        </Group>
        {props.right}
      </Group>
      {props.count === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="sm">
          {props.empty}
        </Text>
      ) : (
        <Stack gap={0}>{props.children}</Stack>
      )}
    </Paper>
  );
}

function Row({ children, testId, data }: { children: ReactNode; testId: string; data?: Record<string, string> }) {
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" px="md" py="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }} data-testid={testId} {...attributes}>
      {children}
    </Group>
  );
}

function ReportItem({ report, action, showReason = false }: { report: InboxReport; action: string; showReason?: boolean }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  return (
    <Row testId="inbox-report" data={{ id: String(report.id), agency: report.organisation, period: report.periodKey }}>
      <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
        <Group gap="xs">
          <Text fw={700} size="sm">
            {report.organisation}
          </Text>
          <Text size="sm">— {periodName(report.periodKey, words, "short")}</Text>
          <StatusBadge status={report.status} />
        </Group>
        {showReason && report.returnReason && (
          <Text size="sm" c="red.8" fw={500} data-testid="inbox-reason">
            {fill(t.admin.reports.inbox.reason, { reason: report.returnReason })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {report.planNumber ? `${fill(t.admin.reports.inbox.plan, { number: report.planNumber })} · ` : ""}
          {fill(t.admin.reports.inbox.updated, { when: dateTime(report.updatedAt) })}
          {report.deadline ? ` · ${fill(t.admin.reports.inbox.deadlineShort, { date: day(report.deadline) })}` : ""}
        </Text>
      </Stack>
      <Button component={Link} to={`/admin/reports/${report.id}${search}`} size="sm" variant="light" data-testid="inbox-open">
        {action}
      </Button>
    </Row>
  );
}

function DueList({ due, several }: { due: NonNullable<ReturnType<typeof useInbox>["data"]>["due"]; several: boolean }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const r = t.admin.reports;
  const opener = useOpenReport();
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const now = today();
  return (
    <>
      {due.map((item) => {
        const late = daysUntil(item.deadline, now) < 0;
        return (
          <Row key={`${item.regimeId}:${item.organisationId}:${item.period}`} testId="inbox-due-item" data={{ period: item.period }}>
            <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
              <Group gap="xs">
                <Text fw={700} size="sm">
                  {fill(r.form.title, { period: periodName(item.period, words, "short") })}
                </Text>
                {several && <Text size="sm">— {item.organisation}</Text>}
              </Group>
              <Text size="sm" c={late ? "red.8" : "orange.9"} fw={500}>
                {fill(r.inbox.dueOn, { date: day(item.deadline) })} · {deadlineDistance(item.deadline, now, words)}
              </Text>
              {item.planNumber && (
                <Text size="xs" c="dimmed">
                  {fill(r.inbox.plan, { number: item.planNumber })}
                </Text>
              )}
            </Stack>
            {item.reportId ? (
              <Button component={Link} to={`/admin/reports/${item.reportId}${search}`} size="sm" variant="light" data-testid="inbox-open">
                {r.regime.openReport}
              </Button>
            ) : (
              <Button size="sm" variant="light" loading={opener.isOpening(item.regimeId, item.organisationId, item.period)} onClick={() => void opener.open(item.regimeId, item.organisationId, item.period)} data-testid="inbox-open">
                {r.regime.openReport}
              </Button>
            )}
          </Row>
        );
      })}
      {opener.error !== null && (
        <div style={{ padding: "0 16px 12px" }}>
          <ErrorMessage error={opener.error} />
        </div>
      )}
    </>
  );
}

function Notifications({ notifications }: { notifications: ReportNotification[] }) {
  const { t, lang, fill } = useI18n();
  const words = { t, lang, fill };
  const r = t.admin.reports;
  const { province } = useAdminContext();
  const search = province ? `?province=${province.province.key}` : "";
  const queryClient = useQueryClient();
  const { busy, error, run } = useSubmit();
  const agencies = useOwnAgencies();
  const opener = useOpenReport();
  /** A reminder before the report exists: the regime, the agency (by id; by name in older reminders) and the period to open it by. */
  const toOpen = (notification: ReportNotification) => {
    const params = notification.params as { regime?: string; agency?: string; organisationId?: number; period?: string };
    const agency = agencies.find((a) => (params.organisationId !== undefined ? a.id === Number(params.organisationId) : a.name === params.agency));
    return notification.reportId === null && params.regime && params.period && agency ? { regimeId: Number(params.regime), organisationId: agency.id, period: params.period } : null;
  };
  const read = (ids: number[]) =>
    run(async () => {
      await reportApi.markRead(ids);
      await queryClient.invalidateQueries({ queryKey: inboxKey });
    });
  return (
    <Box
      title={r.inbox.notifications}
      count={notifications.length}
      color="blue"
      testId="inbox-notifications"
      empty={r.inbox.notificationsNone}
      right={
        notifications.length > 1 ? (
          <Button size="compact-sm" variant="subtle" loading={busy} onClick={() => void read(notifications.map((n) => n.id))} data-testid="mark-all-read">
            {r.inbox.markAllRead}
          </Button>
        ) : undefined
      }
    >
      {notifications.map((notification) => (
        <Row key={notification.id} testId="notification" data={{ kind: notification.kind }}>
          <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
            <Text size="sm" fw={500} data-testid="notification-text">
              {notificationText(notification, words)}
            </Text>
            <Text size="xs" c="dimmed">
              {dateTime(notification.createdAt)}
            </Text>
          </Stack>
          <Group gap="xs">
            {notification.reportId !== null && (
              <Button
                component={Link}
                to={`/admin/reports/${notification.reportId}${search}`}
                size="compact-sm"
                variant="light"
                onClick={() => void reportApi.markRead([notification.id]).then(() => queryClient.invalidateQueries({ queryKey: inboxKey }))}
                data-testid="notification-open"
              >
                {r.inbox.open}
              </Button>
            )}
            {toOpen(notification) && (
              <Button
                size="compact-sm"
                variant="light"
                loading={opener.opening !== null}
                onClick={() => {
                  const target = toOpen(notification)!;
                  void reportApi.markRead([notification.id]);
                  void opener.open(target.regimeId, target.organisationId, target.period);
                }}
                data-testid="notification-open"
              >
                {r.inbox.open}
              </Button>
            )}
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => void read([notification.id])} data-testid="notification-read">
              {r.inbox.markRead}
            </Button>
          </Group>
        </Row>
      ))}
      {(error !== null || opener.error !== null) && (
        <div style={{ padding: "0 16px 12px" }}>
          <ErrorMessage error={error ?? opener.error} />
        </div>
      )}
    </Box>
  );
}

/** The province's issued plans that have a regime: a way to who has reported and to the consolidation. */
function FollowedPlans() {
  const { t, fill } = useI18n();
  const r = t.admin.reports;
  const { province } = useAdminContext();
  const list = usePlanList(province?.province, false);
  const plans = list.plans.filter((plan) => plan.organisationId === null && plan.status === "issued" && plan.predecessorName === null);
  const regimes = useQueries({
    queries: plans.map((plan) => ({ queryKey: regimeKey(plan.id), queryFn: () => reportApi.regime(plan.id) })),
  });
  if (!province) return null;
  const followed = plans.flatMap((plan, i) => (regimes[i]?.data ? [{ plan, regime: regimes[i].data }] : []));
  const pending = list.pending || regimes.some((q) => q.isPending);
  const search = `?province=${province.province.key}`;
  return (
    <Box title={r.inbox.follow} count={followed.length} color="gray" testId="inbox-follow" empty={pending ? t.loading : r.inbox.followNone}>
      {list.error && <Alert color="red">{String(list.error)}</Alert>}
      {followed.map(({ plan, regime }) => (
        <Row key={plan.id} testId="followed-plan" data={{ number: plan.number ?? "" }}>
          <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
            <Anchor component={Link} to={`/admin/plans/${plan.id}${search}&tab=reports&view=regime`} fw={700} size="sm">
              {fill(r.inbox.plan, { number: plan.number ?? t.admin.plans.noNumber })}
            </Anchor>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {plan.summary} · {fill(r.regime.agencies, { n: regime.agencies.length })}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button component={Link} to={`/admin/plans/${plan.id}${search}&tab=reports&view=completeness`} size="compact-sm" variant="light" data-testid="follow-completeness">
              {r.inbox.completeness}
            </Button>
            <Button component={Link} to={`/admin/plans/${plan.id}${search}&tab=reports&view=consolidation`} size="compact-sm" variant="light" data-testid="follow-consolidation">
              {r.inbox.consolidation}
            </Button>
          </Group>
        </Row>
      ))}
    </Box>
  );
}
