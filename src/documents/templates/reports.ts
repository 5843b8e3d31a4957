/**
 * The two periodic reports (Báo cáo): an agency's report to Sở Nội vụ, laid out like seeds 000 and 001
 * (what was done per dimension with its figures, an assessment, next period's tasks), and the consolidated
 * report Sở Nội vụ sends to the People's Committee ("Kính gửi", who reported, results per dimension, the
 * figures against their targets, what each agency wrote, proposals). Pure.
 */
import { formatCompact } from "../../domain/format.ts";
import type { Block, DocumentTable, OfficialDocument } from "../model.ts";
import { citation, documentHeader, editContext, editable, lowerFirst, percent, readRecipients, signatureOf, textBlocks, type DocumentEdits, type DocumentKind, type EditContext } from "./common.ts";

const STATUS_VI: Record<string, string> = { "not-started": "chưa triển khai", "in-progress": "đang thực hiện", done: "đã hoàn thành", overdue: "quá hạn" };

export interface FigureLine {
  name: string;
  unit: string | null;
  value: number | null;
  targetValue: number | null;
  targetMet: boolean | null;
  /** A ratio's value is a fraction (0,8) and its target a percentage (80); a percent figure is both in %. */
  kind: "ratio" | "percent" | "number";
  /** In a consolidation: who has not reported it. */
  missing?: string[];
}

export interface ReportContext {
  /** "BÁO CÁO" and "BC-STC": the type from data, the issuing body's symbol. */
  kind: DocumentKind;
  /** "Lào Cai", "tỉnh Lào Cai", and "tỉnh" (or "thành phố") for the province's own bodies. */
  province: { place: string; inText: string; unitWord: string };
  plan: { number: string | null; issuedOn: string | null; summary: string; indexCode: string };
  /** "quý III năm 2026". */
  periodLabel: string;
  periodYear: number;
  dimensions: { code: string; nameVi: string }[];
  dimensionOf: (node: string) => string | null;
}

export interface AgencyReportData extends ReportContext {
  agency: { name: string; documentSymbol: string; parentBody: string | null; issuingBody: string };
  /** The day it was sent (its leader's approval), or null for a draft not yet signed. */
  sentOn: string | null;
  tasks: { ref: string | null; text: string; nodes: string[]; status: string; progress: number; narrative: string | null }[];
  figures: FigureLine[];
  outline: { key: string; title: string; node: string | null }[];
  sections: Record<string, string>;
  difficulties: string | null;
  proposals: string | null;
  nextTasks: string | null;
  signer: { authority: string | null; title: string; name: string | null };
}

export interface ProvinceReportData extends ReportContext {
  coordinator: { name: string; documentSymbol: string; issuingBody: string; parentBody: string };
  /** "Ủy ban nhân dân tỉnh Lào Cai". */
  addressee: string;
  completeness: { expected: number; sent: number; onTime: number; late: string[]; missing: string[] };
  progress: { name: string; tasks: number; reports: number; done: number; inProgress: number; notStarted: number; overdue: number; averageProgress: number | null }[];
  overdueTasks: { ref: string | null; text: string; agencies: string[] }[];
  figures: FigureLine[];
  narratives: { title: string; entries: { organisation: string; text: string }[] }[];
  proposals: { organisation: string; text: string }[];
  signer: { authority: string | null; title: string; name: string | null };
}

export const AGENCY_REPORT_SECTIONS = ["assessment", "difficulties", "proposals", "next", "closing"] as const;
export const PROVINCE_REPORT_SECTIONS = ["assessment", "proposals", "closing"] as const;

function figureValue(f: FigureLine, v: number | null, isTarget = false): string {
  if (v === null) return "—";
  if (f.kind === "ratio") return `${formatCompact(isTarget ? v : v * 100, 1, "vi")}%`;
  return f.kind === "percent" ? `${formatCompact(v, 1, "vi")}%` : formatCompact(v, 2, "vi");
}

