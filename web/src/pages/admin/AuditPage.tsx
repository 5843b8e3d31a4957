/**
 * The audit log, newest first: who did what to which record, when (Vietnam time), from which address, and
 * on request the fields that changed, before → after. Filters in the URL; "Xem thêm" loads older entries.
 */
import { Fragment, useMemo, useState } from "react";
import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import type { Role } from "@domain/access.ts";
import type { OrganisationKind } from "@domain/organisations.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type AuditEntry, type Organisation, type Person } from "../../lib/admin-api.ts";
import { collator, dateTime, day } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { ADMIN_KEY } from "../../lib/session.tsx";
import { useAdminContext } from "./AdminRoutes.tsx";
import { DateField, dayText, dayValue, FilterSelect, PageTitle, ScopeSwitch, Tag } from "./common.tsx";
import { bodyOptions, kindLabel, peopleKey, useOrganisations } from "./data.ts";
import { targetText } from "./plan-text.ts";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ORGANISATION_FIELDS = new Set(["parentId", "mergedIntoId", "organisationId"]);
/** A plan's record keys that mean nothing to a reader (its province is the entry's own). */
const PLAN_INTERNAL_FIELDS = new Set(["id", "provinceUnitId", "parentPlanId", "source"]);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields an entry changed: all of a creation's, only the differing ones of an edit. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  // A plan's targets are logged as the list itself, before and after.
  const record = (value: unknown) => (isRecord(value) ? value : Array.isArray(value) ? { targets: value } : {});
  const b = record(before);
  const a = record(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((key) => !same(b[key], a[key]))
    .filter((key) => !(before === null && (a[key] === null || a[key] === "" || (Array.isArray(a[key]) && (a[key] as unknown[]).length === 0))))
    .map((key) => ({ field: key, before: b[key], after: a[key] }));
}

