/**
 * Official documents from the system's data: gathers what a template needs (a plan with its targets and
 * tasks, a province's official results, an agency's report, a period's consolidation), fills the template
 * with the user's edits, and renders .docx (and PDF through LibreOffice). Every read goes through the
 * services that authorize it.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/client.ts";
import { organisations, plans, users } from "../db/schema.ts";
import { dimensionOf, type FrameworkVersion } from "../domain/frameworks.ts";
import { planFindings, withPlanningFindings, PLANNING_THRESHOLD } from "../domain/next-plan.ts";
import { isoDateInVietnam } from "../domain/format.ts";
import { describeProvinceYear, provinceInText } from "../domain/wording.ts";
import type { Province } from "./catalog.ts";
import { buildDocx } from "../documents/builder.ts";
import type { OfficialDocument } from "../documents/model.ts";
import { convertToPdf } from "../documents/pdf.ts";
import { analysisDocument, ANALYSIS_SECTIONS } from "../documents/templates/analysis.ts";
import type { DocumentEdits } from "../documents/templates/common.ts";
import { PLAN_SECTIONS, planDocument, type PlanDocumentData } from "../documents/templates/plan.ts";
import { AGENCY_REPORT_SECTIONS, agencyReportDocument, PROVINCE_REPORT_SECTIONS, provinceReportDocument, type FigureLine } from "../documents/templates/reports.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { authorize } from "./authorize.ts";
import type { Plan, PlanService } from "./plans.ts";
import type { PlanTaskService } from "./plan-tasks.ts";
import { periodLabel, type ReportService } from "./reports.ts";
import type { ResultsQueries } from "./results-query.ts";
import { readDocumentTypes, readSignatureDefaults } from "./shipped-data.ts";
import { meetsTarget } from "../domain/report-figures.ts";
import { documentSymbol } from "../domain/document-format.ts";
import type { DocumentKind } from "../documents/templates/common.ts";
import { buildProvinceProfile } from "../domain/profile.ts";

export type DocumentFormatName = "docx" | "pdf";

export interface RenderedDocument {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<DocumentFormatName, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
};

/** The download's name: the document's kind and number ("Kế hoạch 170-KH-UBND.docx"); the route adds an ASCII fallback. */
function fileNameOf(title: string, format: DocumentFormatName): string {
  return `${title.split(" — ")[0]!.replace(/[\\/:*?"<>|]+/g, "-").trim() || "Văn bản"}.${format}`;
}

function checkSections(edits: DocumentEdits | undefined, allowed: readonly string[]) {
  for (const key of Object.keys(edits?.sections ?? {})) {
    if (!allowed.includes(key)) throw new AppError("document.section-unknown", "invalid", { section: key, allowed: allowed.join(", ") });
  }
}

function nodeNames(version: FrameworkVersion): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of version.dimensions) {
    names.set(d.code, d.nameVi);
    for (const s of d.children) names.set(s.code, s.nameVi);
  }
  return names;
}

