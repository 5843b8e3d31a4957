/** Pieces the administration pages share: dates typed dd/mm/yyyy, errors, confirmations, one-time passwords. */
import { useState, type ReactNode } from "react";
import { Alert, Badge, Button, CopyButton, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Title, type TextInputProps } from "@mantine/core";
import { useI18n } from "../../i18n/index.tsx";
import { day, parseDay } from "../../lib/format.ts";
import { useSession } from "../../lib/session.tsx";

/**
 * A day typed as dd/mm/yyyy (what every Vietnamese form uses, whatever the browser's language), kept as
 * the text typed; `dayValue` turns it into yyyy-mm-dd for the API.
 */
export function DateField(props: Omit<TextInputProps, "onChange" | "value"> & { value: string; onChange: (text: string) => void }) {
  const { t } = useI18n();
  const { value, onChange, ...rest } = props;
  const invalid = value.trim() !== "" && parseDay(value) === null;
  return (
    <TextInput
      placeholder={t.admin.datePlaceholder}
      inputMode="numeric"
      autoComplete="off"
      {...rest}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={invalid ? t.admin.dateInvalid : rest.error}
    />
  );
}

/** The typed day for the API: null when empty, undefined when it is not a valid day. */
export function dayValue(text: string): string | null | undefined {
  if (text.trim() === "") return null;
  return parseDay(text) ?? undefined;
}

export const dayText = (iso: string | null | undefined) => (iso ? day(iso) : "");

/** The server's message, already in the user's language. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" role="alert" data-testid="form-error">
      {message}
    </Alert>
  );
}

export function NoPermission() {
  const { t, fill } = useI18n();
  const { session } = useSession();
  const roles = [...new Set(session?.user?.roles.map((r) => t.admin.roles[r.role]) ?? [])].join(", ") || "—";
  return (
    <Alert color="orange" variant="light" title={t.admin.noPermissionTitle} data-testid="no-permission">
      {fill(t.admin.noPermissionText, { roles })}
    </Alert>
  );
}

/**
 * A dialog with a form: its fields, the server's error if the last try failed, Cancel and the action
 * (Enter submits). Every add / edit / close / merge / confirm dialog is one of these.
 */
export function FormDialog(props: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  busy: boolean;
  error: unknown;
  submitLabel?: string;
  color?: string;
  size?: string;
  testId?: string;
  submitTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={props.onClose} title={<Text fw={700}>{props.title}</Text>} size={props.size} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
        data-testid={props.testId}
      >
        <Stack>
          {props.children}
          <ErrorMessage error={props.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t.admin.cancel}
            </Button>
            <Button type="submit" color={props.color} loading={props.busy} data-testid={props.submitTestId}>
              {props.submitLabel ?? t.admin.save}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Are you sure?" with the consequence spelled out; the action's error stays in the dialog. */
export function ConfirmModal(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  onClose: () => void;
  onConfirm: () => Promise<unknown>;
}) {
  const { busy, error, run } = useSubmit();
  return (
    <FormDialog
      title={props.title}
      onClose={props.onClose}
      busy={busy}
      error={error}
      submitLabel={props.confirmLabel}
      color={props.color ?? "red"}
      submitTestId="confirm"
      onSubmit={() =>
        void run(async () => {
          await props.onConfirm();
          props.onClose();
        })
      }
    >
      {props.children}
    </FormDialog>
  );
}

/** For an administrator: the chosen province only, or the whole system (kept in the URL as scope=all). */
export function ScopeSwitch(props: { provinceName: string; all: boolean; onChange: (all: boolean) => void }) {
  const { t } = useI18n();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t.admin.scope}
      </Text>
      <SegmentedControl
        value={props.all ? "all" : "province"}
        onChange={(value) => props.onChange(value === "all")}
        data={[
          { value: "province", label: props.provinceName },
          { value: "all", label: t.admin.scopeAll },
        ]}
        data-testid="scope-switch"
      />
    </Stack>
  );
}

