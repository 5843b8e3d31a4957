/**
 * The reference data a request needs, in memory: index frameworks, the provinces of both periods and the
 * 63 → 34 succession. Rebuilt when the database's data version changes (see cache.ts).
 */
import { versionForYear, type FrameworkVersion, type IndexDefinition } from "../domain/frameworks.ts";
import type { Lang } from "../domain/format.ts";
import { isValidOn, matchProvince, unitReferenceDate, type AdminUnit, type UnitSet } from "../domain/units.ts";
import type { CatalogRows } from "../db/repositories/reference.repo.ts";
import { AppError } from "../errors.ts";

export type Province = AdminUnit & { id: number };

export const UNIT_SET_LABELS: Record<UnitSet, Record<Lang, string>> = {
  vn63: { vi: "63 tỉnh, thành phố (đến 30/06/2025)", en: "63 provinces (until 30 June 2025)" },
  vn34: { vi: "34 tỉnh, thành phố (từ 01/07/2025)", en: "34 provinces (from 1 July 2025)" },
};

export class Catalog {
  readonly indices: ReadonlyMap<string, IndexDefinition>;
  private readonly provincesBySet: Record<UnitSet, Province[]>;
  private readonly unitIdByKey: Map<string, number>;
  private readonly provinceById: Map<number, Province>;

  constructor(private readonly rows: CatalogRows) {
    this.indices = new Map(rows.indices.map((i) => [i.code, i]));
    this.provincesBySet = {
      vn63: rows.provinces.filter((p) => p.set === "vn63"),
      vn34: rows.provinces.filter((p) => p.set === "vn34"),
    };
    this.unitIdByKey = new Map(rows.provinces.map((p) => [`${p.set}|${p.code}`, p.id]));
    this.provinceById = new Map(rows.provinces.map((p) => [p.id, p]));
  }

  provinceOfId(id: number): Province | undefined {
    return this.provinceById.get(id);
  }

  /** A province by the key the signed-in API uses: "19" (of the 34) or "vn63-10" (before 01/07/2025). */
  provinceByKey(key: string): Province {
    const [set, code] = key.startsWith("vn63-") ? (["vn63", key.slice(5)] as const) : (["vn34", key] as const);
    const id = this.unitId(set, code);
    const province = id === undefined ? undefined : this.provinceById.get(id);
    if (!province) throw new AppError("province.not-found", "not-found", { query: key, year: set === "vn34" ? "2025" : "2024", hint: "", hintEn: "" });
    return province;
  }

  nodeOfId(id: number): { indexCode: string; versionCode: string; code: string } | undefined {
    return this.rows.nodesById.get(id);
  }

  index(code: string): IndexDefinition {
    const index = this.indices.get(code.toUpperCase());
    if (!index) throw new AppError("index.not-found", "not-found", { index: code });
    return index;
  }

  version(indexCode: string, year: number): FrameworkVersion {
    const index = this.index(indexCode);
    const version = versionForYear(index, year);
    if (!version) {
      throw new AppError("year.no-framework", "not-found", {
        index: index.code,
        year,
        firstYear: index.versions[0]?.fromYear ?? "",
      });
    }
    return version;
  }

  provinces(set: UnitSet): readonly Province[] {
    return this.provincesBySet[set];
  }

  /** The unit set whose provinces an index's results for `year` are keyed by. */
  unitSetFor(indexCode: string, year: number): UnitSet {
    const date = unitReferenceDate(this.index(indexCode).unitsValidOn, year);
    return (["vn63", "vn34"] as const).find((set) => this.provincesBySet[set].some((p) => isValidOn(p, date))) ?? "vn34";
  }

  provincesFor(indexCode: string, year: number): { set: UnitSet; units: readonly Province[] } {
    const set = this.unitSetFor(indexCode, year);
    const date = unitReferenceDate(this.index(indexCode).unitsValidOn, year);
    return { set, units: this.provincesBySet[set].filter((p) => isValidOn(p, date)) };
  }