export function createDocumentService(options: {
  db: Executor;
  results: ResultsQueries;
  plans: PlanService;
  tasks: PlanTaskService;
  reports: ReportService;
  now?: () => Date;
}) {
  const { db, results } = options;
  const signatures = readSignatureDefaults();
  const types = readDocumentTypes();
  /** "KẾ HOẠCH" + "KH-UBND": the type's name and abbreviation from Phụ lục III (data), the body's symbol. */
  const kindOf = (nameVi: "Kế hoạch" | "Báo cáo", bodySymbol: string): DocumentKind => {
    const type = types.find((t) => t.nameVi === nameVi)!;
    return { typeName: type.nameVi.toLocaleUpperCase("vi"), symbol: documentSymbol(type.abbreviation, bodySymbol) };
  };
  const signatureFor = (kind: string) => signatures.get(kind) ?? signatures.get("other")!;

  /** Sở Nội vụ of the province (its code SNV), the drafting unit and the consolidated report's issuer. */
  async function coordinatorOf(provinceUnitIds: number[]) {
    const [row] = await db
      .select()
      .from(organisations)
      .where(and(inArray(organisations.provinceUnitId, provinceUnitIds), eq(organisations.code, "SNV")))
      .orderBy(desc(organisations.validFrom));
    return row ?? null;
  }

  type Targets = Awaited<ReturnType<PlanService["get"]>>["targets"];
  type Tasks = Awaited<ReturnType<PlanTaskService["list"]>>;

  async function planData(plan: Plan, targets: Targets, tasks: Tasks): Promise<PlanDocumentData> {
    const catalog = await results.catalog();
    const province = catalog.provinceOfId(plan.provinceUnitId)!;
    const version = catalog.version(plan.indexCode, plan.year);
    let baseline = null;
    if ((await results.years(plan.indexCode)).includes(plan.baselineYear)) {
      const current = await results.year(plan.indexCode, plan.baselineYear);
      if (current.provinces.some((p) => p.unit.code === province.code)) {
        const previous = await results.previousYear(plan.indexCode, plan.baselineYear);
        baseline = buildProvinceProfile({ current, ...(previous ? { previous } : {}), unitCode: province.code });
      }
    }
    const coordinator = await coordinatorOf(catalog.familyOf(plan.provinceUnitId));
    // The issuer: the agency of a sub-plan, else the province's People's Committee.
    const [issuer] = plan.organisationId
      ? await db
          .select({ kind: organisations.kind, symbol: organisations.documentSymbol, name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, plan.organisationId))
      : [];
    const issuerKind = issuer?.kind ?? "people_committee";
    return {
      plan: { ...plan, recipients: plan.recipients ?? null },
      indexCode: plan.indexCode,
      provincePlace: province.name,
      provinceInText: provinceInText(province.fullName, "vi"),
      issuerInText: issuer ? issuer.name : `Ủy ban nhân dân ${provinceInText(province.fullName, "vi")}`,
      issuer: issuer ? "agency" : "province",
      unitWord: unitWordOf(province),
      dimensions: version.dimensions.map((d) => ({ code: d.code, nameVi: d.nameVi })),
      nodeNames: nodeNames(version),
      dimensionOf: (node) => dimensionOf(version, node) ?? null,
      targets,
      tasks: tasks.map((t) => ({ ref: t.ref, text: t.text, nodes: t.nodes, dueOn: t.dueOn, output: t.output, agencies: t.agencies.map((a) => ({ role: a.role, name: a.name })) })),
      baseline,
      signatureDefault: signatureFor(issuerKind),
      // A province's plan is drafted by Sở Nội vụ; an agency drafts its own.
      draftingUnit: issuer?.symbol ?? coordinator?.documentSymbol ?? "SNV",
      kind: kindOf("Kế hoạch", issuer?.symbol ?? "UBND"),
    };
  }

  async function analysis(actor: Actor, provinceQuery: string, indexCode: string, year: number, edits?: DocumentEdits): Promise<OfficialDocument> {
    checkSections(edits, ANALYSIS_SECTIONS);
    const { profile: ratioProfile, province } = await results.profile({ indexCode, year, province: provinceQuery });
    authorize(actor, "plans.read", { provinceUnitId: province.id });
    const catalog = await results.catalog();
    const findings = planFindings(ratioProfile);
    const profile = withPlanningFindings(ratioProfile, findings);
    const opening = describeProvinceYear(profile, "vi", catalog.index(indexCode).code, PLANNING_THRESHOLD);
    // The plan that answers these results: the province's (or its successor's) plan whose baseline is this year.
    const family = catalog.familyOf(province.id);
    const [stored] = await db
      .select()
      .from(plans)
      .where(
        and(
          inArray(plans.provinceUnitId, family),
          isNull(plans.parentPlanId),
          eq(plans.indexCode, indexCode),
          eq(plans.baselineYear, year),
          inArray(plans.status, ["issued", "draft"]),
        ),
      )
      // An issued plan before a draft, then the latest.
      .orderBy(sql`case when ${plans.status} = 'issued' then 0 else 1 end`, desc(plans.updatedAt));
    let data: PlanDocumentData;
    if (stored) {
      const { plan, targets } = await options.plans.get(actor, stored.id);
      data = await planData(plan, targets, await options.tasks.list(actor, plan.id));
    } else {
      data = await planData(frame(province, indexCode, year), [], []);
    }
    return analysisDocument({ profile, findings, opening, plan: data, planStored: !!stored }, edits);
  }

  /** A plan not yet written: the frame an analysis fills (no number, no tasks; the drafter completes it). */
  function frame(province: Province, indexCode: string, year: number): Plan {
    const now = options.now?.() ?? new Date();
    return {
      id: 0,
      provinceUnitId: province.id,
      organisationId: null,
      parentPlanId: null,
      indexCode,
      year: year + 1,
      baselineYear: year,
      status: "draft",
      number: null,
      issuedOn: null,
      place: province.name,
      issuingBody: `ỦY BAN NHÂN DÂN ${province.fullName.toLocaleUpperCase("vi")}`,
      parentBody: null,
      summary: `Khắc phục những tồn tại, hạn chế Chỉ số ${indexCode} năm ${year}, nâng cao Chỉ số năm ${year + 1} và những năm tiếp theo`,
      signerAuthority: null,
      signerTitle: null,
      signerName: null,
      context: null,
      objectives: null,
      requirements: null,
      implementation: null,
      recipients: null,
      subPlanDeadline: null,
      source: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  function figureLines(figures: { rule: { name: string; unit: string | null; valueType: string; aggregation: string; targetValue: number | null }; value: number | null; targetMet?: boolean | null; missing?: string[] }[]): FigureLine[] {
    return figures.map((f) => ({
      name: f.rule.name,
      unit: f.rule.unit,
      value: f.value,
      targetValue: f.rule.targetValue,
      targetMet: f.targetMet ?? null,
      kind: f.rule.aggregation === "ratio" ? "ratio" : f.rule.valueType === "percent" ? "percent" : "number",
      ...(f.missing ? { missing: f.missing } : {}),
    }));
  }

  async function reportContext(planId: number, period: { kind: "quarter" | "half-year" | "nine-months" | "year"; number: number; year: number }) {
    const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
    const catalog = await results.catalog();
    const province = catalog.provinceOfId(plan!.provinceUnitId)!;
    const version = catalog.version(plan!.indexCode, plan!.year);
    return {
      plan: plan!,
      family: catalog.familyOf(plan!.provinceUnitId),
      province,
      context: {
        province: { place: province.name, inText: provinceInText(province.fullName, "vi"), unitWord: unitWordOf(province) },
        plan: { number: plan!.number, issuedOn: plan!.issuedOn, summary: plan!.summary, indexCode: plan!.indexCode },
        periodLabel: periodLabel(period),
        periodYear: period.year,
        dimensions: version.dimensions.map((d) => ({ code: d.code, nameVi: d.nameVi })),
        dimensionOf: (node: string) => dimensionOf(version, node) ?? null,
      },
      version,
    };
  }

  async function agencyReport(actor: Actor, reportId: number, edits?: DocumentEdits): Promise<OfficialDocument> {
    checkSections(edits, AGENCY_REPORT_SECTIONS);
    const view = await options.reports.get(actor, reportId);
    const { context, province } = await reportContext(view.plan.id, view.period);
    const [organisation] = await db.select().from(organisations).where(eq(organisations.id, view.organisation.id));
    const org = organisation!;
    const [parent] = org.parentId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.parentId)) : [];
    const [approver] = view.report.approvedBy
      ? await db.select({ name: users.fullName, jobTitle: users.jobTitle }).from(users).where(eq(users.id, view.report.approvedBy))
      : [];
    const sent = view.report.sentAt ? isoDateInVietnam(view.report.sentAt) : null;
    const signature = signatureFor(org.kind);
    return agencyReportDocument(
      {
        ...context,
        kind: kindOf("Báo cáo", org.documentSymbol),
        agency: {
          name: org.name,
          documentSymbol: org.documentSymbol,
          parentBody: parent?.name ?? `Ủy ban nhân dân ${provinceInText(province.fullName, "vi")}`,
          issuingBody: org.name,
        },
        sentOn: sent,
        tasks: view.tasks.map((t) => ({ ref: t.task.ref, text: t.task.text, nodes: t.task.nodes, status: t.status, progress: t.progress, narrative: t.narrative })),
        figures: figureLines(view.figures.map((f) => ({ ...f, targetMet: meetsTarget(f.rule, f.value) }))),
        outline: view.outline,
        sections: view.report.sections,
        difficulties: view.report.difficulties,
        proposals: view.report.proposals,
        nextTasks: view.report.nextTasks,
        signer: sent && approver ? signerOf(signature, approver) : { ...signature, name: null },
      },
      edits,
    );
  }

  async function provinceReport(actor: Actor, regimeId: number, periodKey: string, edits?: DocumentEdits): Promise<OfficialDocument> {
    checkSections(edits, PROVINCE_REPORT_SECTIONS);
    const consolidation = await options.reports.consolidate(actor, regimeId, periodKey);
    const completeness = await options.reports.completeness(actor, regimeId, periodKey);
    const { context, province, family } = await reportContext(consolidation.planId, consolidation.period);
    const coordinator = await coordinatorOf(family);
    const signature = signatureFor("department");
    const overdue = new Map<number, { ref: string | null; text: string; agencies: string[] }>();
    for (const t of completeness.overdueTasks) {
      const entry = overdue.get(t.taskId) ?? { ref: t.ref, text: t.text, agencies: [] };
      if (!entry.agencies.includes(t.organisation)) entry.agencies.push(t.organisation);
      overdue.set(t.taskId, entry);
    }
    const committee = `Ủy ban nhân dân ${provinceInText(province.fullName, "vi")}`;
    return provinceReportDocument(
      {
        ...context,
        kind: kindOf("Báo cáo", coordinator?.documentSymbol ?? "SNV"),
        coordinator: {
          name: coordinator?.name ?? "Sở Nội vụ",
          documentSymbol: coordinator?.documentSymbol ?? "SNV",
          issuingBody: coordinator?.name ?? "Sở Nội vụ",
          parentBody: committee,
        },
        addressee: committee,
        completeness: {
          expected: completeness.counts.expected,
          sent: completeness.counts.submitted,
          onTime: completeness.counts.onTime,
          late: completeness.agencies.filter((a) => a.timeliness === "late").map((a) => a.organisation.name),
          missing: completeness.agencies.filter((a) => a.timeliness === "missing" || a.timeliness === "pending").map((a) => a.organisation.name),
        },
        progress: consolidation.progress,
        overdueTasks: [...overdue.values()],
        figures: figureLines(
          consolidation.figures.map((f) => ({
            rule: { name: f.name, unit: f.unit, valueType: f.valueType, aggregation: f.aggregation, targetValue: f.targetValue },
            value: f.value,
            targetMet: f.targetMet,
            missing: f.missing,
          })),
        ),
        narratives: consolidation.narratives.map((n) => ({ title: n.title, entries: n.entries.map((e) => ({ organisation: e.organisation, text: e.text })) })),
        proposals: consolidation.proposals,
        signer: { ...signature, name: null },
      },
      edits,
    );
  }

  async function render(doc: OfficialDocument, format: DocumentFormatName): Promise<RenderedDocument> {
    const docx = await buildDocx(doc);
    const bytes = format === "pdf" ? await convertToPdf(docx) : docx;
    return { bytes, contentType: CONTENT_TYPES[format], fileName: fileNameOf(doc.title, format) };
  }

  return {
    async plan(actor: Actor, planId: number, edits?: DocumentEdits): Promise<OfficialDocument> {
      checkSections(edits, PLAN_SECTIONS);
      const { plan, targets } = await options.plans.get(actor, planId);
      return planDocument(await planData(plan, targets, await options.tasks.list(actor, plan.id)), edits);
    },
    analysis,
    agencyReport,
    provinceReport,
    render,
  };
}

/**
 * Who signed a sent report: its approving leader, for the head ("GIÁM ĐỐC") or, a deputy by their job title,
 * on the head's behalf ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC").
 */
function signerOf(head: { authority: string | null; title: string }, approver: { name: string; jobTitle: string | null }) {
  const job = approver.jobTitle?.trim();
  // A collective body keeps its own line above: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
  const deputy = `KT. ${head.title}`;
  if (job && /^phó\s/i.test(job)) return { authority: head.authority ? `${head.authority}\n${deputy}` : deputy, title: job.toLocaleUpperCase("vi"), name: approver.name };
  return { ...head, name: approver.name };
}

/** "tỉnh" or "thành phố": the word running text puts before the province's bodies ("Ủy ban nhân dân tỉnh"). */
function unitWordOf(province: Province): string {
  return provinceInText(province.fullName, "vi").startsWith("thành phố") ? "thành phố" : "tỉnh";
}

export type DocumentService = ReturnType<typeof createDocumentService>;