export function CopyText({ value, label }: { value: string; label?: string }) {
  const { t } = useI18n();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-sm" variant={copied ? "filled" : "light"} color={copied ? "teal" : "blue"} onClick={copy}>
          {copied ? t.admin.copied : (label ?? t.admin.copy)}
        </Button>
      )}
    </CopyButton>
  );
}

/** Temporary passwords, shown once: copy, print, and a warning that they will not be shown again. */
export function OneTimePasswords(props: {
  opened: boolean;
  title: string;
  credentials: { username: string; fullName: string; temporaryPassword: string }[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const p = t.admin.people;
  const all = props.credentials.map((c) => `${c.fullName}\t${c.username}\t${c.temporaryPassword}`).join("\n");
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={<Text fw={700}>{props.title}</Text>}
      centered
      size={props.credentials.length > 1 ? "xl" : "md"}
      closeOnClickOutside={false}
    >
      <Stack data-testid="one-time-passwords">
        {/* Printed, the page shows only this list (and no buttons). */}
        <style>{`@media print {
  body * { visibility: hidden; }
  [data-testid=one-time-passwords], [data-testid=one-time-passwords] * { visibility: visible; }
  [data-testid=one-time-passwords] { position: fixed; inset: 0; padding: 24px; background: white; }
  [data-testid=one-time-passwords] button { display: none; }
}`}</style>
        <Alert color="orange" variant="light" title={p.onceTitle}>
          {p.tempWarning}
        </Alert>
        {props.credentials.length === 1 ? (
          <Stack gap={4}>
            <Text size="sm">
              {p.username}: <b>{props.credentials[0]!.username}</b>
            </Text>
            <Group gap="sm" wrap="nowrap">
              <Text ff="monospace" fz="xl" fw={700} data-testid="temporary-password" style={{ letterSpacing: 1, wordBreak: "break-all" }}>
                {props.credentials[0]!.temporaryPassword}
              </Text>
              <CopyText value={props.credentials[0]!.temporaryPassword} />
            </Group>
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{p.fullName}</Table.Th>
                  <Table.Th>{p.username}</Table.Th>
                  <Table.Th>{p.temporaryPassword}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {props.credentials.map((c) => (
                  <Table.Tr key={c.username}>
                    <Table.Td>{c.fullName}</Table.Td>
                    <Table.Td>{c.username}</Table.Td>
                    <Table.Td ff="monospace" data-testid="temporary-password">
                      {c.temporaryPassword}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="space-between">
          <Group gap="xs">
            {props.credentials.length > 1 && <CopyText value={all} label={t.admin.import.copyAll} />}
            <Button size="compact-sm" variant="light" onClick={() => window.print()}>
              {t.admin.print}
            </Button>
          </Group>
          <Button onClick={props.onClose}>{p.tempDone}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function PageTitle({ children, right }: { children: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" align="center" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {children}
      </Title>
      {right}
    </Group>
  );
}

/** A form's submit: busy while it runs, the server's error kept to show. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** A label in a table cell: never cut to "Đang hoạ…", wraps instead. */
export function Tag({ color, variant = "light", nowrap = false, children }: { color: string; variant?: "light" | "filled"; nowrap?: boolean; children: ReactNode }) {
  return (
    <Badge
      color={color}
      variant={variant}
      tt="none"
      radius="sm"
      h="auto"
      py={3}
      fw={600}
      styles={{ label: { whiteSpace: nowrap ? "nowrap" : "normal", overflow: "visible", lineHeight: 1.35, textAlign: "left" } }}
    >
      {children}
    </Badge>
  );
}

/** One filter of a list: a searchable choice that can be cleared ("all"), its value in the URL. */
export function FilterSelect(props: {
  label: string;
  placeholder: string;
  data: { value: string; label: string }[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  disabled?: boolean;
  width: number;
  testId: string;
}) {
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      data={props.data}
      value={props.disabled ? null : (props.value ?? null)}
      onChange={(value) => props.onChange(value ?? undefined)}
      disabled={props.disabled}
      clearable
      searchable
      w={{ base: "100%", sm: props.width }}
      comboboxProps={{ withinPortal: true }}
      data-testid={props.testId}
    />
  );
}