function figuresTable(figures: FigureLine[], withMissing: boolean): DocumentTable {
  const columns = [
    { title: "STT", share: 0.8, align: "center" as const },
    { title: "Chỉ tiêu", share: withMissing ? 4.2 : 5.2 },
    { title: "Đơn vị tính", share: 1.4, align: "center" as const },
    { title: "Kết quả", share: 1.4, align: "right" as const },
    { title: "Mục tiêu", share: 1.4, align: "right" as const },
    { title: "Đánh giá", share: 1.5, align: "center" as const },
    ...(withMissing ? [{ title: "Chưa báo cáo", share: 2.3 }] : []),
  ];
  const rows = figures.map((f, i) => ({
    cells: [
      String(i + 1),
      f.name,
      f.unit ?? "",
      figureValue(f, f.value),
      figureValue(f, f.targetValue, true),
      f.targetMet === null ? "—" : f.targetMet ? "Đạt" : "Chưa đạt",
      ...(withMissing ? [(f.missing ?? []).join(", ") || "—"] : []),
    ],
  }));
  return { columns, rows };
}

function citationOfPlan(ctx: ReportContext): string {
  return `${citation("Kế hoạch", ctx.plan.number, ctx.plan.issuedOn)} của Ủy ban nhân dân ${ctx.province.inText} về ${lowerFirst(ctx.plan.summary)}`;
}

export function agencyReportDocument(data: AgencyReportData, edits?: DocumentEdits): OfficialDocument {
  const ctx = editContext(edits);
  const summary = `Kết quả thực hiện Kế hoạch cải thiện Chỉ số ${data.plan.indexCode} ${data.periodLabel} của ${data.agency.name}`;
  const body: Block[] = [
    { kind: "paragraph", italic: true, text: `Căn cứ ${citationOfPlan(data)}.` },
    { kind: "paragraph", text: `${data.agency.name} báo cáo kết quả thực hiện ${data.periodLabel} như sau:` },
    { kind: "heading", level: "part", text: "I. KẾT QUẢ THỰC HIỆN" },
  ];
  let n = 0;
  const byHeading = new Map(data.outline.map((h) => [h.node, h]));
  // Each task once, under the first dimension it serves (as the plan lists it); tasks serving none at the end.
  const firstDimension = (t: AgencyReportData["tasks"][number]) => t.nodes.map(data.dimensionOf).find((d) => d !== null) ?? null;
  const taskLine = (t: AgencyReportData["tasks"][number]): Block => {
    const what = `${t.ref ? `Nhiệm vụ ${t.ref}: ` : ""}${t.text.split("\n")[0]!.replace(/^[-+]\s*/, "").replace(/[.;:]$/, "")}`;
    return { kind: "paragraph", text: `- ${what} — ${STATUS_VI[t.status] ?? t.status}, tiến độ ${percent(t.progress)}.${t.narrative?.trim() ? ` ${t.narrative.trim()}` : ""}` };
  };
  for (const d of data.dimensions) {
    const tasks = data.tasks.filter((t) => firstDimension(t) === d.code);
    const heading = byHeading.get(d.code);
    const narrative = heading ? data.sections[heading.key]?.trim() : undefined;
    if (tasks.length === 0 && !narrative) continue;
    body.push({ kind: "heading", level: "section", text: `${++n}. Chỉ số nội dung “${d.nameVi}”` });
    if (narrative) body.push(...textBlocks(narrative));
    body.push(...tasks.map(taskLine));
  }
  const general = data.tasks.filter((t) => firstDimension(t) === null);
  if (general.length) body.push({ kind: "heading", level: "section", text: `${++n}. Nhiệm vụ chung` }, ...general.map(taskLine));
  // Headings of the outline that are not a dimension (a "general" heading the regime added).
  for (const h of data.outline.filter((x) => x.node === null || !data.dimensions.some((d) => d.code === x.node))) {
    const text = data.sections[h.key]?.trim();
    if (!text) continue;
    body.push({ kind: "heading", level: "section", text: `${++n}. ${h.title}` }, ...textBlocks(text));
  }
  if (data.figures.length) {
    body.push({ kind: "heading", level: "section", text: `${++n}. Các chỉ tiêu, số liệu` });
    body.push({ kind: "table", table: figuresTable(data.figures, false) });
  }
  const count = (s: string) => data.tasks.filter((t) => t.status === s).length;
  body.push({ kind: "heading", level: "part", text: "II. ĐÁNH GIÁ CHUNG" });
  body.push(
    ...editable(ctx, "assessment", [
      {
        kind: "paragraph",
        text: `- Trong kỳ, ${data.agency.name} được giao ${data.tasks.length} nhiệm vụ: đã hoàn thành ${count("done")}, đang thực hiện ${count("in-progress")}, chưa triển khai ${count("not-started")}, quá hạn ${count("overdue")}.`,
      },
    ]),
  );
  const difficulties = editable(ctx, "difficulties", textBlocks(data.difficulties));
  if (difficulties.length) body.push({ kind: "paragraph", text: "- Khó khăn, vướng mắc:" }, ...difficulties);
  const next = editable(ctx, "next", textBlocks(data.nextTasks));
  body.push({ kind: "heading", level: "part", text: "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI" }, ...(next.length ? next : [{ kind: "paragraph" as const, text: "- Tiếp tục thực hiện các nhiệm vụ được giao tại Kế hoạch." }]));
  const proposals = editable(ctx, "proposals", textBlocks(data.proposals));
  if (proposals.length) body.push({ kind: "heading", level: "part", text: "IV. ĐỀ XUẤT, KIẾN NGHỊ" }, ...proposals);
  body.push(
    ...editable(ctx, "closing", [{ kind: "paragraph", text: `Trên đây là báo cáo kết quả thực hiện Kế hoạch cải thiện Chỉ số ${data.plan.indexCode} ${data.periodLabel} của ${data.agency.name}./.` }]),
  );
  return reportShell(
    { issuer: data.agency, kind: data.kind, place: data.province.place, year: data.periodYear, issuedOn: data.sentOn, summary, addressees: [], signer: data.signer },
    body,
    ["Sở Nội vụ", "Lãnh đạo đơn vị"],
    `Báo cáo ${data.periodLabel} — ${data.agency.name}`,
    ctx,
  );
}

