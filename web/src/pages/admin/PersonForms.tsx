/** The dialogs of the people page: add a person, edit their details, set their roles. */
import { useState } from "react";
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { ROLES, type Role } from "@domain/access.ts";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type Organisation, type Person, type PersonWithPassword, type RoleInput } from "../../lib/admin-api.ts";
import { useSession } from "../../lib/session.tsx";
import { FormDialog, useSubmit } from "./common.tsx";
import { bodyOptions } from "./data.ts";

interface RoleRow {
  role: Role | null;
  organisationId: string | null;
}

/** Role + body pickers, one line per role; the administrator role has no body. */
function RolesEditor(props: { rows: RoleRow[]; onChange: (rows: RoleRow[]) => void; organisations: readonly Organisation[]; known: Person["roles"] }) {
  const { t } = useI18n();
  const p = t.admin.people;
  const { can } = useSession();
  const roles = ROLES.filter((role) => role !== "admin" || can("users.grant-admin")).map((role) => ({ value: role, label: t.admin.roles[role] }));
  // A role already held in a body of another province stays pickable (an administrator's scope is wider).
  const extra = props.known.flatMap((r) => (r.organisationId === null ? [] : [{ value: String(r.organisationId), label: `${r.organisationName ?? ""} (${r.organisationCode ?? ""})` }]));
  const bodies = bodyOptions(props.organisations, extra);
  const set = (index: number, patch: Partial<RoleRow>) => props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack gap="xs" data-testid="roles-editor">
      <Text size="sm" fw={500}>
        {p.roles}
      </Text>
      {props.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {p.noRoles}
        </Text>
      )}
      {props.rows.map((row, index) => (
        <Group key={index} gap="xs" wrap="nowrap">
          <Select
            aria-label={p.role}
            data={roles}
            value={row.role}
            onChange={(value) => set(index, { role: value as Role | null, organisationId: value === "admin" ? null : row.organisationId })}
            w={220}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="role-select"
          />
          <Select
            aria-label={p.organisation}
            data={bodies}
            value={row.organisationId}
            onChange={(value) => set(index, { organisationId: value })}
            disabled={row.role === "admin"}
            placeholder={row.role === "admin" ? p.systemWide : p.organisation}
            searchable
            style={{ flex: 1 }}
            comboboxProps={{ withinPortal: true }}
            data-testid="role-organisation"
          />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={p.removeRole} onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}>
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-sm" variant="light" onClick={() => props.onChange([...props.rows, { role: "officer", organisationId: null }])} data-testid="add-role">
          + {p.addRole}
        </Button>
      </Group>
    </Stack>
  );
}

const rowsOf = (person: Person | null): RoleRow[] =>
  person ? person.roles.map((r) => ({ role: r.role, organisationId: r.organisationId === null ? null : String(r.organisationId) })) : [];

function toRoles(rows: RoleRow[]): RoleInput[] {
  return rows.flatMap((row) => (row.role ? [{ role: row.role, organisationId: row.organisationId === null ? null : Number(row.organisationId) }] : []));
}

interface Details {
  username: string;
  fullName: string;
  email: string;
  jobTitle: string;
  phone: string;
}

function DetailsForm(props: { details: Details; onChange: (d: Details) => void; withUsername: boolean; submitted: boolean }) {
  const { t } = useI18n();
  const p = t.admin.people;
  const d = props.details;
  const set = (patch: Partial<Details>) => props.onChange({ ...d, ...patch });
  const required = (value: string) => (props.submitted && value.trim() === "" ? t.admin.required : undefined);
  return (
    <Stack gap="sm">
      {props.withUsername && (
        <TextInput
          label={p.username}
          description={p.usernameHint}
          required
          value={d.username}
          onChange={(e) => set({ username: e.currentTarget.value })}
          error={required(d.username)}
          autoComplete="off"
          data-testid="field-username"
        />
      )}
      <TextInput label={p.fullName} required value={d.fullName} onChange={(e) => set({ fullName: e.currentTarget.value })} error={required(d.fullName)} data-testid="field-fullname" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={p.email} type="email" value={d.email} onChange={(e) => set({ email: e.currentTarget.value })} data-testid="field-email" />
        <TextInput label={p.phone} value={d.phone} onChange={(e) => set({ phone: e.currentTarget.value })} />
      </SimpleGrid>
      <TextInput label={p.jobTitle} value={d.jobTitle} onChange={(e) => set({ jobTitle: e.currentTarget.value })} data-testid="field-jobtitle" />
    </Stack>
  );
}

