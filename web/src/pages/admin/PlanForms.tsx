/** Drawing up a plan: its document identity (year, baseline year, number, issuing body, subject, signer, place and date), saved as a draft. */
import { useState } from "react";
import { Alert, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.tsx";
import { planApi, type Plan, type ProvinceRef } from "../../lib/admin-api.ts";
import { api } from "../../lib/api.ts";
import { today } from "../../lib/format.ts";
import { DateField, dayValue, FormDialog, useSubmit } from "./common.tsx";

const validYear = (text: string) => /^\d{4}$/.test(text.trim()) && Number(text) >= 2000 && Number(text) <= 2100;

export function NewPlanModal(props: { province: ProvinceRef; onClose: () => void; onCreated: (plan: Plan) => Promise<void> }) {
  const { t } = useI18n();
  const p = t.admin.plans;
  const years = useQuery({ queryKey: ["years"], queryFn: api.years });
  const thisYear = Number(today().slice(0, 4));
  const latest = years.data ? Math.max(...years.data.years.map((y) => y.year)) : thisYear - 1;
  const [fields, setFields] = useState({
    year: String(thisYear),
    baselineYear: "",
    number: "",
    issuingBody: `ỦY BAN NHÂN DÂN ${props.province.fullName.toLocaleUpperCase("vi")}`,
    summary: "",
    signerAuthority: "",
    signerTitle: "",
    signerName: "",
    place: props.province.name,
    issuedOn: "",
  });
  // The baseline is the latest year with official results until the person chooses another.
  const baselineYear = fields.baselineYear || String(Math.min(Number(fields.year) - 1 || latest, latest));
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));
  const [submitted, setSubmitted] = useState(false);
  const { busy, error, run } = useSubmit();
  const required = (value: string) => (submitted && value.trim() === "" ? t.admin.required : undefined);
  const yearError = submitted && !validYear(fields.year) ? p.yearInvalid : undefined;
  const baselineError = submitted
    ? !validYear(baselineYear)
      ? p.yearInvalid
      : validYear(fields.year) && Number(baselineYear) >= Number(fields.year)
        ? p.baselineAfter
        : undefined
    : undefined;

  const submit = () =>
    run(async () => {
      setSubmitted(true);
      const issuedOn = dayValue(fields.issuedOn);
      if (!validYear(fields.year) || !validYear(baselineYear) || Number(baselineYear) >= Number(fields.year)) return;
      if (issuedOn === undefined || !fields.issuingBody.trim() || !fields.summary.trim()) return;
      const text = (value: string) => value.trim() || null;
      const plan = await planApi.create(props.province.key, {
        year: Number(fields.year),
        baselineYear: Number(baselineYear),
        number: text(fields.number),
        issuingBody: fields.issuingBody.trim(),
        summary: fields.summary.trim(),
        signerAuthority: text(fields.signerAuthority),
        signerTitle: text(fields.signerTitle),
        signerName: text(fields.signerName),
        place: text(fields.place),
        issuedOn,
      });
      await props.onCreated(plan);
      props.onClose();
    });

  return (
    <FormDialog title={p.addTitle} size="lg" onClose={props.onClose} onSubmit={() => void submit()} busy={busy} error={error} submitLabel={p.create} testId="plan-form" submitTestId="create-plan">
      <Alert variant="light" color="blue">
        {p.addNote}
      </Alert>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label={p.planYear} required inputMode="numeric" value={fields.year} onChange={(e) => set({ year: e.currentTarget.value })} error={yearError} data-testid="field-year" />
        <TextInput
          label={p.baselineYear}
          required
          inputMode="numeric"
          description={p.baselineYearHint}
          value={baselineYear}
          onChange={(e) => set({ baselineYear: e.currentTarget.value })}
          error={baselineError}
          data-testid="field-baseline-year"
        />
      </SimpleGrid>
      <TextInput label={p.issuingBody} required value={fields.issuingBody} onChange={(e) => set({ issuingBody: e.currentTarget.value })} error={required(fields.issuingBody)} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label={p.number} description={p.numberHint} value={fields.number} onChange={(e) => set({ number: e.currentTarget.value })} data-testid="field-number" />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={p.place} value={fields.place} onChange={(e) => set({ place: e.currentTarget.value })} />
          <DateField label={p.issuedOn} value={fields.issuedOn} onChange={(issuedOn) => set({ issuedOn })} />
        </SimpleGrid>
      </SimpleGrid>
      <Textarea
        label={p.summaryField}
        required
        placeholder={p.summaryPlaceholder}
        value={fields.summary}
        onChange={(e) => set({ summary: e.currentTarget.value })}
        error={required(fields.summary)}
        autosize
        minRows={2}
        data-testid="field-summary"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={p.signerAuthority} placeholder={p.signerAuthorityPlaceholder} value={fields.signerAuthority} onChange={(e) => set({ signerAuthority: e.currentTarget.value })} />
        <TextInput label={p.signerTitle} placeholder={p.signerTitlePlaceholder} value={fields.signerTitle} onChange={(e) => set({ signerTitle: e.currentTarget.value })} />
        <TextInput label={p.signerName} value={fields.signerName} onChange={(e) => set({ signerName: e.currentTarget.value })} />
      </SimpleGrid>
    </FormDialog>
  );
}
