/**
 * The paragraphs a province's analysis opens with, worded like seed 002 (Bắc Kạn, 416/KH-UBND):
 * "… đạt 42,153/80 điểm, giảm 0,570 điểm so với năm 2020; … xếp thứ 34/63 …; … Tri thức công dân
 * 0,66/2,5 điểm; …". Figures come from full precision and are rounded only here. Pure.
 */
import { formatCompact, formatNumber, type Lang } from "./format.ts";
import { groupLabel, groupNumber } from "./groups.ts";
import type { Change } from "./changes.ts";
import type { ProfileDimension, ProvinceProfile } from "./profile.ts";
import { padCount } from "./text.ts";

/** Display precision: totals to 3 decimals (as provinces quote them), dimensions and sub-dimensions to 2. */
export const PRECISION = { total: 3, dimension: 2, subdimension: 2, change: 3 } as const;

/** "tỉnh Bắc Kạn", "thành phố Hà Nội": the unit's full name with its type in lower case, as in running text. */
export function provinceInText(fullName: string, lang: Lang): string {
  if (lang === "en") return fullName.replace(/^Tỉnh (.*)$/, "$1 province").replace(/^Thành phố (.*)$/, "$1 city");
  return fullName.charAt(0).toLowerCase() + fullName.slice(1);
}

function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join("");
  const and = lang === "vi" ? " và " : " and ";
  return `${items.slice(0, -1).join(", ")}${and}${items.at(-1)}`;
}

function scoreChangePhrase(change: Change, lang: Lang): string | null {
  if (change.delta === null || change.previousScore === null) return null;
  const rounded = Number(change.delta.toFixed(PRECISION.change));
  const amount = formatNumber(Math.abs(change.delta), PRECISION.change, lang);
  if (lang === "vi") {
    return rounded === 0 ? "không thay đổi" : `${rounded > 0 ? "tăng" : "giảm"} ${amount} điểm`;
  }
  return rounded === 0 ? "unchanged" : `${rounded > 0 ? "up" : "down"} ${amount} points`;
}

function rankChangePhrase(change: Change, lang: Lang): string | null {
  if (change.rankDelta === null) return null;
  const n = Math.abs(change.rankDelta);
  if (lang === "vi") {
    return change.rankDelta === 0 ? "giữ nguyên thứ hạng" : `${change.rankDelta > 0 ? "tăng" : "giảm"} ${padCount(n)} bậc`;
  }
  if (change.rankDelta === 0) return "same rank";
  return `${change.rankDelta > 0 ? "up" : "down"} ${n} place${n === 1 ? "" : "s"}`;
}

function standing(profile: ProvinceProfile, lang: Lang, indexName: string): string {
  const { total, year } = profile;
  const who = provinceInText(profile.province.fullName, lang);
  const previousYear = total.change.previousScore !== null || total.change.status === "break" ? year - 1 : null;
  if (total.score === null) {
    return lang === "vi"
      ? `Theo kết quả công bố Chỉ số ${indexName} năm ${year}, ${who} không có điểm tổng hợp và không được xếp hạng (không đủ dữ liệu đánh giá).`
      : `In the ${indexName} ${year} results, ${who} has no aggregate score and no rank (not enough data to score it).`;
  }
  const max = formatCompact(total.max, 0, lang);
  const score = formatNumber(total.score, PRECISION.total, lang);
  const scoreChange = scoreChangePhrase(total.change, lang);
  const rankChange = rankChangePhrase(total.change, lang);
  const unranked = profile.unitCount - profile.rankedCount;
  const group = total.group;

  if (lang === "vi") {
    const since = previousYear ? ` so với năm ${previousYear}` : "";
    const parts = [`Theo kết quả công bố Chỉ số ${indexName} năm ${year}, ${who} đạt ${score}/${max} điểm`];
    if (total.change.status === "break") parts[0] += ` (không so sánh với năm ${year - 1} do thay đổi phương pháp tính)`;
    else if (scoreChange) parts[0] += `, ${scoreChange}${since}`;
    let rank = `xếp thứ ${total.rank}/${profile.unitCount} tỉnh, thành phố`;
    if (unranked > 0) rank += ` (${profile.rankedCount} tỉnh, thành phố có điểm tổng hợp)`;
    if (rankChange) rank += `, ${rankChange}${since}`;
    parts.push(rank);
    if (group) {
      const computed = total.groupSource === "computed" ? " (nhóm tính theo bách phân vị)" : "";
      parts.push(`ở nhóm thứ ${groupNumber(group)} là ${groupLabel(group, "vi").toLowerCase()}${computed}`);
    }
    return `${parts.join("; ")}.`;
  }
  const since = previousYear ? ` from ${previousYear}` : "";
  const parts = [`In the ${indexName} ${year} results, ${who} scored ${score}/${max}`];
  if (total.change.status === "break") parts[0] += ` (not compared with ${year - 1}: the method changed)`;
  else if (scoreChange) parts[0] += `, ${scoreChange}${since}`;
  let rank = `it ranked ${total.rank} of ${profile.unitCount} provinces`;
  if (unranked > 0) rank += ` (${profile.rankedCount} with an aggregate score)`;
  if (rankChange) rank += `, ${rankChange}${since}`;
  parts.push(rank);
  if (group) {
    const computed = total.groupSource === "computed" ? ", computed from percentiles" : "";
    parts.push(`group ${groupNumber(group)} (${groupLabel(group, "en").toLowerCase()}${computed})`);
  }
  return `${parts.join("; ")}.`;
}

