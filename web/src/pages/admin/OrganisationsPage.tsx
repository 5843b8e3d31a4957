/**
 * A province's bodies as a tree (the People's Committee at the top, its office and departments under it,
 * the communes folded under one "Xã, phường, đặc khu" node with a filter), closed and merged ones on
 * request; for managers: add, edit, close, merge, and the first set-up of an empty province.
 */
import { Fragment, useMemo, useState } from "react";
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { foldVietnamese } from "@domain/text.ts";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type Organisation } from "../../lib/admin-api.ts";
import { day } from "../../lib/format.ts";
import { ADMIN_KEY, useSession } from "../../lib/session.tsx";
import { useAdminContext } from "./AdminRoutes.tsx";
import { PageTitle } from "./common.tsx";
import { compareBodies, kindLabel, organisationsKey, useOrganisations } from "./data.ts";
import { CloseModal, MergeModal, OrganisationModal } from "./OrganisationForms.tsx";

interface TreeNode {
  org: Organisation;
  children: TreeNode[];
  communes: TreeNode[];
}

/** Parents before children; a body whose parent is not in the list is a root. */
function buildTree(organisations: readonly Organisation[]): TreeNode[] {
  const nodes = new Map(organisations.map((org) => [org.id, { org, children: [], communes: [] } as TreeNode]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    if (!parent) roots.push(node);
    else if (node.org.kind === "commune") parent.communes.push(node);
    else parent.children.push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => compareBodies(a.org, b.org));
    for (const n of list) {
      sort(n.children);
      sort(n.communes);
    }
  };
  sort(roots);
  return roots;
}

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; org: Organisation }
  | { kind: "close"; org: Organisation }
  | { kind: "merge"; source?: Organisation }
  | null;

export function OrganisationsPage() {
  const { t, fill } = useI18n();
  const o = t.admin.orgs;
  const { can } = useSession();
  const { province } = useAdminContext();
  const key = province?.province.key;
  const [showEnded, setShowEnded] = useState(false);
  const list = useOrganisations(key, showEnded);
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can("organisations.manage");
  const queryClient = useQueryClient();
  const toast = useToast();

  const organisations = list.data?.organisations ?? [];
  const tree = useMemo(() => buildTree(organisations), [organisations]);
  const byId = useMemo(() => new Map(organisations.map((org) => [org.id, org])), [organisations]);
  const currentCount = organisations.filter((org) => org.endReason === null).length;

  if (!province) return <Loading />;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: organisationsKey(key) });
    await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY, "provinces"] });
  };

  return (
    <Stack gap="md">
      <PageTitle
        right={
          manage && organisations.length > 0 ? (
            <Group gap="xs">
              <Button onClick={() => setDialog({ kind: "add" })} data-testid="add-organisation">
                {o.add}
              </Button>
              <Button variant="default" onClick={() => setDialog({ kind: "merge" })} data-testid="merge-organisations">
                {o.merge}
              </Button>
            </Group>
          ) : null
        }
      >
        {t.admin.sections.organisations}
      </PageTitle>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text c="dimmed" size="sm">
          {province.province.fullName} · {fill(o.current, { n: currentCount })}
        </Text>
        <Switch
          label={o.showEnded}
          checked={showEnded}
          onChange={(event) => setShowEnded(event.currentTarget.checked)}
          data-testid="show-ended"
        />
      </Group>
      {!manage && (
        <Alert variant="light" color="gray" data-testid="read-only">
          {o.readOnly}
        </Alert>
      )}
      {list.error && <LoadError error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && <Loading />}
      {list.data && organisations.length === 0 && (
        <SetupBox
          province={province.province.fullName}
          canSetUp={can("provinces.setup")}
          onSetUp={async () => {
            const result = await adminApi.setup(province.province.key);
            toast(fill(o.setupDone, { n: result.created }));
            await refresh();
          }}
        />
      )}
      {organisations.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing={6} highlightOnHover data-testid="organisation-tree">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{o.name}</Table.Th>
                  <Table.Th>{o.code}</Table.Th>
                  <Table.Th>{o.documentSymbol}</Table.Th>
                  <Table.Th>{o.kind}</Table.Th>
                  <Table.Th>{o.validFrom}</Table.Th>
                  {manage && <Table.Th w={60} aria-label={t.admin.actions} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TreeRows nodes={tree} depth={0} byId={byId} manage={manage} onAction={setDialog} />
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {dialog?.kind === "add" || dialog?.kind === "edit" ? (
        <OrganisationModal
          province={province.province.key}
          organisations={organisations}
          editing={dialog.kind === "edit" ? dialog.org : null}
          onClose={() => setDialog(null)}
          onSaved={async (org) => {
            toast(fill(dialog.kind === "edit" ? o.updated : o.created, { name: org.name }));
            await refresh();
          }}
        />
      ) : null}
      {dialog?.kind === "close" && (
        <CloseModal
          org={dialog.org}
          onClose={() => setDialog(null)}
          onDone={async (org) => {
            toast(fill(o.closed, { name: org.name }));
            await refresh();
          }}
        />
      )}
      {dialog?.kind === "merge" && (
        <MergeModal
          province={province.province.key}
          organisations={organisations}
          source={dialog.source ?? null}
          onClose={() => setDialog(null)}
          onDone={async (target) => {
            toast(fill(o.merged, { name: target.name }));
            await refresh();
          }}
        />
      )}
    </Stack>
  );
}

function SetupBox(props: { province: string; canSetUp: boolean; onSetUp: () => Promise<void> }) {
  const { t, fill } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!props.canSetUp) return <Alert variant="light">{fill(t.admin.orgs.empty, { province: props.province })}</Alert>;
  return (
    <Alert variant="light" color="blue" title={fill(t.admin.orgs.empty, { province: props.province })} data-testid="setup-box">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{fill(t.admin.orgs.setupText, { province: props.province })}</Text>
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error instanceof Error ? error.message : String(error)}
          </Text>
        ) : null}
        <Button
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await props.onSetUp();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
          data-testid="setup-province"
        >
          {t.admin.orgs.setup}
        </Button>
      </Stack>
    </Alert>
  );
}