export function PersonModal(props: {
  organisations: readonly Organisation[];
  defaultOrganisation: number | null;
  onClose: () => void;
  onCreated: (result: PersonWithPassword) => Promise<void>;
}) {
  const { t } = useI18n();
  const p = t.admin.people;
  const [details, setDetails] = useState<Details>({ username: "", fullName: "", email: "", jobTitle: "", phone: "" });
  const [rows, setRows] = useState<RoleRow[]>([{ role: "officer", organisationId: props.defaultOrganisation === null ? null : String(props.defaultOrganisation) }]);
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setSubmitted(true);
      if (!details.username.trim() || !details.fullName.trim()) return;
      const result = await adminApi.createPerson({
        username: details.username.trim(),
        fullName: details.fullName.trim(),
        email: details.email.trim() || null,
        jobTitle: details.jobTitle.trim() || null,
        phone: details.phone.trim() || null,
        roles: toRoles(rows),
      });
      props.onClose();
      await props.onCreated(result);
    });
  return (
    <FormDialog title={p.addTitle} size="lg" onClose={props.onClose} onSubmit={() => void submit()} busy={busy} error={error} testId="person-form">
      <DetailsForm details={details} onChange={setDetails} withUsername submitted={submitted} />
      <RolesEditor rows={rows} onChange={setRows} organisations={props.organisations} known={[]} />
      <Text size="xs" c="dimmed">
        {p.passwordNote}
      </Text>
    </FormDialog>
  );
}

export function EditPersonModal(props: { person: Person; onClose: () => void; onSaved: (person: Person) => Promise<void> }) {
  const { t, fill } = useI18n();
  const p = t.admin.people;
  const original: Details = {
    username: props.person.username,
    fullName: props.person.fullName,
    email: props.person.email ?? "",
    jobTitle: props.person.jobTitle ?? "",
    phone: props.person.phone ?? "",
  };
  const [details, setDetails] = useState<Details>(original);
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setSubmitted(true);
      if (!details.fullName.trim()) return;
      const patch: Record<string, string | null> = {};
      for (const key of ["fullName", "email", "jobTitle", "phone"] as const) {
        const value = details[key].trim();
        if (value !== original[key]) patch[key] = key === "fullName" ? value : value || null;
      }
      const saved = Object.keys(patch).length > 0 ? await adminApi.updatePerson(props.person.id, patch) : props.person;
      await props.onSaved(saved);
      props.onClose();
    });
  return (
    <FormDialog title={fill(p.editTitle, { name: props.person.fullName })} size="lg" onClose={props.onClose} onSubmit={() => void submit()} busy={busy} error={error}>
      <Text size="sm" c="dimmed">
        {p.username}: <b>{props.person.username}</b>
      </Text>
      <DetailsForm details={details} onChange={setDetails} withUsername={false} submitted={submitted} />
    </FormDialog>
  );
}

export function RolesModal(props: { person: Person; organisations: readonly Organisation[]; onClose: () => void; onSaved: (person: Person) => Promise<void> }) {
  const { t, fill } = useI18n();
  const p = t.admin.people;
  const [rows, setRows] = useState<RoleRow[]>(rowsOf(props.person));
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const saved = await adminApi.setRoles(props.person.id, toRoles(rows));
      await props.onSaved(saved);
      props.onClose();
    });
  return (
    <FormDialog
      title={fill(p.rolesTitle, { name: props.person.fullName })}
      size="lg"
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitTestId="save-roles"
    >
      <RolesEditor rows={rows} onChange={setRows} organisations={props.organisations} known={props.person.roles} />
    </FormDialog>
  );
}
