/** The explorer's tables as downloadable sheets (CSV / XLSX), headers in the user's language. */
import type { Lang } from "../domain/format.ts";
import { groupLabel, type Group } from "../domain/groups.ts";
import { roundTo } from "../domain/year-results.ts";
import type { ExportTable } from "../spreadsheets/write.ts";
import { compareRows } from "./compare-rows.ts";
import type { presentMerged, presentProfile, presentRankings } from "./results.ts";

type Rankings = ReturnType<typeof presentRankings>;
type Profile = ReturnType<typeof presentProfile>;
type Merged = ReturnType<typeof presentMerged>;

const T = {
  vi: {
    rank: "Hạng",
    code: "Mã",
    province: "Tỉnh, thành phố",
    score: "Điểm",
    max: "Điểm tối đa",
    ratio: "Tỷ lệ so với tối đa",
    group: "Nhóm",
    groupSource: "Nguồn xếp nhóm",
    official: "Chính thức",
    computed: "Tính theo bách phân vị",
    delta: "Thay đổi điểm so với năm trước",
    rankDelta: "Thay đổi thứ hạng (+ là tăng)",
    item: "Nội dung",
    level: "Cấp",
    dimension: "Chỉ số nội dung",
    subdimension: "Nội dung thành phần",
    total: "Chỉ số tổng hợp",
    weak: "Điểm thấp",
    yes: "Có",
    newUnit: "Đơn vị từ 01/07/2025",
    constituents: "Gồm các tỉnh cũ",
    estimate: "Điểm ước tính (trung bình các tỉnh cũ)",
    coverage: "Số tỉnh cũ có điểm",
    estimateNote: "Ước tính: trung bình cộng không trọng số điểm của các tỉnh cũ; không phải số liệu chính thức.",
  },
  en: {
    rank: "Rank",
    code: "Code",
    province: "Province",
    score: "Score",
    max: "Maximum",
    ratio: "Share of maximum",
    group: "Group",
    groupSource: "Group source",
    official: "Official",
    computed: "Computed from percentiles",
    delta: "Change from previous year",
    rankDelta: "Rank change (+ = up)",
    item: "Item",
    level: "Level",
    dimension: "Dimension",
    subdimension: "Sub-dimension",
    total: "Aggregate index",
    weak: "Weak",
    yes: "Yes",
    newUnit: "Unit from 1 July 2025",
    constituents: "Former provinces",
    estimate: "Estimated score (mean of former provinces)",
    coverage: "Former provinces with a score",
    estimateNote: "Estimate: unweighted mean of the former provinces' scores; not an official figure.",
  },
} as const;

const groupText = (group: Group | null, lang: Lang) => (group ? groupLabel(group, lang) : null);
/** Share of the maximum, to 6 decimals like the API's ratios: 0.58851, not 0.5885100000000001. */
const share = (score: number | null, max: number) => (score === null ? null : roundTo(score / max, 6));

export function rankingsTable(data: Rankings, lang: Lang): ExportTable {
  const t = T[lang];
  const what = data.dimension ? `${data.dimension.code} ${data.dimension.name}` : t.total;
  return {
    sheetName: `${data.index} ${data.year}`,
    title: [`${data.index} ${data.year} — ${what}`, data.framework.note],
    columns: [
      { key: "rank", header: t.rank, width: 7 },
      { key: "code", header: t.code, width: 7 },
      { key: "province", header: t.province, width: 24 },
      { key: "score", header: `${t.score} (/${data.max})`, numberFormat: "0.0000" },
      { key: "group", header: t.group, width: 30 },
      { key: "groupSource", header: t.groupSource, width: 22 },
      { key: "delta", header: t.delta, numberFormat: "+0.0000;-0.0000;0.0000", width: 16 },
      { key: "rankDelta", header: t.rankDelta, width: 14 },
    ],
    rows: data.rows.map((r) => ({
      rank: r.rank,
      code: r.province.code,
      province: r.province.name,
      score: r.score,
      group: groupText(r.group, lang),
      groupSource: r.groupSource ? t[r.groupSource] : null,
      delta: r.change.delta,
      rankDelta: r.change.rankDelta,
    })),
  };
}

