/**
 * The province improvement plan (Kế hoạch), laid out like seed 004 (Lào Cai, 170/KH-UBND): the context,
 * I. targets in the plan's own wording (a total target "- …", the dimensions under it "+ …"), II. tasks by
 * dimension ("1. Đối với nội dung “…”:"), III. organisation of implementation with each body's duties, the
 * closing sentence, and the baseline year's results as the appendix the context refers to. Pure.
 */
import { formatCompact, formatDate, formatNumber } from "../../domain/format.ts";
import { groupLabel } from "../../domain/groups.ts";
import type { ProvinceProfile } from "../../domain/profile.ts";
import type { PlanTarget } from "../../domain/targets.ts";
import type { Appendix, Block, OfficialDocument, TableColumn } from "../model.ts";
import { citation, documentHeader, editContext, editable, lowerFirst, readRecipients, signatureOf, textBlocks, type DocumentEdits, type DocumentKind, type EditContext } from "./common.ts";

export interface PlanDocumentData {
  plan: {
    number: string | null;
    issuedOn: string | null;
    place: string | null;
    year: number;
    baselineYear: number;
    issuingBody: string;
    parentBody: string | null;
    summary: string;
    signerAuthority: string | null;
    signerTitle: string | null;
    signerName: string | null;
    context: string | null;
    objectives: string | null;
    requirements: string | null;
    implementation: string | null;
    subPlanDeadline: string | null;
    recipients: string[] | null;
  };
  indexCode: string;
  /** "Lào Cai" (the place when the plan has none) and "tỉnh Lào Cai" (in running text). */
  provincePlace: string;
  provinceInText: string;
  /** The issuer as running text names it: "Ủy ban nhân dân tỉnh Lào Cai", "Sở Tài chính". */
  issuerInText: string;
  /** A province's plan, or an agency's own plan carrying out the province's (a sub-plan). */
  issuer: "province" | "agency";
  /** "tỉnh" or "thành phố": how the province's own bodies are named ("Ủy ban nhân dân tỉnh"). */
  unitWord: string;
  /** The plan year's dimensions in framework order, and every node's name by code. */
  dimensions: { code: string; nameVi: string }[];
  nodeNames: Map<string, string>;
  dimensionOf: (node: string) => string | null;
  targets: (PlanTarget & { statedText: string | null })[];
  tasks: { ref: string | null; text: string; nodes: string[]; dueOn: string | null; output: string | null; agencies: { role: "lead" | "support"; name: string }[] }[];
  /** The baseline year's official results of the province, for the appendix; null when there are none. */
  baseline: ProvinceProfile | null;
  signatureDefault: { authority: string | null; title: string };
  /** The drafting unit for "Lưu: VT, …" when the plan names none. */
  draftingUnit: string;
  /** "KẾ HOẠCH" and "KH-UBND" (the type's abbreviation from data, the issuing body's symbol). */
  kind: DocumentKind;
}

/** Parts a user may rewrite before downloading. */
export const PLAN_SECTIONS = ["context", "objectives", "requirements", "implementation", "closing"] as const;

const num = (v: number) => formatCompact(v, 4, "vi");

/** A target in words when the plan has none stored for it (a target set in Chỉ Số rather than transcribed). */
export function targetSentence(t: PlanTarget, nodeName: string | null, indexCode: string, year: number, baselineYear: number): string {
  const subject = t.node === "total" ? `Chỉ số ${indexCode} tổng hợp năm ${year}` : `Chỉ số nội dung “${nodeName ?? t.node}”`;
  switch (t.kind) {
    case "score": {
      const increase = t.statedIncrease !== null ? ` (tăng ${num(t.statedIncrease)} điểm so với năm ${baselineYear})` : "";
      return `${subject}: đạt ${t.comparator === ">=" ? "từ " : ""}${num(t.value!)} điểm${t.comparator === ">=" ? " trở lên" : ""}${increase}`;
    }
    case "change":
      return `${subject}: tăng ít nhất ${num(t.value!)} điểm so với năm ${baselineYear}`;
    case "rank":
      return t.rankTop !== null
        ? `${subject}: xếp trong nhóm ${t.rankTop} tỉnh, thành phố dẫn đầu cả nước`
        : `${subject}: tăng ít nhất ${String(t.rankGain).padStart(2, "0")} bậc so với năm ${baselineYear}`;
    case "group":
      return `${subject}: thuộc ${lowerFirst(groupLabel(t.group!, "vi"))}`;
  }
}