function TreeRows(props: {
  nodes: TreeNode[];
  depth: number;
  byId: Map<number, Organisation>;
  manage: boolean;
  onAction: (dialog: Dialog) => void;
}) {
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const toggle = (id: number) =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      {props.nodes.map((node) => {
        const open = !collapsed.has(node.org.id);
        const hasChildren = node.children.length + node.communes.length > 0;
        return (
          <Fragment key={node.org.id}>
            <OrganisationRow
              org={node.org}
              depth={props.depth}
              byId={props.byId}
              manage={props.manage}
              onAction={props.onAction}
              toggle={hasChildren ? { open, onToggle: () => toggle(node.org.id) } : undefined}
            />
            {open && hasChildren && (
              <>
                <TreeRows {...props} nodes={node.children} depth={props.depth + 1} />
                {node.communes.length > 0 && <CommuneGroup {...props} nodes={node.communes} depth={props.depth + 1} />}
              </>
            )}
          </Fragment>
        );
      })}
    </>
  );
}

/** The ~100 communes of a province, folded by default, with a filter (diacritics optional). */
function CommuneGroup(props: {
  nodes: TreeNode[];
  depth: number;
  byId: Map<number, Organisation>;
  manage: boolean;
  onAction: (dialog: Dialog) => void;
}) {
  const { t, fill } = useI18n();
  const o = t.admin.orgs;
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const folded = foldVietnamese(filter);
  const shown = folded ? props.nodes.filter((n) => foldVietnamese(`${n.org.name} ${n.org.code}`).includes(folded)) : props.nodes;
  const columns = props.manage ? 6 : 5;
  return (
    <>
      <Table.Tr bg="var(--mantine-color-gray-0)" data-testid="commune-group">
        <Table.Td colSpan={columns}>
          <Group gap="sm" wrap="wrap" pl={props.depth * 22}>
            <UnstyledButton
              onClick={() => setOpen(!open)}
              aria-expanded={open}
              aria-label={fill(open ? o.collapse : o.expand, { name: o.communes })}
              data-testid="commune-toggle"
            >
              <Group gap={6} wrap="nowrap">
                <Text span w={16} ta="center" c="dimmed">
                  {open ? "▾" : "▸"}
                </Text>
                <Text span fw={600} size="sm">
                  {o.communes}
                </Text>
                <Badge variant="light" color="gray" size="sm" tt="none">
                  {fill(o.communesCount, { n: props.nodes.length })}
                </Badge>
              </Group>
            </UnstyledButton>
            {open && (
              <TextInput
                size="xs"
                placeholder={o.communesFilter}
                aria-label={o.communesFilter}
                value={filter}
                onChange={(event) => setFilter(event.currentTarget.value)}
                w={240}
                data-testid="commune-filter"
              />
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {open &&
        shown.map((node) => (
          <OrganisationRow key={node.org.id} org={node.org} depth={props.depth + 1} byId={props.byId} manage={props.manage} onAction={props.onAction} />
        ))}
      {open && shown.length === 0 && (
        <Table.Tr>
          <Table.Td colSpan={columns}>
            <Text size="sm" c="dimmed" pl={(props.depth + 1) * 22}>
              {o.communesNone}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function OrganisationRow(props: {
  org: Organisation;
  depth: number;
  byId: Map<number, Organisation>;
  manage: boolean;
  onAction: (dialog: Dialog) => void;
  toggle?: { open: boolean; onToggle: () => void };
}) {
  const { t, lang, fill } = useI18n();
  const o = t.admin.orgs;
  const { org } = props;
  const ended = org.endReason !== null;
  const endNote =
    org.endReason === "merged"
      ? fill(o.mergedInto, { name: props.byId.get(org.mergedIntoId ?? -1)?.name ?? `#${org.mergedIntoId}`, date: day(org.validTo) })
      : org.endReason === "closed"
        ? fill(o.closedOn, { date: day(org.validTo) })
        : null;
  return (
    <Table.Tr data-testid="organisation-row" data-code={org.code} data-ended={ended || undefined} style={ended ? { opacity: 0.6 } : undefined}>
      <Table.Td>
        <Group gap={6} wrap="nowrap" pl={props.depth * 22} align="flex-start">
          {props.toggle ? (
            <UnstyledButton
              onClick={props.toggle.onToggle}
              aria-expanded={props.toggle.open}
              aria-label={fill(props.toggle.open ? o.collapse : o.expand, { name: org.name })}
              w={16}
            >
              <Text span c="dimmed">
                {props.toggle.open ? "▾" : "▸"}
              </Text>
            </UnstyledButton>
          ) : (
            <Text span w={16} />
          )}
          <Stack gap={0}>
            <Text size="sm" fw={props.depth === 0 ? 700 : 500} td={ended ? "line-through" : undefined} c={ended ? "dimmed" : undefined}>
              {org.name}
            </Text>
            {lang === "en" && org.nameEn && (
              <Text size="xs" c="dimmed">
                {org.nameEn}
              </Text>
            )}
            {endNote && (
              <Text size="xs" c="dimmed" fs="italic" data-testid="end-note">
                {endNote}
              </Text>
            )}
          </Stack>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {org.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{org.documentSymbol}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {kindLabel(org.kind, lang)}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">{day(org.validFrom)}</Text>
      </Table.Td>
      {props.manage && (
        <Table.Td>
          {!ended && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`${t.admin.actions}: ${org.name}`} data-testid="organisation-actions">
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => props.onAction({ kind: "edit", org })}>{o.edit}</Menu.Item>
                {org.parentId !== null && <Menu.Item onClick={() => props.onAction({ kind: "merge", source: org })}>{o.mergeThis}</Menu.Item>}
                <Menu.Item color="red" onClick={() => props.onAction({ kind: "close", org })}>
                  {o.closeAction}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