  unitId(set: UnitSet, code: string): number | undefined {
    return this.unitIdByKey.get(`${set}|${code}`);
  }

  nodeId(versionCode: string, nodeCode: string): number | undefined {
    return this.rows.nodeIds.get(`${versionCode}|${nodeCode}`);
  }

  successorOf(oldCode: string): Province | undefined {
    const s = this.rows.successions.find((x) => x.predecessorCode === oldCode);
    return s ? this.provincesBySet.vn34.find((p) => p.code === s.successorCode) : undefined;
  }

  predecessorsOf(newCode: string): Province[] {
    const codes = new Set(this.rows.successions.filter((s) => s.successorCode === newCode).map((s) => s.predecessorCode));
    return this.provincesBySet.vn63.filter((p) => codes.has(p.code));
  }

  /**
   * A province and the ones its bodies and plans cross the 2025 merger with: a 63-era province and its
   * successor, or a 34-era one and its predecessors (an old plan is carried on by the new province's bodies).
   */
  familyOf(provinceUnitId: number): number[] {
    const province = this.provinceOfId(provinceUnitId);
    if (!province) return [provinceUnitId];
    if (province.set === "vn63") {
      const successor = this.successorOf(province.code);
      return successor ? [provinceUnitId, successor.id] : [provinceUnitId];
    }
    return [provinceUnitId, ...this.predecessorsOf(province.code).map((p) => p.id)];
  }

  successions() {
    return this.rows.successions;
  }

  /**
   * A province the user named that exists, but in the other period: explains why it is not accepted for
   * `year` and which unit to use instead ("Huế" for 2021 → Thừa Thiên Huế).
   */
  otherPeriodHint(indexCode: string, query: string, year: number): { vi: string; en: string } | null {
    const current = this.unitSetFor(indexCode, year);
    const other: UnitSet = current === "vn63" ? "vn34" : "vn63";
    const match = matchProvince(query, this.provincesBySet[other]);
    if (!match.ok) return null;
    const unit = match.unit;
    if (other === "vn34") {
      const olds = this.predecessorsOf(unit.code).map((p) => p.name);
      return {
        vi: `«${unit.name}» là đơn vị hành chính từ 01/07/2025; kết quả năm ${year} tính theo tỉnh cũ: ${olds.join(", ")}.`,
        en: `"${unit.name}" is a unit from 1 July 2025; ${year} results belong to the former provinces: ${olds.join(", ")}.`,
      };
    }
    const successor = this.successorOf(unit.code);
    return {
      vi: `«${unit.name}» là tỉnh trước 01/07/2025${successor ? `, nay thuộc ${successor.name}` : ""}.`,
      en: `"${unit.name}" is a province before 1 July 2025${successor ? `, now part of ${successor.name}` : ""}.`,
    };
  }

  /** Resolves a user's province query for a year, or throws a not-found / ambiguous AppError. */
  resolveProvince(indexCode: string, query: string, year: number): Province {
    const { units } = this.provincesFor(indexCode, year);
    const match = matchProvince(query, units);
    if (match.ok) return match.unit;
    if (match.reason === "ambiguous") {
      throw new AppError("province.ambiguous", "not-found", {
        query,
        candidates: match.candidates.map((c) => c.name).join(", "),
      });
    }
    const hint = this.otherPeriodHint(indexCode, query, year);
    throw new AppError("province.not-found", "not-found", {
      query,
      year,
      hint: hint?.vi ?? "",
      hintEn: hint?.en ?? "",
    });
  }
}

/** The key of provinceByKey, for links and answers. */
export function provinceKey(province: Pick<Province, "set" | "code">): string {
  return province.set === "vn34" ? province.code : `vn63-${province.code}`;
}

export function provinceRef(province: Province) {
  return { id: province.id, key: provinceKey(province), code: province.code, set: province.set, name: province.name, fullName: province.fullName };
}
