/**
 * A plan as a document: its head as the document prints it (issuing body and number, place and date, the
 * title, the signer), where it stands (province, issuing agency, the plan it carries out), its sections
 * (context, purpose and requirements, implementation) edited in place while it is a draft, and its life:
 * issued with a number and a date, superseded, or a draft deleted.
 */
import { useState } from "react";
import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { useToast } from "../../components/Toast.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type Plan, type PlanDetail, type PlanPatch } from "../../lib/admin-api.ts";
import { day, documentDate, today } from "../../lib/format.ts";
import { ConfirmModal, DateField, dayText, dayValue, ErrorMessage, FormDialog, useSubmit } from "./common.tsx";
import { planKey, plansKey } from "./data.ts";

const planLink = (id: number, provinceKey: string | undefined) => `/admin/plans/${id}${provinceKey ? `?province=${provinceKey}` : ""}`;

/** The head of the document: issuing body and number on the left, place and date on the right, the title, the signer. */
export function DocumentHeader({ plan }: { plan: Plan }) {
  const { t, lang, fill } = useI18n();
  const p = t.admin.plans;
  const signer = [plan.signerAuthority, plan.signerTitle].filter(Boolean);
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} data-testid="plan-header">
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Stack gap={2} align="center" ta="center">
            {plan.parentBody && (
              <Text size="sm" tt="uppercase">
                {plan.parentBody}
              </Text>
            )}
            <Text size="sm" fw={700} tt="uppercase" data-testid="issuing-body">
              {plan.issuingBody}
            </Text>
            <div style={{ width: 80, borderTop: "1px solid var(--mantine-color-dark-3)", margin: "2px 0 4px" }} />
            <Text size="sm" data-testid="plan-number">
              {fill(p.numberLabel, { number: plan.number ?? p.noNumber })}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <Stack gap={2} align="center" justify="flex-end" h="100%">
            {(plan.place || plan.issuedOn) && (
              <Text size="sm" fs="italic" data-testid="place-date">
                {documentDate(plan.place, plan.issuedOn, lang)}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack gap={4} align="center" ta="center" mt="lg" mb="md">
        <Title order={2} size="h4" fw={800} style={{ letterSpacing: 1 }}>
          {p.documentType}
        </Title>
        <Text fw={600} maw={720} data-testid="plan-summary">
          {plan.summary}
        </Text>
        <Text size="xs" c="dimmed">
          {fill(p.planYearBaseline, { year: plan.year, baseline: plan.baselineYear })}
        </Text>
      </Stack>
      {(signer.length > 0 || plan.signerName) && (
        <Group justify="flex-end">
          <Stack gap={2} align="center" ta="center" miw={220} data-testid="signer">
            {signer.map((line) => (
              <Text key={line} size="sm" fw={700} tt="uppercase">
                {line}
              </Text>
            ))}
            {plan.signerName && (
              <Text size="sm" fw={700} mt={signer.length > 0 ? 28 : 0}>
                {plan.signerName}
              </Text>
            )}
          </Stack>
        </Group>
      )}
    </Paper>
  );
}

/** Where the plan stands: «Lào Cai · Sở Tài chính · Triển khai Kế hoạch 170/KH-UBND». */
export function PlanContext({ detail }: { detail: PlanDetail }) {
  const { t, fill } = useI18n();
  const p = t.admin.plans;
  const { province, organisation, parent } = detail;
  return (
    <Group gap={6} wrap="wrap" data-testid="plan-context">
      <Text size="sm" c="dimmed" data-testid="plan-province">
        {province.name}
      </Text>
      {organisation && (
        <>
          <Text size="sm" c="dimmed">
            ·
          </Text>
          <Text size="sm" fw={600} data-testid="plan-organisation">
            {fill(p.agencyPlan, { name: organisation.name })}
          </Text>
        </>
      )}
      {parent && (
        <>
          <Text size="sm" c="dimmed">
            ·
          </Text>
          <Text size="sm">
            {p.carriesOut}{" "}
            <Anchor component={Link} to={planLink(parent.id, province.key)} fw={600} data-testid="parent-plan">
              {fill(p.titleOf, { number: parent.number ?? p.noNumber })}
            </Anchor>
          </Text>
        </>
      )}
    </Group>
  );
}

