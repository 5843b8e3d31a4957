/**
 * The results analysis and remediation plan, laid out like seed 002 (Bắc Kạn, 416/KH-UBND): what the index
 * is, its structure, then the province's year in figures computed from the official results ("đạt
 * 42,153/80 điểm, giảm 0,570 điểm …; xếp thứ 34/63 …, giảm 02 bậc …"; the dimensions under 5/10 and in the
 * lowest group; the sub-dimensions under one point as "0,66/2,5 điểm"), the precision those figures carry,
 * and the plan body: purpose, requirements, tasks by dimension, organisation. Pure.
 */
import { formatCompact as compact } from "../../domain/format.ts";
import { padCount } from "../../domain/text.ts";
import type { ProvinceProfile } from "../../domain/profile.ts";
import type { PlanFindings } from "../../domain/next-plan.ts";
import type { Block, OfficialDocument } from "../model.ts";
import { editContext, editable, lowerFirst, textBlocks, type DocumentEdits } from "./common.ts";
import { implementationBlocks, planShell, resultsAppendix, targetBlocks, taskBlocks, type PlanDocumentData } from "./plan.ts";

const formatCompact = (v: number, digits: number) => compact(v, digits, "vi");

/** What each index is, as provincial plans introduce it (seed 002's first paragraph for PAPI). */
const INDEX_INTRODUCTION: Record<string, string> = {
  PAPI:
    "Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (viết tắt theo tiếng Anh là PAPI) là công cụ phản ánh tiếng nói người dân về mức độ hiệu quả điều hành, quản lý nhà nước, thực thi chính sách và cung ứng dịch vụ công của chính quyền cấp tỉnh, cấp huyện và cấp xã. Chỉ số này do Trung tâm Nghiên cứu phát triển và Hỗ trợ cộng đồng (CECODES) phối hợp với Trung tâm bồi dưỡng cán bộ và Nghiên cứu khoa học Mặt trận Tổ quốc Việt Nam (VFF-CRT), Công ty Phân tích Thời gian thực (RTA) và Chương trình Phát triển Liên hợp quốc tại Việt Nam (UNDP) thực hiện đánh giá.",
};

/** The precision every figure of the opening carries, stated in the document. */
export const PRECISION_NOTE =
  "(Điểm tổng hợp và mức tăng, giảm ghi đến 03 chữ số thập phân, tính từ điểm chưa làm tròn của bộ số liệu công bố; điểm chỉ số nội dung và nội dung thành phần ghi đến 02 chữ số thập phân.)";

export interface AnalysisDocumentData {
  profile: ProvinceProfile;
  findings: PlanFindings;
  /** describeProvinceYear(…, PLANNING_THRESHOLD): standing, dimensions, sub-dimensions. */
  opening: string[];
  /** The remediation plan that follows these results (baseline year = the results' year), or a draft frame. */
  plan: PlanDocumentData;
  /** Whether `plan` is a stored plan (its tasks and wording) or a frame built from the findings alone. */
  planStored: boolean;
}

export const ANALYSIS_SECTIONS = ["opening", "purpose", "requirements", "implementation", "closing"] as const;

function structureParagraph(profile: ProvinceProfile): string {
  const dims = profile.dimensions.length;
  const subs = profile.subdimensions.length;
  const dimMax = profile.dimensions[0]?.max ?? 10;
  return `Chỉ số ${profile.indexCode} có ${padCount(dims)} chỉ số nội dung với ${padCount(subs)} nội dung thành phần, điểm tối đa là ${formatCompact(profile.total.max, 2)} điểm trên ${padCount(dims)} chỉ số nội dung, mỗi chỉ số nội dung có điểm tối đa là ${formatCompact(dimMax, 2)} điểm; được phân theo nhóm, có 04 nhóm gồm: Nhóm đạt điểm cao nhất; nhóm đạt điểm trung bình cao; nhóm đạt điểm trung bình thấp; nhóm đạt điểm thấp nhất.`;
}

