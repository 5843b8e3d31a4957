/**
 * Directory files: bodies or people from an .xlsx/.csv laid out like the template. A dry run first (every
 * row error, or what would be created and updated), then "Nhập"; new people's temporary passwords once.
 */
import { useState } from "react";
import { Alert, Button, FileInput, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.tsx";
import { ApiError } from "../../lib/api.ts";
import { adminApi, directoryTemplateUrl, type DirectoryKind, type DirectoryResult, type DirectoryRowError } from "../../lib/admin-api.ts";
import { ADMIN_KEY, useSession } from "../../lib/session.tsx";
import { useAdminContext } from "./AdminRoutes.tsx";
import { ErrorMessage, OneTimePasswords, PageTitle, Tag, useSubmit } from "./common.tsx";

type Outcome = { kind: "checked" | "done"; result: DirectoryResult } | { kind: "invalid"; message: string; errors: DirectoryRowError[] } | null;

function rowErrors(error: unknown): DirectoryRowError[] | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const errors = (error.details as { errors?: DirectoryRowError[] } | undefined)?.errors;
  return Array.isArray(errors) ? errors : null;
}

/** The message without its "Dòng 3, cột «Mã»: " lead, which the row and column cells already show. */
function withoutPlace(error: DirectoryRowError): string {
  const leads = [
    [error.row !== undefined ? `Dòng ${error.row}` : null, error.column !== undefined ? `cột «${error.column}»` : null],
    [error.row !== undefined ? `Row ${error.row}` : null, error.column !== undefined ? `column "${error.column}"` : null],
  ].map((parts) => `${parts.filter(Boolean).join(", ")}: `);
  const lead = leads.find((l) => l !== ": " && error.message.startsWith(l));
  const rest = lead ? error.message.slice(lead.length) : error.message;
  return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
}