export function targetBlocks(data: PlanDocumentData): Block[] {
  const hasTotal = data.targets.some((t) => t.node === "total");
  const seen = new Set<string>();
  const out: Block[] = [];
  for (const t of data.targets) {
    const text = t.statedText?.trim() || `${targetSentence(t, data.nodeNames.get(t.node) ?? null, data.indexCode, data.plan.year, data.plan.baselineYear)}.`;
    // One sentence often states two targets ("Đạt 5,6 điểm; thuộc nhóm trung bình cao"): it is printed once.
    if (seen.has(text)) continue;
    seen.add(text);
    const marker = hasTotal && t.node !== "total" ? "+" : "-";
    out.push({ kind: "paragraph", text: /^[-+]\s/.test(text) ? text : `${marker} ${text}` });
  }
  return out;
}

/** "(Chủ trì: Sở Nội vụ; phối hợp: …; thời hạn: 31/12/2019)" when the task says who and when. */
function taskDuty(task: PlanDocumentData["tasks"][number]): string {
  const lead = task.agencies.filter((a) => a.role === "lead").map((a) => a.name);
  const support = task.agencies.filter((a) => a.role === "support").map((a) => a.name);
  const parts = [
    lead.length ? `Chủ trì: ${lead.join(", ")}` : null,
    support.length ? `phối hợp: ${support.join(", ")}` : null,
    task.dueOn ? `thời hạn: ${formatDate(task.dueOn)}` : null,
    task.output ? `sản phẩm: ${task.output}` : null,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

const isAssignment = (t: { ref: string | null; nodes: string[] }) => t.nodes.length === 0 && /^III\b/.test(t.ref ?? "");

function taskText(task: PlanDocumentData["tasks"][number]): string {
  const text = task.text.trim().replace(/[.;]$/, "");
  return `${/^[-+]\s/.test(text) ? text : `- ${text}`}${taskDuty(task)}.`;
}

/** II: the tasks under the dimension they serve first, tasks serving none under "Nhiệm vụ chung". */
export function taskBlocks(data: PlanDocumentData): Block[] {
  const tasks = data.tasks.filter((t) => !isAssignment(t));
  const out: Block[] = [];
  let n = 0;
  for (const d of data.dimensions) {
    const serving = tasks.filter((t) => t.nodes.map(data.dimensionOf).find((x) => x !== null) === d.code);
    if (serving.length === 0) continue;
    out.push({ kind: "heading", level: "section", text: `${++n}. Đối với nội dung “${d.nameVi}”:` });
    for (const task of serving) out.push({ kind: "paragraph", text: taskText(task) });
  }
  const general = tasks.filter((t) => !t.nodes.some((node) => data.dimensionOf(node) !== null));
  if (general.length) {
    out.push({ kind: "heading", level: "section", text: `${++n}. Nhiệm vụ chung:` });
    for (const task of general) out.push({ kind: "paragraph", text: taskText(task) });
  }
  return out;
}

/** III: the plan's own text, else its assignment entries, else who leads which tasks. */
export function implementationBlocks(data: PlanDocumentData): Block[] {
  if (data.plan.implementation?.trim()) return textBlocks(data.plan.implementation);
  const assignments = data.tasks.filter(isAssignment);
  const out: Block[] = [];
  if (assignments.length) {
    assignments.forEach((a, i) => {
      const [heading, ...duties] = a.text.split("\n");
      out.push({ kind: "heading", level: "section", text: `${i + 1}. ${heading!.trim().replace(/:$/, "")}:` });
      out.push(...textBlocks(duties.join("\n")));
    });
    return out;
  }
  const committee = `Ủy ban nhân dân ${data.unitWord}`;
  if (data.issuer === "agency") {
    out.push({ kind: "heading", level: "section", text: "1. Các phòng, đơn vị thuộc cơ quan:" });
    out.push({ kind: "paragraph", text: "- Căn cứ nhiệm vụ được giao tại Kế hoạch này, chủ động triển khai thực hiện, bảo đảm tiến độ, chất lượng; báo cáo kết quả về Văn phòng để tổng hợp." });
    out.push({ kind: "heading", level: "section", text: "2. Văn phòng:" });
    out.push({ kind: "paragraph", text: `- Theo dõi, đôn đốc, tổng hợp kết quả thực hiện; định kỳ hằng quý, 6 tháng, 9 tháng, năm báo cáo Sở Nội vụ để tổng hợp, báo cáo ${committee}.` });
    return out;
  }
  const deadline = data.plan.subPlanDeadline ? ` gửi Sở Nội vụ trước ngày ${formatDate(data.plan.subPlanDeadline)}` : " gửi Sở Nội vụ";
  out.push({ kind: "heading", level: "section", text: "1. Sở Nội vụ:" });
  out.push({ kind: "paragraph", text: `- Chủ trì, tham mưu giúp ${committee} theo dõi, hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch này; tổng hợp kết quả, báo cáo ${committee} theo quy định.` });
  const leads = new Map<string, string[]>();
  for (const t of data.tasks) for (const a of t.agencies.filter((x) => x.role === "lead")) leads.set(a.name, [...(leads.get(a.name) ?? []), t.ref ?? "—"]);
  let n = 1;
  for (const [agency, refs] of [...leads].sort(([a], [b]) => a.localeCompare(b, "vi"))) {
    if (agency === "Sở Nội vụ") continue;
    out.push({ kind: "heading", level: "section", text: `${++n}. ${agency}:` });
    out.push({ kind: "paragraph", text: `- Chủ trì thực hiện các nhiệm vụ ${refs.join(", ")} của Kế hoạch này; xây dựng kế hoạch thực hiện cụ thể${deadline}.` });
  }
  out.push({ kind: "heading", level: "section", text: `${++n}. Các sở, ban, ngành; Ủy ban nhân dân các xã, phường:` });
  out.push({ kind: "paragraph", text: `- Định kỳ hằng quý, 6 tháng, 9 tháng, năm báo cáo kết quả thực hiện các nhiệm vụ được giao gửi Sở Nội vụ để tổng hợp, báo cáo ${committee}.` });
  return out;
}

/** The appendix: the baseline year's results, each dimension and its sub-dimensions, with rank and group. */
export function resultsAppendix(profile: ProvinceProfile, reference: string, provinceInText: string): Appendix {
  const columns: TableColumn[] = [
    { title: "STT", share: 1.2, align: "center" },
    { title: "Chỉ số nội dung / nội dung thành phần", share: 6 },
    { title: "Điểm", share: 1.4, align: "center" },
    { title: "Điểm tối đa", share: 1.4, align: "center" },
    { title: "Xếp hạng", share: 1.4, align: "center" },
    { title: "Nhóm", share: 2.2, align: "center" },
  ];
  const score = (v: number | null, digits: number) => (v === null ? "—" : formatNumber(v, digits, "vi"));
  const rows: { cells: string[]; bold?: boolean }[] = [];
  profile.dimensions.forEach((d, i) => {
    rows.push({
      bold: true,
      cells: [String(i + 1), d.nameVi, score(d.score, 2), formatCompact(d.max, 2, "vi"), d.rank === null ? "—" : `${d.rank}/${profile.rankedCount}`, d.group ? groupLabel(d.group, "vi") : "—"],
    });
    profile.subdimensions
      .filter((s) => s.dimensionCode === d.code)
      .forEach((s, j) => rows.push({ cells: [`${i + 1}.${j + 1}`, s.nameVi, score(s.score, 2), formatCompact(s.max, 2, "vi"), s.rank === null ? "—" : `${s.rank}`, "—"] }));
  });
  rows.push({
    bold: true,
    cells: ["", `Chỉ số ${profile.indexCode} tổng hợp`, score(profile.total.score, 3), formatCompact(profile.total.max, 2, "vi"), profile.total.rank === null ? "—" : `${profile.total.rank}/${profile.rankedCount}`, profile.total.group ? groupLabel(profile.total.group, "vi") : "—"],
  });
  return {
    label: "Phụ lục",
    title: `Kết quả Chỉ số ${profile.indexCode} năm ${profile.year} của ${provinceInText}`,
    reference,
    body: [
      { kind: "table", table: { columns, rows } },
      { kind: "paragraph", italic: true, text: "Nguồn: kết quả công bố chính thức. Điểm tổng hợp ghi đến 03 chữ số thập phân, điểm chỉ số nội dung và nội dung thành phần đến 02 chữ số thập phân." },
    ],
  };
}

export function planDocument(data: PlanDocumentData, edits?: DocumentEdits): OfficialDocument {
  const ctx = editContext(edits);
  const plan = data.plan;
  const number = edits?.number !== undefined ? edits.number : plan.number;
  const issuedOn = edits?.issuedOn !== undefined ? edits.issuedOn : plan.issuedOn;
  const objectives = editable(ctx, "objectives", textBlocks(plan.objectives));
  const targets = targetBlocks(data);
  const requirements = editable(ctx, "requirements", textBlocks(plan.requirements));
  const tasks = taskBlocks(data);
  // Numbered sub-headings only for what the plan has; a part with nothing yet says what is to come.
  const part1: Block[] = [];
  let n = 0;
  if (objectives.length) part1.push({ kind: "heading", level: "section", text: `${++n}. Mục tiêu chung:` }, ...objectives);
  if (targets.length) part1.push({ kind: "heading", level: "section", text: `${++n}. Mục tiêu cụ thể:` }, ...targets);
  if (requirements.length) part1.push({ kind: "heading", level: "section", text: `${++n}. Yêu cầu:` }, ...requirements);
  const body: Block[] = [
    ...editable(ctx, "context", textBlocks(plan.context)),
    { kind: "heading", level: "part", text: "I. MỤC TIÊU, YÊU CẦU" },
    ...(part1.length ? part1 : [TO_BE_WRITTEN]),
    { kind: "heading", level: "part", text: "II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN" },
    ...(tasks.length ? tasks : [TO_BE_WRITTEN]),
    { kind: "heading", level: "part", text: "III. TỔ CHỨC THỰC HIỆN" },
    ...editable(ctx, "implementation", implementationBlocks(data)),
    ...editable(ctx, "closing", [
      { kind: "paragraph", text: `Trên đây là Kế hoạch ${lowerFirst(plan.summary)}, yêu cầu ${data.issuer === "agency" ? "các phòng, đơn vị" : "các sở, ban, ngành, địa phương"} nghiêm túc triển khai thực hiện./.` },
    ]),
  ];
  const appendices = data.baseline
    ? [resultsAppendix(data.baseline, `(Kèm theo ${citation("Kế hoạch", number ?? null, issuedOn ?? null)} của ${data.issuerInText})`, data.provinceInText)]
    : [];
  return planShell(data, body, appendices, ctx);
}

/** A part a draft has nothing for yet: a visible line for the drafter, never an empty heading. */
const TO_BE_WRITTEN: Block = { kind: "paragraph", italic: true, text: "(Nội dung đang được soạn thảo.)" };

/** Nơi nhận when the plan lists none: the bodies a province's plan, or an agency's, is sent to. */
function defaultRecipients(data: PlanDocumentData): string[] {
  const w = data.unitWord;
  return data.issuer === "agency"
    ? ["Sở Nội vụ", "Lãnh đạo cơ quan", "Các phòng, đơn vị thuộc cơ quan"]
    : ["Bộ Nội vụ", `TT. ${w === "tỉnh" ? "Tỉnh" : "Thành"} ủy, HĐND ${w}`, `Chủ tịch, các Phó Chủ tịch UBND ${w}`, `Các sở, ban, ngành ${w}`, "UBND các xã, phường", `Cổng thông tin điện tử ${w}`];
}

/** A Kế hoạch around its body: header, type and summary, Nơi nhận, signature (the plan and the analysis share it). */
export function planShell(data: PlanDocumentData, body: Block[], appendices: Appendix[], ctx: EditContext): OfficialDocument {
  const { edits } = ctx;
  const plan = data.plan;
  const number = edits?.number !== undefined ? edits.number : plan.number;
  const issuedOn = edits?.issuedOn !== undefined ? edits.issuedOn : plan.issuedOn;
  const { recipients, archive } = readRecipients(edits?.recipients ?? plan.recipients ?? defaultRecipients(data), `VT, ${data.draftingUnit}`);
  return {
    header: documentHeader({ parentBody: plan.parentBody, issuingBody: plan.issuingBody, number: number ?? null, symbol: data.kind.symbol, place: plan.place ?? data.provincePlace, issuedOn: issuedOn ?? null, year: plan.year }),
    typeName: data.kind.typeName,
    // Phụ lục I: the summary in ordinary letters, upright, bold (only the type name is in capitals).
    summary: plan.summary,
    addressees: [],
    body,
    recipients,
    archive,
    signature: signatureOf({ authority: plan.signerAuthority, title: plan.signerTitle, name: plan.signerName }, data.signatureDefault, edits),
    appendices,
    title: `Kế hoạch ${number ?? "(dự thảo)"} — ${plan.summary}`,
    number: number ?? null,
    issuedOn: issuedOn ?? null,
    generatedParts: ctx.generated,
  };
}