/** Ban hành (a draft, for whoever may issue it), Thay thế (an issued plan), Xoá dự thảo (a draft). */
export function PlanActions({ detail, back }: { detail: PlanDetail; back: string }) {
  const { t, fill } = useI18n();
  const l = t.admin.plans.lifecycle;
  const { plan, can } = detail;
  const name = plan.number ?? plan.summary;
  const [open, setOpen] = useState<"issue" | "supersede" | "remove" | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
    await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
    // A sub-plan's life shows on its parent's tracking tab and on the agency's own page.
    if (plan.parentPlanId !== null) await queryClient.invalidateQueries({ queryKey: planKey(plan.parentPlanId) });
  };
  const draft = plan.status === "draft";
  const buttons = [
    draft && can.issue && (
      <Button key="issue" color="teal" onClick={() => setOpen("issue")} data-testid="issue-plan">
        {l.issue}
      </Button>
    ),
    can.supersede && (
      <Button key="supersede" variant="default" onClick={() => setOpen("supersede")} data-testid="supersede-plan">
        {l.supersede}
      </Button>
    ),
    draft && can.edit && (
      <Button key="remove" variant="light" color="red" onClick={() => setOpen("remove")} data-testid="delete-plan">
        {l.remove}
      </Button>
    ),
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  return (
    <Group gap="xs">
      {buttons}
      {open === "issue" && (
        <IssueModal
          plan={plan}
          onClose={() => setOpen(null)}
          onIssued={async (issued) => {
            toast(fill(l.issued, { number: issued.number ?? "" }));
            await refresh();
          }}
        />
      )}
      {open === "supersede" && (
        <ConfirmModal
          title={fill(l.supersedeTitle, { name })}
          confirmLabel={l.supersede}
          color="orange"
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            await planApi.supersede(plan.id);
            toast(fill(l.superseded, { name }));
            await refresh();
          }}
        >
          <Text size="sm">{l.supersedeText}</Text>
        </ConfirmModal>
      )}
      {open === "remove" && (
        <ConfirmModal
          title={fill(l.removeTitle, { name })}
          confirmLabel={l.remove}
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            await planApi.remove(plan.id);
            toast(fill(l.removed, { name }));
            queryClient.removeQueries({ queryKey: planKey(plan.id) });
            await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
            if (plan.parentPlanId !== null) await queryClient.invalidateQueries({ queryKey: planKey(plan.parentPlanId) });
            navigate(back);
          }}
        >
          <Text size="sm">{l.removeText}</Text>
        </ConfirmModal>
      )}
    </Group>
  );
}

/** Issuing asks what the document needs: its number and date (and the signer, as it will print). */
function IssueModal(props: { plan: Plan; onClose: () => void; onIssued: (plan: Plan) => Promise<void> }) {
  const { t } = useI18n();
  const p = t.admin.plans;
  const l = p.lifecycle;
  const { plan } = props;
  const [fields, setFields] = useState({
    number: plan.number ?? "",
    issuedOn: dayText(plan.issuedOn ?? today()),
    signerAuthority: plan.signerAuthority ?? "",
    signerTitle: plan.signerTitle ?? "",
    signerName: plan.signerName ?? "",
  });
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const issuedOn = dayValue(fields.issuedOn);
  const required = (value: string) => (submitted && value.trim() === "" ? t.admin.required : undefined);
  const submit = () =>
    run(async () => {
      setSubmitted(true);
      if (!fields.number.trim() || !issuedOn) return;
      const text = (value: string) => value.trim() || null;
      const issued = await planApi.issue(plan.id, {
        number: fields.number.trim(),
        issuedOn,
        signerAuthority: text(fields.signerAuthority),
        signerTitle: text(fields.signerTitle),
        signerName: text(fields.signerName),
      });
      await props.onIssued(issued);
      props.onClose();
    });
  return (
    <FormDialog title={l.issueTitle} size="lg" onClose={props.onClose} onSubmit={() => void submit()} busy={busy} error={error} submitLabel={l.issue} color="teal" testId="issue-form" submitTestId="confirm-issue">
      <Text size="sm">{l.issueText}</Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label={p.number} required placeholder={p.numberExample} value={fields.number} onChange={(e) => set({ number: e.currentTarget.value })} error={required(fields.number)} data-testid="issue-number" />
        <DateField label={p.issuedOn} required value={fields.issuedOn} onChange={(value) => set({ issuedOn: value })} error={submitted && issuedOn === null ? t.admin.required : undefined} data-testid="issue-date" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={p.signerAuthority} placeholder={p.signerAuthorityPlaceholder} value={fields.signerAuthority} onChange={(e) => set({ signerAuthority: e.currentTarget.value })} />
        <TextInput label={p.signerTitle} placeholder={p.signerTitlePlaceholder} value={fields.signerTitle} onChange={(e) => set({ signerTitle: e.currentTarget.value })} />
        <TextInput label={p.signerName} value={fields.signerName} onChange={(e) => set({ signerName: e.currentTarget.value })} data-testid="issue-signer" />
      </SimpleGrid>
    </FormDialog>
  );
}