/** A Báo cáo around its body: header with the issuer's symbol, Kính gửi, Nơi nhận, signature. */
function reportShell(
  shell: {
    issuer: { parentBody: string | null; issuingBody: string; documentSymbol: string };
    kind: DocumentKind;
    place: string;
    year: number;
    issuedOn: string | null;
    summary: string;
    addressees: string[];
    signer: { authority: string | null; title: string; name: string | null };
  },
  body: Block[],
  defaultRecipients: string[],
  title: string,
  ctx: EditContext,
): OfficialDocument {
  const { edits } = ctx;
  const { recipients, archive } = readRecipients(edits?.recipients ?? defaultRecipients, `VT, ${shell.issuer.documentSymbol}`);
  const issuedOn = edits?.issuedOn !== undefined ? edits.issuedOn : shell.issuedOn;
  return {
    header: documentHeader({
      parentBody: shell.issuer.parentBody,
      issuingBody: shell.issuer.issuingBody,
      number: edits?.number ?? null,
      symbol: shell.kind.symbol,
      place: shell.place,
      issuedOn: issuedOn ?? null,
      year: shell.year,
    }),
    typeName: shell.kind.typeName,
    summary: shell.summary,
    addressees: shell.addressees,
    body,
    recipients,
    archive,
    signature: signatureOf(shell.signer, shell.signer, edits),
    appendices: [],
    title,
    number: edits?.number ?? null,
    issuedOn: issuedOn ?? null,
    generatedParts: ctx.generated,
  };
}

