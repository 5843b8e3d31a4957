/** The dialogs of the bodies page: add or edit a body, close it, merge bodies. */
import { useState } from "react";
import { Alert, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { OrganisationKind } from "@domain/organisations.ts";
import { useI18n } from "../../i18n/index.tsx";
import { adminApi, type Organisation, type OrganisationInput } from "../../lib/admin-api.ts";
import { day, today } from "../../lib/format.ts";
import { DateField, dayText, dayValue, FormDialog, useSubmit } from "./common.tsx";
import { bodyOptions, kindOptions } from "./data.ts";

interface BodyFields {
  kind: OrganisationKind;
  name: string;
  nameEn: string;
  code: string;
  documentSymbol: string;
  parentId: string | null;
  validFrom: string;
  note: string;
}

const emptyFields = (parentId: number | null): BodyFields => ({
  kind: "department",
  name: "",
  nameEn: "",
  code: "",
  documentSymbol: "",
  parentId: parentId === null ? null : String(parentId),
  validFrom: "",
  note: "",
});

const fieldsOf = (org: Organisation): BodyFields => ({
  kind: org.kind,
  name: org.name,
  nameEn: org.nameEn ?? "",
  code: org.code,
  documentSymbol: org.documentSymbol,
  parentId: org.parentId === null ? null : String(org.parentId),
  validFrom: dayText(org.validFrom),
  note: org.note ?? "",
});

/** What the API takes; undefined when a typed date is not a real day (the field shows why). */
function toInput(fields: BodyFields): OrganisationInput | undefined {
  const validFrom = dayValue(fields.validFrom);
  if (validFrom === undefined) return undefined;
  return {
    kind: fields.kind,
    name: fields.name.trim(),
    nameEn: fields.nameEn.trim() || null,
    code: fields.code.trim(),
    documentSymbol: fields.documentSymbol.trim() || null,
    parentId: fields.parentId === null ? null : Number(fields.parentId),
    validFrom,
    note: fields.note.trim() || null,
  };
}

function BodyFieldsForm(props: {
  fields: BodyFields;
  onChange: (fields: BodyFields) => void;
  organisations: readonly Organisation[];
  selfId: number | null;
  submitted: boolean;
}) {
  const { t, lang } = useI18n();
  const o = t.admin.orgs;
  const { fields } = props;
  const set = (patch: Partial<BodyFields>) => props.onChange({ ...fields, ...patch });
  const parents = bodyOptions(props.organisations.filter((org) => org.id !== props.selfId));
  const required = (value: string) => (props.submitted && value.trim() === "" ? t.admin.required : undefined);
  return (
    <Stack gap="sm">
      <Select
        label={o.kind}
        data={kindOptions(lang)}
        value={fields.kind}
        onChange={(value) => value && set({ kind: value as OrganisationKind })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="field-kind"
      />
      <TextInput label={o.name} required value={fields.name} onChange={(e) => set({ name: e.currentTarget.value })} error={required(fields.name)} data-testid="field-name" />
      <TextInput label={o.nameEn} value={fields.nameEn} onChange={(e) => set({ nameEn: e.currentTarget.value })} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={o.code}
          required
          description={o.codeHint}
          value={fields.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
          error={required(fields.code)}
          data-testid="field-code"
        />
        <TextInput
          label={o.documentSymbol}
          description={o.documentSymbolHint}
          value={fields.documentSymbol}
          onChange={(e) => set({ documentSymbol: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Select
        label={o.parent}
        data={parents}
        value={fields.parentId}
        onChange={(value) => set({ parentId: value })}
        placeholder={o.noParent}
        clearable
        searchable
        comboboxProps={{ withinPortal: true }}
        data-testid="field-parent"
      />
      <DateField label={o.validFrom} description={o.validFromHint} value={fields.validFrom} onChange={(validFrom) => set({ validFrom })} w={200} />
      <Textarea label={o.note} value={fields.note} onChange={(e) => set({ note: e.currentTarget.value })} autosize minRows={2} />
    </Stack>
  );
}

export function OrganisationModal(props: {
  province: string;
  organisations: readonly Organisation[];
  editing: Organisation | null;
  onClose: () => void;
  onSaved: (org: Organisation) => Promise<void>;
}) {
  const { t, fill } = useI18n();
  const o = t.admin.orgs;
  const root = props.organisations.find((org) => org.parentId === null && org.endReason === null) ?? null;
  const [fields, setFields] = useState<BodyFields>(props.editing ? fieldsOf(props.editing) : emptyFields(root?.id ?? null));
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      setSubmitted(true);
      const input = toInput(fields);
      if (!input || !input.name || !input.code) return;
      let saved: Organisation;
      if (props.editing) {
        // Only what changed: the audit log then shows exactly that.
        const before = toInput(fieldsOf(props.editing))!;
        const patch = Object.fromEntries(
          (Object.keys(input) as (keyof OrganisationInput)[]).filter((k) => input[k] !== before[k]).map((k) => [k, input[k]]),
        );
        saved = Object.keys(patch).length > 0 ? await adminApi.updateOrganisation(props.editing.id, patch) : props.editing;
      } else {
        saved = await adminApi.createOrganisation(props.province, input);
      }
      await props.onSaved(saved);
      props.onClose();
    });
  return (
    <FormDialog
      title={props.editing ? fill(o.editTitle, { name: props.editing.name }) : o.addTitle}
      size="lg"
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      testId="organisation-form"
    >
      <BodyFieldsForm fields={fields} onChange={setFields} organisations={props.organisations} selfId={props.editing?.id ?? null} submitted={submitted} />
    </FormDialog>
  );
}

/** The last day of a body that ends (closed or merged) and a note on why. */
function EndFields(props: { lastDay: string; onLastDay: (text: string) => void; note: string; onNote: (text: string) => void }) {
  const { t } = useI18n();
  const o = t.admin.orgs;
  return (
    <>
      <DateField label={o.lastDay} description={o.lastDayHint} value={props.lastDay} onChange={props.onLastDay} w={200} />
      <Textarea label={o.note} value={props.note} onChange={(e) => props.onNote(e.currentTarget.value)} autosize minRows={2} />
    </>
  );
}

export function CloseModal(props: { org: Organisation; onClose: () => void; onDone: (org: Organisation) => Promise<void> }) {
  const { t, fill } = useI18n();
  const o = t.admin.orgs;
  const [lastDay, setLastDay] = useState(day(today()));
  const [note, setNote] = useState("");
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const last = dayValue(lastDay);
      if (last === undefined) return;
      const closed = await adminApi.closeOrganisation(props.org.id, { lastDay: last, note: note.trim() || null });
      await props.onDone(closed);
      props.onClose();
    });
  return (
    <FormDialog
      title={fill(o.closeTitle, { name: props.org.name })}
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={o.closeConfirm}
      color="red"
      submitTestId="confirm-close"
    >
      <Text size="sm">{o.closeText}</Text>
      <EndFields lastDay={lastDay} onLastDay={setLastDay} note={note} onNote={setNote} />
    </FormDialog>
  );
}

export function MergeModal(props: {
  province: string;
  organisations: readonly Organisation[];
  source: Organisation | null;
  onClose: () => void;
  onDone: (target: Organisation) => Promise<void>;
}) {
  const { t } = useI18n();
  const o = t.admin.orgs;
  const root = props.organisations.find((org) => org.parentId === null && org.endReason === null) ?? null;
  const [sources, setSources] = useState<string[]>(props.source ? [String(props.source.id)] : []);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [target, setTarget] = useState<string | null>(null);
  const [fields, setFields] = useState<BodyFields>(emptyFields(root?.id ?? null));
  const [lastDay, setLastDay] = useState(day(today()));
  const [note, setNote] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const candidates = bodyOptions(props.organisations.filter((org) => org.parentId !== null));
  const targets = bodyOptions(props.organisations).filter((option) => !sources.includes(option.value));

  const submit = () =>
    run(async () => {
      setSubmitted(true);
      const last = dayValue(lastDay);
      if (last === undefined || sources.length === 0) return;
      let into: { id: number } | { create: OrganisationInput };
      if (mode === "existing") {
        if (!target) return;
        into = { id: Number(target) };
      } else {
        const create = toInput(fields);
        if (!create || !create.name || !create.code) return;
        into = { create };
      }
      const result = await adminApi.mergeOrganisations(props.province, {
        sourceIds: sources.map(Number),
        into,
        lastDay: last,
        note: note.trim() || null,
      });
      await props.onDone(result.target);
      props.onClose();
    });

  return (
    <FormDialog
      title={o.mergeTitle}
      size="lg"
      onClose={props.onClose}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      submitLabel={o.mergeConfirm}
      color="orange"
      testId="merge-form"
      submitTestId="confirm-merge"
    >
      <Alert variant="light" color="blue">
        {o.mergeExplain}
      </Alert>
      <MultiSelect
        label={o.mergeSources}
        data={candidates}
        value={sources}
        onChange={setSources}
        searchable
        required
        error={submitted && sources.length === 0 ? t.admin.required : undefined}
        comboboxProps={{ withinPortal: true }}
        data-testid="merge-sources"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {o.mergeInto}
        </Text>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value === "new" ? "new" : "existing")}
          data={[
            { value: "existing", label: o.intoExisting },
            { value: "new", label: o.intoNew },
          ]}
        />
      </Stack>
      {mode === "existing" ? (
        <Select
          label={o.target}
          data={targets}
          value={target}
          onChange={setTarget}
          searchable
          required
          error={submitted && !target ? t.admin.required : undefined}
          comboboxProps={{ withinPortal: true }}
          data-testid="merge-target"
        />
      ) : (
        <Stack gap="xs">
          {sources.length < 2 && (
            <Text size="sm" c="orange.8">
              {o.mergeNeedTwo}
            </Text>
          )}
          <BodyFieldsForm fields={fields} onChange={setFields} organisations={props.organisations} selfId={null} submitted={submitted} />
        </Stack>
      )}
      <EndFields lastDay={lastDay} onLastDay={setLastDay} note={note} onNote={setNote} />
    </FormDialog>
  );
}