type SectionKey = "context" | "objectives" | "requirements" | "implementation";
const SECTIONS: SectionKey[] = ["context", "objectives", "requirements", "implementation"];

/** The document's sections as they read; a draft's editor opens them, and its identity, in place. */
export function DocumentTab({ detail }: { detail: PlanDetail }) {
  const { t } = useI18n();
  const d = t.admin.plans.doc;
  const { plan, can } = detail;
  const editable = plan.status === "draft" && can.edit;
  const [editing, setEditing] = useState(false);
  if (editing && editable) return <DocumentForm detail={detail} onDone={() => setEditing(false)} />;
  const provincePlan = plan.organisationId === null;
  const deadline = plan.subPlanDeadline ?? detail.parent?.subPlanDeadline ?? null;
  return (
    <Stack gap="md" data-testid="plan-document">
      {editable && (
        <Group>
          <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-document">
            {d.edit}
          </Button>
        </Group>
      )}
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
          <Field label={t.admin.plans.issuingBody} value={plan.issuingBody} />
          <Field label={d.parentBody} value={plan.parentBody} />
          <Field label={t.admin.plans.number} value={plan.number} />
          <Field label={t.admin.plans.issuedOn} value={plan.issuedOn ? day(plan.issuedOn) : null} />
          <Field label={t.admin.plans.place} value={plan.place} />
          <Field label={d.signer} value={[plan.signerAuthority, plan.signerTitle, plan.signerName].filter(Boolean).join(" · ") || null} />
          {(provincePlan || deadline) && <Field label={d.subPlanDeadline} value={deadline ? day(deadline) : null} testId="document-sub-plan-deadline" />}
        </SimpleGrid>
      </Paper>
      {SECTIONS.map((key) => (
        <Paper key={key} withBorder radius="md" p="md" data-testid={`section-${key}`}>
          <Text fw={700} size="sm" mb={6}>
            {d[key]}
          </Text>
          {plan[key] ? (
            <Text size="sm" lh={1.6} style={{ whiteSpace: "pre-wrap" }}>
              {plan[key]}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {d.empty}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}

function Field({ label, value, testId }: { label: string; value: string | null; testId?: string }) {
  const { t } = useI18n();
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" c={value ? undefined : "dimmed"} data-testid={testId}>
        {value ?? t.admin.plans.doc.notSet}
      </Text>
    </Stack>
  );
}

const TEXT_FIELDS = ["number", "place", "issuingBody", "parentBody", "summary", "signerAuthority", "signerTitle", "signerName", "context", "objectives", "requirements", "implementation"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Fields = Record<TextField | "issuedOn" | "subPlanDeadline" | "year" | "baselineYear", string>;

const validYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= 2000 && Number(text) <= 2100;

/** The draft's identity and sections in one form; only what changed is sent (PATCH /plans/{id}). */
function DocumentForm({ detail, onDone }: { detail: PlanDetail; onDone: () => void }) {
  const { t } = useI18n();
  const p = t.admin.plans;
  const d = p.doc;
  const { plan } = detail;
  const initial: Fields = {
    ...(Object.fromEntries(TEXT_FIELDS.map((key) => [key, plan[key] ?? ""])) as Record<TextField, string>),
    issuedOn: dayText(plan.issuedOn),
    subPlanDeadline: dayText(plan.subPlanDeadline),
    year: String(plan.year),
    baselineYear: String(plan.baselineYear),
  };
  const [fields, setFields] = useState(initial);
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const queryClient = useQueryClient();
  const toast = useToast();
  const required = (value: string) => (submitted && value.trim() === "" ? t.admin.required : undefined);
  const yearError = submitted && !validYear(fields.year) ? p.yearInvalid : undefined;
  const baselineError = submitted ? (!validYear(fields.baselineYear) ? p.yearInvalid : Number(fields.baselineYear) >= Number(fields.year) ? p.baselineAfter : undefined) : undefined;

  const save = () =>
    run(async () => {
      setSubmitted(true);
      const issuedOn = dayValue(fields.issuedOn);
      const subPlanDeadline = dayValue(fields.subPlanDeadline);
      if (issuedOn === undefined || subPlanDeadline === undefined || !fields.issuingBody.trim() || !fields.summary.trim()) return;
      if (!validYear(fields.year) || !validYear(fields.baselineYear) || Number(fields.baselineYear) >= Number(fields.year)) return;
      const patch: Record<string, unknown> = {};
      for (const key of TEXT_FIELDS) {
        // Sections keep their line breaks; one-line fields lose stray spaces.
        const value = SECTIONS.includes(key as SectionKey) ? fields[key].replace(/\s+$/, "") : fields[key].trim();
        if (value !== (plan[key] ?? "")) patch[key] = value === "" && key !== "issuingBody" && key !== "summary" ? null : value;
      }
      if (issuedOn !== plan.issuedOn) patch.issuedOn = issuedOn;
      if (subPlanDeadline !== plan.subPlanDeadline) patch.subPlanDeadline = subPlanDeadline;
      if (Number(fields.year) !== plan.year) patch.year = Number(fields.year);
      if (Number(fields.baselineYear) !== plan.baselineYear) patch.baselineYear = Number(fields.baselineYear);
      if (Object.keys(patch).length > 0) {
        await planApi.update(plan.id, patch as PlanPatch);
        await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
        await queryClient.invalidateQueries({ queryKey: [...plansKey, "list"] });
      }
      toast(d.saved);
      onDone();
    });

  const text = (key: TextField, label: string, extra: { required?: boolean; placeholder?: string; testId?: string } = {}) => (
    <TextInput
      label={label}
      required={extra.required}
      placeholder={extra.placeholder}
      value={fields[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      error={extra.required ? required(fields[key]) : undefined}
      data-testid={extra.testId ?? `doc-${key}`}
    />
  );
  const area = (key: SectionKey) => (
    <Textarea label={d[key]} value={fields[key]} onChange={(e) => set({ [key]: e.currentTarget.value })} autosize minRows={3} maxRows={16} data-testid={`doc-${key}`} />
  );

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="document-form"
    >
      <Stack gap="sm">
        <Alert variant="light" color="blue">
          {d.editing}
        </Alert>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {text("parentBody", d.parentBody, { placeholder: d.parentBodyPlaceholder })}
          {text("issuingBody", p.issuingBody, { required: true })}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {text("number", p.number, { placeholder: p.numberExample })}
          <DateField label={p.issuedOn} value={fields.issuedOn} onChange={(issuedOn) => set({ issuedOn })} data-testid="doc-issuedOn" />
          {text("place", p.place)}
          {plan.organisationId === null && (
            <DateField label={d.subPlanDeadline} description={d.subPlanDeadlineHint} value={fields.subPlanDeadline} onChange={(subPlanDeadline) => set({ subPlanDeadline })} data-testid="doc-subPlanDeadline" />
          )}
        </SimpleGrid>
        <Textarea label={p.summaryField} required value={fields.summary} onChange={(e) => set({ summary: e.currentTarget.value })} error={required(fields.summary)} autosize minRows={2} data-testid="doc-summary" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {text("signerAuthority", p.signerAuthority, { placeholder: p.signerAuthorityPlaceholder })}
          {text("signerTitle", p.signerTitle, { placeholder: p.signerTitlePlaceholder })}
          {text("signerName", p.signerName)}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput label={p.planYear} inputMode="numeric" value={fields.year} onChange={(e) => set({ year: e.currentTarget.value })} error={yearError} data-testid="doc-year" />
          <TextInput label={p.baselineYear} inputMode="numeric" value={fields.baselineYear} onChange={(e) => set({ baselineYear: e.currentTarget.value })} error={baselineError} data-testid="doc-baselineYear" />
        </SimpleGrid>
        {SECTIONS.map((key) => (
          <div key={key}>{area(key)}</div>
        ))}
        <ErrorMessage error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t.admin.cancel}
          </Button>
          <Button type="submit" loading={busy} data-testid="save-document">
            {d.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
