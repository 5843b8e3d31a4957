/** Index frameworks and administrative units in the database: saving the shipped data, reading it back. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Dimension, FrameworkNode, IndexDefinition } from "../../domain/frameworks.ts";
import type { AdminUnit, UnitSet } from "../../domain/units.ts";
import type { Executor } from "../client.ts";
import { adminUnits, frameworkNodes, frameworkVersions, indices, unitSuccessions } from "../schema.ts";

export async function saveIndexDefinition(tx: Executor, definition: IndexDefinition, sha256: string): Promise<void> {
  const indexRow = {
    code: definition.code,
    nameVi: definition.nameVi,
    nameEn: definition.nameEn,
    publisherVi: definition.publisherVi,
    publisherEn: definition.publisherEn,
    levels: definition.levels,
    unitsValidOn: definition.unitsValidOn,
    publishedDecimals: definition.publishedDecimals,
    definitionSha256: sha256,
  };
  await tx.insert(indices).values(indexRow).onConflictDoUpdate({ target: indices.code, set: indexRow });

  for (const version of definition.versions) {
    const versionRow = {
      indexCode: definition.code,
      code: version.code,
      fromYear: version.fromYear,
      toYear: version.toYear,
      aggregation: version.aggregation,
      breakFromPrevious: version.breakFromPrevious,
      noteVi: version.noteVi,
      noteEn: version.noteEn,
    };
    const [{ id: versionId }] = (await tx
      .insert(frameworkVersions)
      .values(versionRow)
      .onConflictDoUpdate({ target: frameworkVersions.code, set: versionRow })
      .returning({ id: frameworkVersions.id })) as [{ id: number }];

    let position = 0;
    const saveNode = async (node: FrameworkNode, level: number, parentId: number | null) => {
      const row = {
        versionId,
        parentId,
        level,
        code: node.code,
        slug: node.slug,
        nameVi: node.nameVi,
        nameEn: node.nameEn,
        maxScore: node.max,
        weight: node.weight,
        redefined: node.redefined,
        position: position++,
      };
      const [saved] = await tx
        .insert(frameworkNodes)
        .values(row)
        .onConflictDoUpdate({ target: [frameworkNodes.versionId, frameworkNodes.code], set: row })
        .returning({ id: frameworkNodes.id });
      return saved!.id;
    };
    for (const dimension of version.dimensions) {
      const dimensionId = await saveNode(dimension, 1, null);
      for (const child of dimension.children) await saveNode(child, 2, dimensionId);
    }
  }
}

export interface UnitRow extends AdminUnit {
  level: "province" | "commune";
  parentCode: string | null;
}

/** Upserts units by (set, code) and the 63 → 34 successions; never deletes (old plans may point at a unit). */
export async function saveUnits(
  tx: Executor,
  units: readonly UnitRow[],
  successions: readonly { predecessorCode: string; successorCode: string; effectiveOn: string }[],
): Promise<void> {
  const row = (u: UnitRow, parentId: number | null) => ({
    unitSet: u.set,
    code: u.code,
    level: u.level,
    kind: u.kind,
    name: u.name,
    fullName: u.fullName,
    nameEn: u.nameEn,
    parentId,
    validFrom: u.validFrom,
    validTo: u.validTo,
  });
  const upsert = async (batch: ReturnType<typeof row>[]) => {
    for (let i = 0; i < batch.length; i += 1000) {
      await tx
        .insert(adminUnits)
        .values(batch.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [adminUnits.unitSet, adminUnits.code],
          set: {
            level: sql`excluded.level`,
            kind: sql`excluded.kind`,
            name: sql`excluded.name`,
            fullName: sql`excluded.full_name`,
            nameEn: sql`excluded.name_en`,
            parentId: sql`excluded.parent_id`,
            validFrom: sql`excluded.valid_from`,
            validTo: sql`excluded.valid_to`,
          },
        });
    }
  };
  await upsert(units.filter((u) => u.level === "province").map((u) => row(u, null)));
  const ids = await unitIds(tx);
  await upsert(
    units
      .filter((u) => u.level === "commune")
      .map((u) => row(u, u.parentCode ? (ids.get(`${u.set}|${u.parentCode}`) ?? null) : null)),
  );
  const successionRows = successions.map((s) => ({
    predecessorId: ids.get(`vn63|${s.predecessorCode}`)!,
    successorId: ids.get(`vn34|${s.successorCode}`)!,
    effectiveOn: s.effectiveOn,
  }));
  if (successionRows.some((s) => s.predecessorId === undefined || s.successorId === undefined)) {
    throw new Error("a succession names a unit that is not in the shipped lists");
  }
  await tx.insert(unitSuccessions).values(successionRows).onConflictDoNothing();
}