export function ImportPage() {
  const { t, fill } = useI18n();
  const m = t.admin.import;
  const { can } = useSession();
  const { province } = useAdminContext();
  const kinds: DirectoryKind[] = [...(can("organisations.manage") ? (["organisations"] as const) : []), ...(can("users.manage") ? (["people"] as const) : [])];
  const [kind, setKind] = useState<DirectoryKind>(kinds[0] ?? "organisations");
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [showPasswords, setShowPasswords] = useState(false);
  const { busy, error, run } = useSubmit();
  const queryClient = useQueryClient();

  const send = (dryRun: boolean) =>
    run(async () => {
      if (!file || !province) return;
      try {
        const result = await adminApi.importDirectory(province.province.key, kind, file, dryRun);
        setOutcome({ kind: dryRun ? "checked" : "done", result });
        if (!dryRun) {
          setShowPasswords(result.credentials.length > 0);
          await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
        }
      } catch (e) {
        const errors = rowErrors(e);
        if (!errors) {
          setOutcome(null);
          // A server without the directory import yet answers 404: say so plainly.
          if (e instanceof ApiError && e.status === 404 && e.code === "not-found") throw new Error(fill(m.unavailable, { message: e.message }));
          throw e;
        }
        setOutcome({ kind: "invalid", message: (e as Error).message, errors });
      }
    });
  const reset = () => {
    setFile(null);
    setOutcome(null);
  };

  return (
    <Stack gap="md">
      <PageTitle>{t.admin.sections.import}</PageTitle>
      <Text size="sm" c="dimmed" maw={760}>
        {m.intro}
      </Text>
      <Paper withBorder radius="md" p="md">
        <Stack gap="lg">
          <Stack gap={6}>
            <Text fw={600}>{m.step1}</Text>
            <Group gap="md" wrap="wrap" align="center">
              <SegmentedControl
                value={kind}
                onChange={(value) => {
                  setKind(value === "people" ? "people" : "organisations");
                  setOutcome(null);
                }}
                data={kinds.map((k) => ({ value: k, label: m.kinds[k] }))}
                aria-label={m.kind}
                data-testid="import-kind"
              />
              <Button component="a" href={directoryTemplateUrl(kind)} download variant="light" data-testid="template-link">
                {fill(m.template, { kind: m.kinds[kind] })}
              </Button>
            </Group>
          </Stack>
          <Stack gap={6}>
            <Text fw={600}>{m.step2}</Text>
            <FileInput
              aria-label={m.file}
              placeholder={m.filePlaceholder}
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              value={file}
              onChange={(value) => {
                setFile(value);
                setOutcome(null);
              }}
              clearable
              maw={420}
              data-testid="import-file"
            />
          </Stack>
          <Stack gap={6}>
            <Text fw={600}>{m.step3}</Text>
            <Group gap="sm">
              <Button onClick={() => void send(true)} disabled={!file || outcome?.kind === "done"} loading={busy && outcome?.kind !== "checked"} variant="default" data-testid="import-check">
                {m.check}
              </Button>
              <Button onClick={() => void send(false)} disabled={outcome?.kind !== "checked"} loading={busy && outcome?.kind === "checked"} data-testid="import-commit">
                {m.commit}
              </Button>
              {outcome?.kind === "done" && (
                <Button variant="subtle" onClick={reset}>
                  {m.again}
                </Button>
              )}
            </Group>
          </Stack>
        </Stack>
      </Paper>
      <ErrorMessage error={error} />
      {outcome?.kind === "invalid" && (
        <Alert color="red" variant="light" title={fill(m.errorsTitle, { n: outcome.errors.length })} data-testid="import-errors">
          <Stack gap="sm">
            <Text size="sm">{outcome.message}</Text>
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={4} striped withTableBorder bg="white">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{m.row}</Table.Th>
                    <Table.Th>{m.column}</Table.Th>
                    <Table.Th>{m.value}</Table.Th>
                    <Table.Th>{m.message}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {outcome.errors.map((e, i) => (
                    <Table.Tr key={i} data-testid="import-error-row">
                      <Table.Td>{e.row ?? "—"}</Table.Td>
                      <Table.Td>{e.column ?? "—"}</Table.Td>
                      <Table.Td ff="monospace">{e.value || "—"}</Table.Td>
                      <Table.Td>{withoutPlace(e)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Alert>
      )}
      {(outcome?.kind === "checked" || outcome?.kind === "done") && <ResultView outcome={outcome} />}
      {outcome?.kind === "done" && outcome.result.credentials.length > 0 && (
        <OneTimePasswords opened={showPasswords} title={m.credentialsTitle} credentials={outcome.result.credentials} onClose={() => setShowPasswords(false)} />
      )}
    </Stack>
  );
}

function ResultView({ outcome }: { outcome: { kind: "checked" | "done"; result: DirectoryResult } }) {
  const { t, fill } = useI18n();
  const m = t.admin.import;
  const r = outcome.result;
  const counts = { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged };
  const color = { create: "teal", update: "blue", unchanged: "gray" } as const;
  return (
    <Paper withBorder radius="md" p="md" data-testid={outcome.kind === "done" ? "import-done" : "import-preview"}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {fill(outcome.kind === "done" ? m.doneTitle : m.previewTitle, counts)}
        </Title>
        <Text size="sm">{fill(outcome.kind === "done" ? m.doneText : m.previewText, counts)}</Text>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{m.row}</Table.Th>
                <Table.Th>{m.action}</Table.Th>
                <Table.Th>{m.identifier}</Table.Th>
                <Table.Th>{m.name}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((item) => (
                <Table.Tr key={item.row}>
                  <Table.Td>{item.row}</Table.Td>
                  <Table.Td>
                    <Tag color={color[item.action]}>{m.actions[item.action]}</Tag>
                  </Table.Td>
                  <Table.Td ff="monospace">{item.key}</Table.Td>
                  <Table.Td>{item.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