export function provinceReportDocument(data: ProvinceReportData, edits?: DocumentEdits): OfficialDocument {
  const ctx = editContext(edits);
  const c = data.completeness;
  const body: Block[] = [
    { kind: "paragraph", italic: true, text: `Căn cứ ${citationOfPlan(data)}.` },
    { kind: "paragraph", text: `Trên cơ sở báo cáo của các cơ quan, đơn vị, ${data.coordinator.name} tổng hợp, báo cáo kết quả thực hiện ${data.periodLabel} như sau:` },
    { kind: "heading", level: "part", text: "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ" },
    {
      kind: "paragraph",
      text: `- Có ${c.sent}/${c.expected} cơ quan, đơn vị gửi báo cáo (${c.expected ? percent((c.sent / c.expected) * 100) : "0%"}), trong đó ${c.onTime} gửi đúng hạn${c.late.length ? `, ${c.late.length} gửi chậm (${c.late.join(", ")})` : ""}.`,
    },
    { kind: "paragraph", text: c.missing.length ? `- Chưa gửi báo cáo: ${c.missing.join(", ")}.` : "- Tất cả các cơ quan, đơn vị đã gửi báo cáo." },
    { kind: "heading", level: "part", text: "II. KẾT QUẢ THỰC HIỆN" },
    { kind: "heading", level: "section", text: "1. Tiến độ thực hiện nhiệm vụ theo chỉ số nội dung" },
    {
      kind: "table",
      table: {
        columns: [
          { title: "Chỉ số nội dung", share: 3.6 },
          { title: "Số nhiệm vụ", share: 1.2, align: "center" },
          { title: "Lượt báo cáo", share: 1.3, align: "center" },
          { title: "Hoàn thành", share: 1.3, align: "center" },
          { title: "Đang thực hiện", share: 1.4, align: "center" },
          { title: "Chưa triển khai", share: 1.4, align: "center" },
          { title: "Quá hạn", share: 1.1, align: "center" },
          { title: "Tiến độ bình quân", share: 1.4, align: "center" },
        ],
        rows: data.progress.map((p) => ({
          cells: [p.name, String(p.tasks), String(p.reports), String(p.done), String(p.inProgress), String(p.notStarted), String(p.overdue), p.averageProgress === null ? "—" : percent(p.averageProgress)],
        })),
      },
    },
    { kind: "paragraph", italic: true, text: "(Mỗi cơ quan báo cáo về một nhiệm vụ được giao tính là một lượt; các cột hoàn thành, đang thực hiện, chưa triển khai, quá hạn đếm theo lượt báo cáo.)" },
  ];
  if (data.overdueTasks.length) {
    body.push({ kind: "paragraph", text: "- Nhiệm vụ được báo cáo quá hạn:" });
    for (const t of data.overdueTasks) body.push({ kind: "paragraph", text: `+ ${t.ref ? `${t.ref}: ` : ""}${t.text.split("\n")[0]!.replace(/[.;:]$/, "")} (${t.agencies.join(", ")}).` });
  }
  let n = 1;
  if (data.figures.length) {
    body.push({ kind: "heading", level: "section", text: `${++n}. Các chỉ tiêu, số liệu tổng hợp` }, { kind: "table", table: figuresTable(data.figures, true) });
  }
  for (const narrative of data.narratives.filter((x) => x.entries.length)) {
    body.push({ kind: "heading", level: "section", text: `${++n}. ${narrative.title}` });
    for (const e of narrative.entries) body.push({ kind: "paragraph", text: `- ${e.organisation}: ${e.text.replace(/\n+/g, " ")}` });
  }
  const late = c.late.length + c.missing.length;
  const overdue = data.overdueTasks.length;
  body.push({ kind: "heading", level: "part", text: "III. ĐÁNH GIÁ CHUNG" });
  body.push(
    ...editable(ctx, "assessment", [
      {
        kind: "paragraph",
        text: `- ${late === 0 ? "Các cơ quan, đơn vị gửi báo cáo đầy đủ, đúng hạn." : `Còn ${late} cơ quan, đơn vị gửi báo cáo chậm hoặc chưa gửi báo cáo.`} ${overdue === 0 ? "Không có nhiệm vụ được báo cáo quá hạn." : `Có ${overdue} nhiệm vụ được báo cáo quá hạn, cần tập trung chỉ đạo.`}`,
      },
    ]),
  );
  body.push({ kind: "heading", level: "part", text: "IV. ĐỀ XUẤT, KIẾN NGHỊ" });
  body.push(
    ...editable(
      ctx,
      "proposals",
      data.proposals.length
        ? data.proposals.map((p) => ({ kind: "paragraph" as const, text: `- ${p.organisation}: ${p.text.replace(/\n+/g, " ")}` }))
        : [{ kind: "paragraph", text: `- Đề nghị Ủy ban nhân dân ${data.province.unitWord} chỉ đạo các cơ quan, đơn vị ${c.missing.length ? "chưa gửi báo cáo khẩn trương gửi báo cáo và " : ""}tiếp tục thực hiện các nhiệm vụ được giao.` }],
    ),
  );
  body.push(...editable(ctx, "closing", [{ kind: "paragraph", text: `Trên đây là báo cáo tổng hợp kết quả thực hiện ${data.periodLabel}, ${data.coordinator.name} kính báo cáo Ủy ban nhân dân ${data.province.unitWord} xem xét, chỉ đạo./.` }]));
  return reportShell(
    {
      issuer: data.coordinator,
      kind: data.kind,
      place: data.province.place,
      year: data.periodYear,
      issuedOn: null,
      summary: `Tổng hợp kết quả thực hiện Kế hoạch cải thiện Chỉ số ${data.plan.indexCode} ${data.periodLabel}`,
      addressees: [data.addressee],
      signer: data.signer,
    },
    body,
    ["Như trên", "Lãnh đạo Sở"],
    `Báo cáo tổng hợp ${data.periodLabel}${data.plan.number ? ` — Kế hoạch ${data.plan.number}` : ""}`,
    ctx,
  );
}