/** Without a stored plan: one line of work per weak dimension and sub-dimension, for the drafter to complete. */
function frameTasks(findings: PlanFindings): Block[] {
  const out: Block[] = [];
  const weak = [...findings.weakDimensions, ...findings.lowestGroupDimensions.filter((d) => !findings.weakDimensions.some((w) => w.code === d.code))];
  weak.forEach((d, i) => {
    out.push({ kind: "heading", level: "section", text: `${i + 1}. ${d.nameVi}:` });
    const subs = findings.weakSubdimensions.filter((s) => s.code.startsWith(`${d.code.replace(/^D/, "")}.`));
    out.push({
      kind: "paragraph",
      text: `- Tập trung cải thiện chỉ số nội dung “${d.nameVi}” (${formatCompact(d.score, 2)}/${formatCompact(d.max, 2)} điểm)${subs.length ? `, trước hết các nội dung thành phần: ${subs.map((s) => `${s.nameVi} (${formatCompact(s.score, 2)}/${formatCompact(s.max, 2)} điểm)`).join("; ")}` : ""}.`,
    });
  });
  return out;
}

export function analysisDocument(data: AnalysisDocumentData, edits?: DocumentEdits): OfficialDocument {
  const ctx = editContext(edits);
  const { profile, plan: planData } = data;
  const plan = planData.plan;
  const year = profile.year;
  const number = edits?.number !== undefined ? edits.number : plan.number;
  const [standing, dimensions, subdimensions] = data.opening;
  const intro = INDEX_INTRODUCTION[profile.indexCode];
  const opening: Block[] = [
    ...(intro ? [{ kind: "paragraph" as const, text: intro }] : []),
    { kind: "paragraph", text: structureParagraph(profile) },
    ...(standing ? [{ kind: "paragraph" as const, text: standing }] : []),
    { kind: "paragraph", text: "Những kết quả đạt được trong năm qua là tích cực, tuy nhiên vẫn còn những tồn tại, hạn chế như:" },
    ...[dimensions, subdimensions].filter((p): p is string => !!p).map((text) => ({ kind: "paragraph" as const, text })),
    { kind: "paragraph", italic: true, text: PRECISION_NOTE },
    {
      kind: "paragraph",
      text: `Để tiếp tục duy trì những kết quả đã đạt được và khắc phục những tồn tại, hạn chế trong năm qua, Ủy ban nhân dân ${planData.unitWord} ban hành Kế hoạch ${lowerFirst(plan.summary)} như sau:`,
    },
  ];
  const purpose = editable(ctx, "purpose", [
    ...textBlocks(plan.objectives),
    ...(data.planStored ? [] : [{ kind: "paragraph" as const, text: `Khắc phục những tồn tại, hạn chế của Chỉ số ${profile.indexCode} năm ${year}; phấn đấu Chỉ số năm ${year + 1} của tỉnh tăng điểm và thứ hạng so với năm ${year}.` }]),
    // A target the purpose already words (seed 002 states its one target inside the purpose) is not repeated.
    ...targetBlocks(planData).filter((b) => b.kind !== "paragraph" || !(plan.objectives ?? "").includes(b.text.replace(/^[-+]\s*/, "").replace(/\.$/, ""))),
  ]);
  const requirements = editable(ctx, "requirements", textBlocks(plan.requirements));
  const tasks = data.planStored ? taskBlocks(planData) : frameTasks(data.findings);
  const body: Block[] = [
    ...editable(ctx, "opening", opening),
    { kind: "heading", level: "part", text: "I. MỤC ĐÍCH, YÊU CẦU" },
    { kind: "heading", level: "section", text: "1. Mục đích" },
    ...purpose,
    ...(requirements.length ? [{ kind: "heading" as const, level: "section" as const, text: "2. Yêu cầu" }, ...requirements] : []),
    { kind: "heading", level: "part", text: "II. NỘI DUNG THỰC HIỆN" },
    ...tasks,
    { kind: "heading", level: "part", text: "III. TỔ CHỨC THỰC HIỆN" },
    ...editable(ctx, "implementation", implementationBlocks(planData)),
    ...editable(ctx, "closing", [
      { kind: "paragraph", text: `Trên đây là Kế hoạch ${lowerFirst(plan.summary)}; yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai thực hiện./.` },
    ]),
  ];
  return planShell(planData, body, [resultsAppendix(profile, `(Kèm theo Kế hoạch${number ? ` số ${number}` : ""} của ${planData.issuerInText})`, planData.provinceInText)], ctx);
}