export function AuditPage() {
  const { t } = useI18n();
  const a = t.admin.audit;
  const { province, manyProvinces } = useAdminContext();
  const [state, setState] = useUrlState(["user", "organisation", "entityType", "action", "from", "to", "scope"] as const);
  const [from, setFrom] = useState(dayText(state.from));
  const [to, setTo] = useState(dayText(state.to));
  const key = province?.province.key;
  const allProvinces = manyProvinces && state.scope === "all";
  const organisations = useOrganisations(key, true);
  const people = useQuery({
    queryKey: [...peopleKey, { province: allProvinces ? undefined : key, includeDisabled: true }],
    queryFn: () => adminApi.people({ province: allProvinces ? undefined : key, includeDisabled: true }),
    enabled: key !== undefined,
  });
  const filter = {
    province: allProvinces ? undefined : key,
    user: state.user,
    organisation: allProvinces ? undefined : state.organisation,
    entityType: state.entityType,
    action: state.action,
    from: state.from,
    to: state.to,
  };
  const entries = useInfiniteQuery({
    queryKey: [ADMIN_KEY, "audit", filter],
    queryFn: ({ pageParam }) => adminApi.audit({ ...filter, before: pageParam, limit: 50 }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    enabled: key !== undefined,
  });

  const orgById = useMemo(() => new Map((organisations.data?.organisations ?? []).map((o) => [o.id, o])), [organisations.data]);
  const personById = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p])), [people.data]);
  if (!province) return <Loading />;
  const rows = entries.data?.pages.flatMap((page) => page.entries) ?? [];
  const actionOptions = Object.entries(a.actions)
    .map(([value, label]) => ({ value, label }))
    .sort((x, y) => collator.compare(x.label, y.label));
  const personOptions = [...(people.data ?? [])]
    .sort((x, y) => collator.compare(x.fullName, y.fullName))
    .map((p) => ({ value: String(p.id), label: `${p.fullName} (${p.username})` }));
  const filtered = Object.entries(state).some(([k, v]) => k !== "scope" && v);

  return (
    <Stack gap="md">
      <PageTitle>{t.admin.sections.audit}</PageTitle>
      <Paper withBorder radius="md" p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          {manyProvinces && (
            <ScopeSwitch provinceName={province.province.name} all={allProvinces} onChange={(all) => setState({ scope: all ? "all" : undefined })} />
          )}
          <FilterSelect label={a.who} placeholder={a.any} data={personOptions} value={state.user} onChange={(user) => setState({ user })} width={260} testId="audit-person" />
          <FilterSelect
            label={a.organisation}
            placeholder={a.any}
            data={bodyOptions(organisations.data?.organisations ?? [], [], true)}
            value={state.organisation}
            onChange={(organisation) => setState({ organisation })}
            disabled={allProvinces}
            width={260}
            testId="audit-organisation"
          />
          <FilterSelect
            label={a.entityType}
            placeholder={a.any}
            data={Object.entries(a.entityTypes).map(([value, label]) => ({ value, label }))}
            value={state.entityType}
            onChange={(entityType) => setState({ entityType })}
            width={190}
            testId="audit-entity-type"
          />
          <FilterSelect label={a.action} placeholder={a.any} data={actionOptions} value={state.action} onChange={(action) => setState({ action })} width={240} testId="audit-action" />
          <DateField
            label={a.from}
            value={from}
            onChange={(text) => {
              setFrom(text);
              const value = dayValue(text);
              if (value !== undefined) setState({ from: value ?? undefined });
            }}
            w={130}
            data-testid="audit-from"
          />
          <DateField
            label={a.to}
            value={to}
            onChange={(text) => {
              setTo(text);
              const value = dayValue(text);
              if (value !== undefined) setState({ to: value ?? undefined });
            }}
            w={130}
            data-testid="audit-to"
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setFrom("");
                setTo("");
                setState({ user: undefined, organisation: undefined, entityType: undefined, action: undefined, from: undefined, to: undefined });
              }}
            >
              {a.clear}
            </Button>
          )}
        </Group>
      </Paper>
      {entries.error && <LoadError error={entries.error} retry={() => void entries.refetch()} />}
      {entries.isPending && <Loading />}
      {entries.data && rows.length === 0 && <Alert variant="light">{a.empty}</Alert>}
      {rows.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing={6} data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{a.when}</Table.Th>
                  <Table.Th>{a.who}</Table.Th>
                  <Table.Th>{a.action}</Table.Th>
                  <Table.Th>{a.subject}</Table.Th>
                  <Table.Th>{a.organisation}</Table.Th>
                  <Table.Th>{a.address}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} orgById={orgById} personById={personById} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {entries.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void entries.fetchNextPage()} loading={entries.isFetchingNextPage} data-testid="audit-more">
            {a.more}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AuditRow({ entry, orgById, personById }: { entry: AuditEntry; orgById: Map<number, Organisation>; personById: Map<number, Person> }) {
  const { t, lang, fill } = useI18n();
  const a = t.admin.audit;
  const [open, setOpen] = useState(false);
  const province = new URLSearchParams(useLocation().search).get("province");
  // In the order a reader expects (name, code … as in the forms), not the order the JSON was stored in.
  const order = Object.keys(a.fields);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const changes = changedFields(entry.before, entry.after)
    .filter((change) => !(entry.entityType === "plan" && PLAN_INTERNAL_FIELDS.has(change.field)))
    .sort((x, y) => rank(x.field) - rank(y.field));
  const actor = entry.actorUserId !== null ? personById.get(entry.actorUserId) : undefined;
  const after = isRecord(entry.after) ? entry.after : {};
  const before = isRecord(entry.before) ? entry.before : {};
  const id = Number(entry.entityKey);
  const subject =
    entry.entityType === "organisation"
      ? (orgById.get(id)?.name ?? String(after.name ?? before.name ?? `#${entry.entityKey}`))
      : entry.entityType === "user"
        ? (() => {
            const person = personById.get(id);
            const name = person?.fullName ?? after.fullName ?? before.fullName;
            const username = person?.username ?? after.username ?? before.username;
            return name ? `${String(name)}${username ? ` (${String(username)})` : ""}` : `#${entry.entityKey}`;
          })()
        : entry.entityType === "plan"
          ? String(after.number ?? before.number ?? `#${entry.entityKey}`)
          : entry.entityKey;

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (ORGANISATION_FIELDS.has(field) && typeof value === "number") return orgById.get(value)?.name ?? `#${value}`;
    if (field === "parentId" && value === "merged source") return a.mergedSource;
    if (field === "kind" && typeof value === "string") return kindLabel(value as OrganisationKind, lang);
    if (field === "endReason" && typeof value === "string") return a.endReasons[value] ?? value;
    if (entry.entityType === "plan" && field === "status" && typeof value === "string") return (t.admin.plans.statuses as Record<string, string>)[value] ?? value;
    if (field === "role" && typeof value === "string") return t.admin.roles[value as Role] ?? value;
    if (field === "roles" && Array.isArray(value)) {
      if (value.length === 0) return "—";
      return value
        .map((r: { role: Role; organisationId: number | null }) => `${t.admin.roles[r.role] ?? r.role}${r.organisationId !== null ? ` · ${orgById.get(r.organisationId)?.name ?? `#${r.organisationId}`}` : ""}`)
        .join("; ");
    }
    if (field === "targets" && Array.isArray(value)) {
      if (value.length === 0) return "—";
      return (value as Parameters<typeof targetText>[0][]).map((target) => `${target.node}: ${targetText(target, { t, lang, fill })}`).join("; ");
    }
    if (typeof value === "boolean") return value ? t.admin.yes : t.admin.no;
    if (typeof value === "string" && ISO_DAY.test(value)) return day(value);
    if (typeof value === "string" && ISO_MOMENT.test(value)) return dateTime(value);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };

  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" data-action={entry.action}>
        <Table.Td style={{ whiteSpace: "nowrap" }}>
          <Text size="sm">{dateTime(entry.at)}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.actor === "system" && entry.actorUserId === null ? a.system : (actor?.fullName ?? entry.actorName ?? entry.actor)}</Text>
          {actor && (
            <Text size="xs" c="dimmed">
              {actor.username}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Tag nowrap color={entry.action.startsWith("auth.") ? "gray" : entry.action.startsWith("user.") ? "violet" : "blue"}>{a.actions[entry.action] ?? entry.action}</Tag>
        </Table.Td>
        <Table.Td>
          {entry.entityType === "plan" ? (
            // A plan's entry leads to the plan (its targets' entries name it by its id only).
            <Anchor component={Link} to={`/admin/plans/${entry.entityKey}${province ? `?province=${province}` : ""}`} size="sm">
              {subject}
            </Anchor>
          ) : (
            <Text size="sm">{subject}</Text>
          )}
          <Text size="xs" c="dimmed">
            {a.entityTypes[entry.entityType] ?? entry.entityType}
          </Text>
        </Table.Td>
        <Table.Td>
          {/* A body's own entry names it as the subject already. */}
          <Text size="sm">{entry.organisationName && entry.organisationName !== subject ? entry.organisationName : "—"}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.actorIp ?? "—"}
          </Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: "nowrap" }}>
          {changes.length > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="audit-toggle">
              {open ? a.hideDetails : a.details}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={7} bg="var(--mantine-color-gray-0)">
            <Table verticalSpacing={2} withRowBorders={false} maw={900} data-testid="audit-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={200}>{a.field}</Table.Th>
                  {entry.before !== null && <Table.Th>{a.before}</Table.Th>}
                  {entry.before !== null && <Table.Th w={20} />}
                  <Table.Th>{a.after}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={change.field}>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {a.fields[change.field] ?? change.field}
                      </Text>
                    </Table.Td>
                    {entry.before !== null && (
                      <Table.Td>
                        <Text size="sm" td="line-through" c="red.8">
                          {show(change.field, change.before)}
                        </Text>
                      </Table.Td>
                    )}
                    {entry.before !== null && <Table.Td c="dimmed">→</Table.Td>}
                    <Table.Td>
                      <Text size="sm" c="teal.9">
                        {show(change.field, change.after)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