/** "vn63|06" → id, for provinces. */
export async function unitIds(db: Executor, level: "province" | "commune" = "province"): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: adminUnits.id, unitSet: adminUnits.unitSet, code: adminUnits.code })
    .from(adminUnits)
    .where(eq(adminUnits.level, level));
  return new Map(rows.map((r) => [`${r.unitSet}|${r.code}`, r.id]));
}

export interface CatalogRows {
  indices: IndexDefinition[];
  /** "PAPI-2021|5.2" → node id */
  nodeIds: Map<string, number>;
  /** node id → where it belongs */
  nodesById: Map<number, { indexCode: string; versionCode: string; code: string }>;
  provinces: (AdminUnit & { id: number })[];
  successions: { predecessorCode: string; successorCode: string; effectiveOn: string }[];
}

export async function loadCatalogRows(db: Executor): Promise<CatalogRows> {
  const [indexRows, versionRows, nodeRows, provinceRows, successionRows] = await Promise.all([
    db.select().from(indices).orderBy(asc(indices.code)),
    db.select().from(frameworkVersions).orderBy(asc(frameworkVersions.fromYear)),
    db.select().from(frameworkNodes).orderBy(asc(frameworkNodes.position)),
    db.select().from(adminUnits).where(eq(adminUnits.level, "province")).orderBy(asc(adminUnits.code)),
    db.select().from(unitSuccessions),
  ]);
  const provinceById = new Map(provinceRows.map((p) => [p.id, p]));
  const versionCode = new Map(versionRows.map((v) => [v.id, v.code]));
  const versionIndex = new Map(versionRows.map((v) => [v.id, v.indexCode]));
  const nodeIds = new Map(nodeRows.map((n) => [`${versionCode.get(n.versionId)}|${n.code}`, n.id]));
  const nodesById = new Map(
    nodeRows.map((n) => [
      n.id,
      { indexCode: versionIndex.get(n.versionId)!, versionCode: versionCode.get(n.versionId)!, code: n.code },
    ]),
  );
  const toNode = (n: (typeof nodeRows)[number]): FrameworkNode => ({
    code: n.code,
    slug: n.slug,
    nameVi: n.nameVi,
    nameEn: n.nameEn,
    max: n.maxScore,
    weight: n.weight,
    redefined: n.redefined,
  });
  const definitions = indexRows.map(
    (index): IndexDefinition => ({
      code: index.code,
      nameVi: index.nameVi,
      nameEn: index.nameEn,
      publisherVi: index.publisherVi,
      publisherEn: index.publisherEn,
      levels: index.levels,
      unitsValidOn: index.unitsValidOn,
      publishedDecimals: index.publishedDecimals,
      versions: versionRows
        .filter((v) => v.indexCode === index.code)
        .map((v) => {
          const nodes = nodeRows.filter((n) => n.versionId === v.id);
          return {
            indexCode: index.code,
            publishedDecimals: index.publishedDecimals,
            code: v.code,
            fromYear: v.fromYear,
            toYear: v.toYear,
            aggregation: v.aggregation,
            breakFromPrevious: v.breakFromPrevious,
            noteVi: v.noteVi,
            noteEn: v.noteEn,
            dimensions: nodes
              .filter((n) => n.level === 1)
              .map((d): Dimension => ({ ...toNode(d), children: nodes.filter((c) => c.parentId === d.id).map(toNode) })),
          };
        }),
    }),
  );
  return {
    indices: definitions,
    nodeIds,
    nodesById,
    provinces: provinceRows.map((p) => ({
      id: p.id,
      set: p.unitSet as UnitSet,
      code: p.code,
      name: p.name,
      fullName: p.fullName,
      nameEn: p.nameEn,
      kind: p.kind,
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    successions: successionRows.map((s) => ({
      predecessorCode: provinceById.get(s.predecessorId)!.code,
      successorCode: provinceById.get(s.successorId)!.code,
      effectiveOn: s.effectiveOn,
    })),
  };
}

export async function listCommunes(db: Executor, provinceCode: string) {
  const [province] = await db
    .select({ id: adminUnits.id })
    .from(adminUnits)
    .where(and(eq(adminUnits.unitSet, "vn34"), eq(adminUnits.level, "province"), eq(adminUnits.code, provinceCode)));
  if (!province) return null;
  return db
    .select({
      code: adminUnits.code,
      name: adminUnits.name,
      fullName: adminUnits.fullName,
      nameEn: adminUnits.nameEn,
      kind: adminUnits.kind,
      validFrom: adminUnits.validFrom,
      validTo: adminUnits.validTo,
    })
    .from(adminUnits)
    .where(eq(adminUnits.parentId, province.id))
    .orderBy(asc(adminUnits.code));
}

export async function countUnits(db: Executor, unitSet: UnitSet, level: "province" | "commune"): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(adminUnits)
    .where(and(eq(adminUnits.unitSet, unitSet), eq(adminUnits.level, level)));
  return row?.n ?? 0;
}
