/**
 * People of the province: who, which roles in which body, the state of the account, the last sign-in; for
 * managers: add (the temporary password shown once), edit, roles, disable / enable, reset the password.
 */
import { useState } from "react";
import { ActionIcon, Alert, Button, Group, Menu, Paper, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LoadError, Loading } from "../../components/States.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type Person, type PersonWithPassword } from "../../lib/admin-api.ts";
import { dateTime } from "../../lib/format.ts";
import { useUrlState } from "../../lib/search-params.ts";
import { useSession } from "../../lib/session.tsx";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ConfirmModal, FilterSelect, OneTimePasswords, PageTitle, ScopeSwitch, Tag } from "./common.tsx";
import { bodyOptions, peopleKey, useOrganisations } from "./data.ts";
import { EditPersonModal, PersonModal, RolesModal } from "./PersonForms.tsx";

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; person: Person }
  | { kind: "roles"; person: Person }
  | { kind: "disable"; person: Person }
  | { kind: "reset"; person: Person }
  | { kind: "password"; result: PersonWithPassword }
  | null;

export function PeoplePage() {
  const { t, fill } = useI18n();
  const p = t.admin.people;
  const { can, session } = useSession();
  const { province, manyProvinces } = useAdminContext();
  const narrow = useMediaQuery("(max-width: 48em)");
  const [state, setState] = useUrlState(["organisation", "q", "disabled", "scope"] as const);
  const [text, setText] = useState(state.q ?? "");
  const [q] = useDebouncedValue(text.trim(), 300);
  const allProvinces = manyProvinces && state.scope === "all";
  const key = province?.province.key;
  const organisations = useOrganisations(key);
  const filter = {
    province: allProvinces ? undefined : key,
    organisation: !allProvinces && state.organisation ? Number(state.organisation) : undefined,
    q: q || undefined,
    includeDisabled: state.disabled === "1",
  };
  const people = useQuery({ queryKey: [...peopleKey, filter], queryFn: () => adminApi.people(filter), enabled: key !== undefined });
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can("users.manage");
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKey });

  if (!province) return <Loading />;
  const bodies = organisations.data?.organisations ?? [];
  const list = people.data ?? [];
  const selfId = session?.user?.id;
  const actions = (person: Person) =>
    manage && person.id !== selfId ? (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`${t.admin.actions}: ${person.fullName}`} data-testid="person-actions">
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setDialog({ kind: "edit", person })}>{p.edit}</Menu.Item>
          <Menu.Item onClick={() => setDialog({ kind: "roles", person })}>{p.setRoles}</Menu.Item>
          <Menu.Item onClick={() => setDialog({ kind: "reset", person })}>{p.resetPassword}</Menu.Item>
          <Menu.Divider />
          <Menu.Item color={person.disabled ? "teal" : "red"} onClick={() => setDialog({ kind: "disable", person })}>
            {person.disabled ? p.enable : p.disable}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    ) : null;

  return (
    <Stack gap="md">
      <PageTitle
        right={
          manage ? (
            <Button onClick={() => setDialog({ kind: "add" })} data-testid="add-person">
              {p.add}
            </Button>
          ) : null
        }
      >
        {t.admin.sections.people}
      </PageTitle>
      <Paper withBorder radius="md" p="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          {manyProvinces && (
            <ScopeSwitch provinceName={province.province.name} all={allProvinces} onChange={(all) => setState({ scope: all ? "all" : undefined })} />
          )}
          <FilterSelect
            label={p.filterOrganisation}
            placeholder={p.allOrganisations}
            data={bodyOptions(bodies)}
            value={state.organisation}
            onChange={(organisation) => setState({ organisation })}
            disabled={allProvinces}
            width={300}
            testId="filter-organisation"
          />
          <TextInput
            label={p.filterText}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setState({ q: event.currentTarget.value.trim() || undefined });
            }}
            w={{ base: "100%", sm: 280 }}
            data-testid="filter-text"
          />
          <Switch
            label={p.includeDisabled}
            checked={state.disabled === "1"}
            onChange={(event) => setState({ disabled: event.currentTarget.checked ? "1" : undefined })}
            mb={8}
            data-testid="include-disabled"
          />
        </Group>
      </Paper>
      {people.error && <LoadError error={people.error} retry={() => void people.refetch()} />}
      {people.isPending && <Loading />}
      {people.data && (
        <Text size="sm" c="dimmed" data-testid="people-count">
          {fill(p.count, { n: list.length })}
        </Text>
      )}
      {people.data && list.length === 0 && <Alert variant="light">{p.empty}</Alert>}
      {list.length > 0 &&
        (narrow ? (
          <Stack gap="sm" data-testid="people-cards">
            {list.map((person) => (
              <Paper key={person.id} withBorder radius="md" p="sm" data-testid="person-row" data-username={person.username} style={person.disabled ? { opacity: 0.65 } : undefined}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text fw={600}>
                      {person.fullName}
                      {person.id === selfId && (
                        <Text span c="dimmed" size="sm">
                          {" "}
                          ({p.you})
                        </Text>
                      )}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ wordBreak: "break-all" }}>
                      {person.username}
                      {person.email ? ` · ${person.email}` : ""}
                    </Text>
                    {person.jobTitle && <Text size="sm">{person.jobTitle}</Text>}
                  </Stack>
                  {actions(person)}
                </Group>
                <Group gap={6} mt={8}>
                  <RoleBadges person={person} />
                  <StateBadges person={person} />
                </Group>
                <Text size="xs" c="dimmed" mt={6}>
                  {p.lastLogin}: {person.lastLoginAt ? dateTime(person.lastLoginAt) : p.never}
                </Text>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing={8} highlightOnHover data-testid="people-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      {p.fullName}
                      <Text c="dimmed" fw={400} size="xs">
                        {p.username}
                      </Text>
                    </Table.Th>
                    <Table.Th>{p.email}</Table.Th>
                    <Table.Th>{p.jobTitle}</Table.Th>
                    <Table.Th>{p.roles}</Table.Th>
                    <Table.Th>{p.state}</Table.Th>
                    <Table.Th>{p.lastLogin}</Table.Th>
                    {manage && <Table.Th w={50} aria-label={t.admin.actions} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((person) => (
                    <Table.Tr key={person.id} data-testid="person-row" data-username={person.username} style={person.disabled ? { opacity: 0.65 } : undefined}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {person.fullName}
                          {person.id === selfId && (
                            <Text span c="dimmed" size="sm" fw={400}>
                              {" "}
                              ({p.you})
                            </Text>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {person.username}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{person.email ?? "—"}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{person.jobTitle ?? "—"}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          <RoleBadges person={person} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4} align="flex-start">
                          <StateBadges person={person} />
                        </Stack>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Text size="sm" c={person.lastLoginAt ? undefined : "dimmed"}>
                          {person.lastLoginAt ? dateTime(person.lastLoginAt) : p.never}
                        </Text>
                      </Table.Td>
                      {manage && <Table.Td>{actions(person)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}

      {dialog?.kind === "add" && (
        <PersonModal
          organisations={bodies}
          defaultOrganisation={state.organisation ? Number(state.organisation) : null}
          onClose={() => setDialog(null)}
          onCreated={async (result) => {
            toast(fill(p.created, { name: result.person.fullName }));
            if (result.temporaryPassword) setDialog({ kind: "password", result });
            await refresh();
          }}
        />
      )}
      {dialog?.kind === "edit" && (
        <EditPersonModal
          person={dialog.person}
          onClose={() => setDialog(null)}
          onSaved={async (person) => {
            toast(fill(p.updated, { name: person.fullName }));
            await refresh();
          }}
        />
      )}
      {dialog?.kind === "roles" && (
        <RolesModal
          person={dialog.person}
          organisations={bodies}
          onClose={() => setDialog(null)}
          onSaved={async (person) => {
            toast(fill(p.rolesSaved, { name: person.fullName }));
            await refresh();
          }}
        />
      )}
      {dialog?.kind === "disable" && (
        <ConfirmModal
          title={fill(dialog.person.disabled ? p.enableTitle : p.disableTitle, { name: dialog.person.fullName })}
          confirmLabel={dialog.person.disabled ? p.enable : p.disable}
          color={dialog.person.disabled ? "teal" : "red"}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const person = await adminApi.setDisabled(dialog.person.id, !dialog.person.disabled);
            toast(fill(person.disabled ? p.disabledDone : p.enabledDone, { name: person.fullName }));
            await refresh();
          }}
        >
          <Text size="sm">{dialog.person.disabled ? p.enableText : p.disableText}</Text>
        </ConfirmModal>
      )}
      {dialog?.kind === "reset" && (
        <ConfirmModal
          title={fill(p.resetTitle, { name: dialog.person.fullName })}
          confirmLabel={p.resetPassword}
          color="orange"
          onClose={() => setDialog((d) => (d?.kind === "reset" ? null : d))}
          onConfirm={async () => {
            const result = await adminApi.resetPassword(dialog.person.id);
            setDialog({ kind: "password", result });
            await refresh();
          }}
        >
          <Text size="sm">{p.resetText}</Text>
        </ConfirmModal>
      )}
      {dialog?.kind === "password" && dialog.result.temporaryPassword && (
        <OneTimePasswords
          opened
          title={fill(p.tempTitle, { name: dialog.result.person.fullName })}
          credentials={[{ username: dialog.result.person.username, fullName: dialog.result.person.fullName, temporaryPassword: dialog.result.temporaryPassword }]}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

function RoleBadges({ person }: { person: Person }) {
  const { t } = useI18n();
  if (person.roles.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <>
      {person.roles.map((role) => (
        <Tag key={role.id} color={role.role === "admin" ? "red" : role.role === "coordinator" ? "violet" : "blue"}>
          {t.admin.roles[role.role]}
          {role.organisationName ? ` · ${role.organisationName}` : ""}
        </Tag>
      ))}
    </>
  );
}

function StateBadges({ person }: { person: Person }) {
  const { t, fill } = useI18n();
  const p = t.admin.people;
  const locked = person.lockedUntil && new Date(person.lockedUntil) > new Date();
  return (
    <>
      {person.disabled ? (
        <Tag nowrap color="gray" variant="filled">
          {p.disabled}
        </Tag>
      ) : (
        <Tag nowrap color="teal" variant="light">
          {p.active}
        </Tag>
      )}
      {locked && (
        <Tag nowrap color="red" variant="light">
          {fill(p.lockedUntil, { time: dateTime(person.lockedUntil) })}
        </Tag>
      )}
      {person.mustChangePassword && !person.disabled && (
        <Tag nowrap color="orange" variant="light">
          {p.mustChange}
        </Tag>
      )}
    </>
  );
}