function dimensionFindings(profile: ProvinceProfile, lang: Lang): string {
  const n = profile.dimensions.length;
  const byCode = new Map(profile.dimensions.map((d) => [d.code, d]));
  const name = (d: ProfileDimension) => (lang === "vi" ? d.nameVi : d.nameEn);
  const low = profile.findings.dimensionsBelowHalf.map((c) => byCode.get(c)!);
  const lowest = profile.findings.dimensionsInLowestGroup.map((c) => name(byCode.get(c)!));
  const highest = profile.findings.dimensionsInHighestGroup.map((c) => name(byCode.get(c)!));
  const half = formatCompact(10 / 2, 0, lang);
  const scored = (d: ProfileDimension) =>
    `${name(d)} ${lang === "vi" ? "đạt " : ""}${formatNumber(d.score!, PRECISION.dimension, lang)}/${formatCompact(d.max, 0, lang)}${lang === "vi" ? " điểm" : ""}`;

  if (lang === "vi") {
    const first =
      low.length > 0
        ? `${padCount(low.length)}/${n} chỉ số nội dung đạt điểm thấp so với điểm tối đa, gồm: ${low.map(scored).join("; ")}.`
        : `Không có chỉ số nội dung nào dưới ${half}/10 điểm.`;
    const lowestText =
      lowest.length > 0
        ? `Có ${padCount(lowest.length)}/${n} chỉ số nội dung xếp ở nhóm điểm thấp nhất, là: ${joinList(lowest, "vi")}`
        : "Không có chỉ số nội dung nào xếp ở nhóm điểm thấp nhất";
    const highestText =
      highest.length > 0
        ? `có ${padCount(highest.length)}/${n} chỉ số nội dung xếp ở nhóm điểm cao nhất, là: ${joinList(highest, "vi")}`
        : "chưa có chỉ số nội dung xếp ở nhóm điểm cao nhất";
    return `- ${first} ${lowestText}; ${highestText}.`;
  }
  const first =
    low.length > 0
      ? `${low.length} of ${n} dimensions score below half of their maximum: ${low.map(scored).join("; ")}.`
      : `No dimension scores below ${half}/10.`;
  const lowestText =
    lowest.length > 0
      ? `${lowest.length} of ${n} dimensions are in the lowest group: ${joinList(lowest, "en")}`
      : "No dimension is in the lowest group";
  const highestText =
    highest.length > 0
      ? `${highest.length} of ${n} are in the highest group: ${joinList(highest, "en")}`
      : "none is in the highest group";
  return `- ${first} ${lowestText}; ${highestText}.`;
}

/**
 * What "low" means for a sub-dimension: under a share of its maximum (the explorer's rule), or under a number
 * of points ("dưới 1 điểm", how a plan's opening lists them).
 */
export type WeakThreshold = { kind: "ratio" } | { kind: "points"; points: number };

function subdimensionFindings(profile: ProvinceProfile, lang: Lang, threshold: WeakThreshold): string {
  const n = profile.subdimensions.length;
  const byCode = new Map(profile.subdimensions.map((s) => [s.code, s]));
  const weak = profile.findings.weakSubdimensions.map((c) => byCode.get(c)!);
  const atMax = profile.findings.subdimensionsAtMax.map((c) => byCode.get(c)!);
  const percent = Math.round(profile.weakRatio * 100);
  const below =
    threshold.kind === "points"
      ? lang === "vi"
        ? `dưới ${formatCompact(threshold.points, 2, lang)} điểm`
        : `below ${formatCompact(threshold.points, 2, lang)} point${threshold.points === 1 ? "" : "s"}`
      : lang === "vi"
        ? `dưới ${percent}% điểm tối đa`
        : `below ${percent}% of the maximum`;
  const item = (s: (typeof weak)[number]) =>
    `${lang === "vi" ? s.nameVi : s.nameEn} ${formatNumber(s.score!, PRECISION.subdimension, lang)}/${formatCompact(s.max, 1, lang)}${lang === "vi" ? " điểm" : ""}`;

  if (lang === "vi") {
    const maxText =
      atMax.length > 0
        ? `có ${padCount(atMax.length)} nội dung thành phần đạt điểm tối đa (${joinList(atMax.map((s) => s.nameVi), "vi")})`
        : "chưa có nội dung thành phần đạt điểm tối đa";
    const weakText =
      weak.length > 0
        ? `còn một số nội dung thành phần đạt điểm thấp (${below}), gồm: ${weak.map(item).join("; ")}`
        : `không có nội dung thành phần nào ${below}`;
    return `- Trong ${n} nội dung thành phần ${maxText} và ${weakText}.`;
  }
  const maxText =
    atMax.length > 0
      ? `${atMax.length} reach the maximum (${joinList(atMax.map((s) => s.nameEn), "en")})`
      : "none reaches its maximum";
  const weakText =
    weak.length > 0
      ? `some score low (${below}): ${weak.map(item).join("; ")}`
      : `none is ${below}`;
  return `- Of the ${n} sub-dimensions, ${maxText}, and ${weakText}.`;
}

/** The opening of a results analysis, one string per paragraph. */
export function describeProvinceYear(
  profile: ProvinceProfile,
  lang: Lang,
  indexName = profile.indexCode,
  threshold: WeakThreshold = { kind: "ratio" },
): string[] {
  const paragraphs = [standing(profile, lang, indexName)];
  if (profile.dimensions.some((d) => d.score !== null)) paragraphs.push(dimensionFindings(profile, lang));
  if (profile.subdimensions.some((s) => s.score !== null)) paragraphs.push(subdimensionFindings(profile, lang, threshold));
  return paragraphs;
}
