/** `chiso rankings` and `chiso analyze`: the explorer's answers in a terminal or as JSON for scripts. */
import { formatNumber, formatSigned, type Lang } from "../../domain/format.ts";
import { groupLabel } from "../../domain/groups.ts";
import { AppError } from "../../errors.ts";
import { presentProfile, presentRankings } from "../../presenters/results.ts";
import type { Services } from "../../compose.ts";
import { printJson } from "../run.ts";
import { table } from "../output.ts";


export async function rankingsCommand(
  services: Services,
  lang: Lang,
  options: { year: number; dimension?: string; index: string; json?: boolean },
) {
  const { results } = services;
  const catalog = await results.catalog();
  const analysis = await results.year(options.index, options.year);
  const dimension = options.dimension ? `D${options.dimension.replace(/^[Dd]/, "")}` : undefined;
  if (dimension && !analysis.version.dimensions.some((d) => d.code === dimension)) {
    throw new AppError("dimension.not-found", "not-found", {
      year: options.year,
      dimension: options.dimension!,
      valid: analysis.version.dimensions.map((d) => d.code).join(", "),
    });
  }
  const data = presentRankings({
    analysis,
    previous: await results.previousYear(options.index, options.year),
    dimension,
    unitSet: catalog.unitSetFor(options.index, options.year),
    lang,
  });
  if (options.json) {
    printJson(
      data.rows.map((r) => ({
        province: { code: r.province.code, name: r.province.name },
        score: r.score,
        rank: r.rank,
        group: r.group,
        groupSource: r.groupSource,
      })),
    );
    return;
  }
  const vi = lang === "vi";
  const title = `${data.index} ${data.year} — ${data.dimension ? `${data.dimension.code} ${data.dimension.name}` : vi ? "Chỉ số tổng hợp" : "Aggregate index"} (/${data.max})`;
  process.stdout.write(`${title}\n\n`);
  process.stdout.write(
    `${table(
      vi ? ["Hạng", "Mã", "Tỉnh, thành phố", "Điểm", "Nhóm", "Thay đổi"] : ["Rank", "Code", "Province", "Score", "Group", "Change"],
      data.rows.map((r) => [
        r.rank,
        r.province.code,
        r.province.name,
        r.score === null ? null : formatNumber(r.score, 4, lang),
        r.group ? `${groupLabel(r.group, lang)}${r.groupSource === "official" ? (vi ? " (chính thức)" : " (official)") : ""}` : null,
        r.change.delta === null ? null : formatSigned(r.change.delta, 4, lang),
      ]),
      ["r", "l", "l", "r", "l", "r"],
    )}\n`,
  );
  const n = data.national;
  if (n) {
    process.stdout.write(
      `\n${vi ? "Cả nước" : "National"}: n=${n.count}, min ${formatNumber(n.min, 4, lang)}, ${vi ? "trung bình" : "mean"} ${formatNumber(n.mean, 4, lang)}, ${vi ? "trung vị" : "median"} ${formatNumber(n.median, 4, lang)}, max ${formatNumber(n.max, 4, lang)}\n`,
    );
    if (data.rows.some((r) => r.groupSource === "computed")) {
      process.stdout.write(
        vi
          ? "Nhóm không ghi «chính thức» được tính theo bách phân vị (≥P75, ≥P50, ≥P25).\n"
          : "Groups not marked official are computed from percentiles (≥P75, ≥P50, ≥P25).\n",
      );
    }
  }
}

export async function analyzeCommand(
  services: Services,
  lang: Lang,
  options: { province: string; year: number; index: string; weakRatio?: number; json?: boolean },
) {
  const { results } = services;
  const catalog = await results.catalog();
  await results.year(options.index, options.year); // "no results for 2030" before "no such province in 2030"
  const { profile, province } = await results.profile({
    indexCode: options.index,
    year: options.year,
    province: options.province,
    weakRatio: options.weakRatio,
  });
  const data = presentProfile({
    profile,
    province,
    catalog,
    version: catalog.version(options.index, options.year),
    indexName: catalog.index(options.index).code,
    lang,
  });
  if (options.json) {
    printJson({ ...data, province: { ...data.province } });
    return;
  }
  const vi = lang === "vi";
  process.stdout.write(`${data.index} ${data.year} — ${data.province.fullName}\n\n`);
  process.stdout.write(`${data.summary.join("\n")}\n\n`);
  process.stdout.write(
    `${table(
      vi ? ["Mã", "Chỉ số nội dung", "Điểm", "Hạng", "Nhóm", "Thay đổi"] : ["Code", "Dimension", "Score", "Rank", "Group", "Change"],
      data.dimensions.map((d) => [
        d.code,
        d.name,
        d.score === null ? null : `${formatNumber(d.score, 2, lang)}/${d.max}${d.belowHalf ? " ▼" : ""}`,
        d.rank,
        d.group ? groupLabel(d.group, lang) : null,
        d.change.delta === null ? null : formatSigned(d.change.delta, 2, lang),
      ]),
      ["l", "l", "r", "r", "l", "r"],
    )}\n\n`,
  );
  process.stdout.write(
    `${table(
      vi ? ["Mã", "Nội dung thành phần", "Điểm", "Tỷ lệ", "Hạng"] : ["Code", "Sub-dimension", "Score", "Share", "Rank"],
      data.subdimensions.map((s) => [
        s.code,
        s.name,
        s.score === null ? null : `${formatNumber(s.score, 2, lang)}/${formatNumber(s.max, 2, lang)}`,
        s.ratio === null ? null : `${formatNumber(s.ratio * 100, 0, lang)}%${s.weak ? " ▼" : ""}`,
        s.rank,
      ]),
      ["l", "l", "r", "r", "r"],
    )}\n`,
  );
  process.stdout.write(
    vi
      ? `\n▼ chỉ số nội dung dưới 5/10; nội dung thành phần dưới ${Math.round(data.weakRatio * 100)}% điểm tối đa.\n`
      : `\n▼ dimension under 5/10; sub-dimension under ${Math.round(data.weakRatio * 100)}% of its maximum.\n`,
  );
}