export function profileTable(data: Profile, lang: Lang): ExportTable {
  const t = T[lang];
  const rows: ExportTable["rows"] = [
    {
      level: t.total,
      code: data.index,
      item: t.total,
      score: data.total,
      max: data.max,
      ratio: share(data.total, data.max),
      rank: data.rank,
      group: groupText(data.group, lang),
      weak: null,
      delta: data.change.delta,
    },
  ];
  for (const d of data.dimensions) {
    rows.push({
      level: t.dimension,
      code: d.code,
      item: d.name,
      score: d.score,
      max: d.max,
      ratio: share(d.score, d.max),
      rank: d.rank,
      group: groupText(d.group, lang),
      weak: d.belowHalf ? t.yes : null,
      delta: d.change.delta,
    });
    for (const s of data.subdimensions.filter((x) => x.dimension === d.code)) {
      rows.push({
        level: t.subdimension,
        code: s.code,
        item: s.name,
        score: s.score,
        max: s.max,
        ratio: s.ratio,
        rank: s.rank,
        group: null,
        weak: s.weak ? t.yes : null,
        delta: s.change.delta,
      });
    }
  }
  return {
    sheetName: `${data.province.name} ${data.year}`,
    title: [`${data.index} ${data.year} — ${data.province.fullName}`, ...data.summary],
    columns: [
      { key: "level", header: t.level, width: 18 },
      { key: "code", header: t.code, width: 7 },
      { key: "item", header: t.item, width: 48 },
      { key: "score", header: t.score, numberFormat: "0.0000" },
      { key: "max", header: t.max, numberFormat: "0.00" },
      { key: "ratio", header: t.ratio, numberFormat: "0.0%" },
      { key: "rank", header: t.rank, width: 7 },
      { key: "group", header: t.group, width: 30 },
      { key: "weak", header: t.weak, width: 9 },
      { key: "delta", header: t.delta, numberFormat: "+0.0000;-0.0000;0.0000", width: 16 },
    ],
    rows,
  };
}

export function compareTable(data: Profile[], lang: Lang): ExportTable {
  const t = T[lang];
  const first = data[0]!;
  return {
    sheetName: `${first.index} ${first.year}`,
    title: [`${first.index} ${first.year} — ${data.map((p) => p.province.name).join(", ")}`],
    columns: [
      { key: "code", header: t.code, width: 7 },
      { key: "item", header: t.item, width: 48 },
      ...data.flatMap((p) => [
        { key: `s${p.province.code}`, header: `${p.province.name}: ${t.score}`, numberFormat: "0.0000", width: 16 },
        { key: `r${p.province.code}`, header: `${p.province.name}: ${t.rank}`, width: 12 },
      ]),
    ],
    rows: compareRows(data, t.total).map((row) => ({
      code: row.code,
      item: row.name,
      ...Object.fromEntries(
        data.flatMap((p, i) => [
          [`s${p.province.code}`, row.values[i]!.score],
          [`r${p.province.code}`, row.values[i]!.rank],
        ]),
      ),
    })),
  };
}

export function mergedTable(data: Merged, lang: Lang): ExportTable {
  const t = T[lang];
  return {
    sheetName: `${data.index} ${data.year} (34)`,
    title: [`${data.index} ${data.year} — ${t.newUnit}`, t.estimateNote],
    columns: [
      { key: "code", header: t.code, width: 7 },
      { key: "unit", header: t.newUnit, width: 22 },
      { key: "constituents", header: t.constituents, width: 60 },
      { key: "estimate", header: t.estimate, numberFormat: "0.0000", width: 18 },
      { key: "coverage", header: t.coverage, width: 12 },
    ],
    rows: data.units.map((u) => ({
      code: u.unit.code,
      unit: u.unit.name,
      constituents: u.constituents
        .map((c) => `${c.unit.name} (${c.total === null ? "—" : c.total.toFixed(4)})`)
        .join("; "),
      estimate: u.estimate.total,
      coverage: `${u.estimate.coverage.scored}/${u.estimate.coverage.of}`,
    })),
  };
}
