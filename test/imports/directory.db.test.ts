/**
 * Importing a province's agencies and people from real files (.xlsx built with exceljs, .csv as Excel
 * saves them, and files that are not sheets at all): every bad file is refused with its row and column
 * named and leaves the database exactly as it was; good files create, then update, then change nothing.
 */
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Services } from "../../src/compose.ts";
import type { DirectoryKind } from "../../src/domain/directory-sheet.ts";
import { AppError } from "../../src/errors.ts";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import type { DirectoryFailure } from "../../src/services/directory-import.ts";
import { directoryTemplate } from "../../src/spreadsheets/directory-template.ts";
import { createTestServices, ENGINES } from "../support/database.ts";

async function xlsx(sheets: Record<string, (string | number | Date | null)[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const text = (lines: string[]) => new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);

const ORG_HEADER = ["Mã", "Tên cơ quan", "Loại", "Mã cơ quan cấp trên", "Ký hiệu văn bản", "Hiệu lực từ"];
const PEOPLE_HEADER = ["Tên đăng nhập", "Họ và tên", "Vai trò", "Mã cơ quan", "Thư điện tử", "Chức vụ"];

describe.each(ENGINES)("directory import on %s", (engine) => {
  let services: Services;
  let province: number;

  async function state() {
    const rows = (await services.database.db.execute(
      sql.raw(
        "select (select count(*) from organisations)::int o, (select coalesce(sum(length(name) + coalesce(parent_id, 0)), 0)::int from organisations) oh, (select count(*) from users)::int u, (select count(*) from role_assignments)::int r, (select count(*) from audit_log)::int a",
      ),
    )) as { rows: Record<string, number>[] };
    return rows.rows[0]!;
  }

  async function run(kind: DirectoryKind, bytes: Uint8Array, options: { dryRun?: boolean; lang?: "vi" | "en" } = {}) {
    return services.directory.import(SYSTEM_ACTOR, {
      provinceUnitId: province,
      kind,
      bytes,
      fileName: "tệp.xlsx",
      dryRun: options.dryRun ?? false,
      lang: options.lang ?? "vi",
    });
  }

  /** The row errors of a refused file, after checking that nothing changed. */
  async function refused(kind: DirectoryKind, bytes: Uint8Array, lang: "vi" | "en" = "vi") {
    const before = await state();
    const error = await run(kind, bytes, { lang }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("directory.invalid-file");
    expect(await state()).toEqual(before);
    return ((error as AppError).details as DirectoryFailure).errors;
  }

  beforeAll(async () => {
    services = await createTestServices(engine, { seed: false });
    province = (await services.results.catalog()).unitId("vn34", "15")!;
    await services.organisations.setupProvince(SYSTEM_ACTOR, province, { communes: false });
  });
  afterAll(async () => {
    await services?.close();
  });

  test("agencies: a title row above the header, a guide sheet after it, kinds as people write them, parents later in the file", async () => {
    const bytes = await xlsx({
      "Danh sách": [
        ["DANH SÁCH CƠ QUAN, ĐƠN VỊ TỈNH LÀO CAI"],
        [],
        ORG_HEADER,
        ["BQLDA.GT", "Ban Quản lý dự án giao thông", "Ban quản lý", "BQLDA", "", "01/07/2025"],
        ["BQLDA", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "Đơn vị sự nghiệp", "UBND", "BQLDA", "1/7/2025"],
        ["SNV", "Sở Nội vụ", "Sở", "UBND", "SNV", "01/03/2025"],
      ],
      "Hướng dẫn": [["Cột", "Nội dung"]],
    });
    const dry = await run("organisations", bytes, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 3, created: 2, updated: 0, unchanged: 1 });
    const report = await run("organisations", bytes);
    expect(report.items.map((i) => [i.row, i.action, i.key])).toEqual([
      [4, "create", "BQLDA.GT"],
      [5, "create", "BQLDA"],
      [6, "unchanged", "SNV"],
    ]);
    const list = await services.organisations.list(SYSTEM_ACTOR, province);
    const parent = list.find((o) => o.code === "BQLDA")!;
    expect(list.find((o) => o.code === "BQLDA.GT")).toMatchObject({ parentId: parent.id, kind: "board", validFrom: "2025-07-01" });
    expect(await run("organisations", bytes)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  test("agencies: a changed name updates the body, with its before and after in the audit log", async () => {
    await run("organisations", text(["Mã;Tên cơ quan;Loại", "BQLDA;Ban Quản lý các dự án đầu tư xây dựng tỉnh;Ban quản lý, trung tâm"]));
    const list = await services.organisations.list(SYSTEM_ACTOR, province);
    const body = list.find((o) => o.code === "BQLDA")!;
    expect(body.name).toBe("Ban Quản lý các dự án đầu tư xây dựng tỉnh");
    // The sheet had no parent column: the tree stays as it was.
    expect(body.parentId).toBe(list.find((o) => o.code === "UBND")!.id);
    const log = await services.auditLog.query(SYSTEM_ACTOR, { entityType: "organisation", entityKey: String(body.id), action: "organisation.updated" });
    expect(log.entries[0]).toMatchObject({
      before: { name: "Ban Quản lý dự án đầu tư xây dựng tỉnh" },
      after: { name: "Ban Quản lý các dự án đầu tư xây dựng tỉnh" },
      provinceUnitId: province,
    });
  });

  test.each([
    ["missing columns", () => xlsx({ S: [["Mã", "Tên"], ["X", "Y"]] }), [{ code: "columns.missing", message: /Thiếu cột bắt buộc: Loại/ }]],
    [
      "an unknown kind, an impossible date, a code with spaces, an empty name",
      () => xlsx({ S: [ORG_HEADER, ["TTX", "Trung tâm X", "Công ty", "UBND", "", "31/02/2025"], ["T T", "", "Sở", "", "", ""]] }),
      [
        { row: 2, column: "Loại", code: "kind.unknown", message: /^Dòng 2, cột «Loại»: «Công ty» không phải loại cơ quan/ },
        { row: 2, column: "Hiệu lực từ", code: "date.invalid", message: /31\/02\/2025/ },
        { row: 3, column: "Tên cơ quan", code: "cell.required" },
        { row: 3, column: "Mã", code: "code.invalid" },
      ],
    ],
    [
      "a code twice in the file, a parent loop",
      () => xlsx({ S: [ORG_HEADER, ["A1", "Một", "Khác", "A2", "", ""], ["A2", "Hai", "Khác", "A1", "", ""], ["A1", "Một lần nữa", "Khác", "", "", ""]] }),
      [
        { row: 2, code: "parent.cycle" },
        { row: 3, code: "parent.cycle" },
        { row: 4, code: "row.duplicate", message: /trùng với dòng 2/ },
      ],
    ],
    [
      "a parent that exists nowhere, and a new body taking a current body's code is not possible twice",
      () => xlsx({ S: [ORG_HEADER, ["TTMOI", "Trung tâm mới", "Khác", "KHONGCO", "", ""]] }),
      [{ row: 2, code: "parent.unknown", message: /KHONGCO/ }],
    ],
  ])("agencies refused: %s", async (_name, make, expected) => {
    const errors = await refused("organisations", await make());
    expect(errors).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(errors[i]).toMatchObject(e));
  });

  test("people: created with one-time passwords (one person, two roles on two rows), then updated, then unchanged", async () => {
    const bytes = await xlsx({
      "Người dùng": [
        PEOPLE_HEADER,
        ["nguyenvana.snv", "Nguyễn Văn A", "Điều phối", "SNV", "NguyenVanA@LaoCai.gov.vn", "Chuyên viên"],
        ["nguyenvana.snv", "Nguyễn Văn A", "Xem", "UBND", "", ""],
        ["tranthib.stc", "Trần Thị B", "Chuyên viên", "STC", "", "Chuyên viên"],
      ],
    });
    const dry = await run("people", bytes, { dryRun: true });
    expect(dry).toMatchObject({ created: 2, credentials: [] });
    expect(await services.people.findByUsername("nguyenvana.snv")).toBeNull();
    const report = await run("people", bytes);
    expect(report.credentials.map((c) => c.username)).toEqual(["nguyenvana.snv", "tranthib.stc"]);
    for (const c of report.credentials) expect(c.temporaryPassword).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/);
    const a = (await services.people.findByUsername("nguyenvana.snv"))!;
    expect(a).toMatchObject({ email: "nguyenvana@laocai.gov.vn", mustChangePassword: true });
    expect(a.roles.map((r) => `${r.role}@${r.organisationCode}`).sort()).toEqual(["coordinator@SNV", "viewer@UBND"]);
    const changed = await run("people", await xlsx({ S: [PEOPLE_HEADER, ["tranthib.stc", "Trần Thị Bình", "Lãnh đạo", "STC", "", ""]] }));
    expect(changed).toMatchObject({ created: 0, updated: 1, credentials: [] });
    const b = (await services.people.findByUsername("tranthib.stc"))!;
    expect(b.fullName).toBe("Trần Thị Bình");
    expect(b.roles.map((r) => r.role).sort()).toEqual(["leader", "officer"]);
    // The first file again puts the first name back: an update, not a silent no-op.
    expect(await run("people", bytes)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await run("people", bytes)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  test.each([
    [
      "an unknown body, the administrator role, a bad username and e-mail",
      () =>
        xlsx({
          S: [
            PEOPLE_HEADER,
            ["le.c", "Lê C", "Chuyên viên", "SKHĐT", "", ""],
            ["pham.d", "Phạm D", "Quản trị hệ thống", "SNV", "", ""],
            ["Võ E", "Võ E", "Xem", "UBND", "vo.e@", ""],
          ],
        }),
      [
        { row: 2, column: "Mã cơ quan", code: "organisation.unknown", message: /SKHĐT/ },
        { row: 3, column: "Vai trò", code: "role.unknown" },
        { row: 4, column: "Tên đăng nhập", code: "username.invalid" },
        { row: 4, column: "Thư điện tử", code: "email.invalid" },
      ],
    ],
    [
      "one username with two different names; an e-mail another account has",
      () =>
        xlsx({
          S: [
            PEOPLE_HEADER,
            ["hoang.f", "Hoàng F", "Chuyên viên", "STC", "", ""],
            ["hoang.f", "Hoàng Văn F", "Xem", "UBND", "", ""],
            ["moi.g", "Mới G", "Chuyên viên", "STC", "nguyenvana@laocai.gov.vn", ""],
          ],
        }),
      [
        { row: 3, code: "person.conflicting-rows", message: /dòng 2/ },
        { row: 4, code: "row.refused", message: /nguyenvana@laocai\.gov\.vn/ },
      ],
    ],
  ])("people refused: %s", async (_name, make, expected) => {
    const errors = await refused("people", await make());
    expect(errors).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(errors[i]).toMatchObject(e));
  });

  test("people refused by the database: an e-mail another account has is a row error, and nobody of the file is created", async () => {
    const errors = await refused(
      "people",
      await xlsx({ S: [PEOPLE_HEADER, ["moi.h", "Mới H", "Chuyên viên", "STC", "", ""], ["moi.g", "Mới G", "Chuyên viên", "STC", "nguyenvana@laocai.gov.vn", ""]] }),
    );
    expect(errors).toEqual([expect.objectContaining({ row: 3, code: "row.refused", message: expect.stringContaining("nguyenvana@laocai.gov.vn") })]);
    expect(await services.people.findByUsername("moi.h")).toBeNull();
  });

  test("files that are not sheets are named for what they are; English with lang en", async () => {
    const pdf = await refused("people", new TextEncoder().encode("%PDF-1.7\n1 0 obj\n"));
    expect(pdf[0]!.message).toMatch(/PDF/);
    const xls = await refused("organisations", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), "en");
    expect(xls[0]!.message).toMatch(/\.xls/);
    const empty = await refused("organisations", new Uint8Array());
    expect(empty[0]!.message).toMatch(/trống|rỗng|empty/i);
    const english = await refused("organisations", await xlsx({ S: [ORG_HEADER, ["X1", "X", "Nhà máy", "", "", ""]] }), "en");
    expect(english[0]!.message).toMatch(/^Row 2, column "Loại": "Nhà máy" is not a kind of body/);
  });

  test("the templates are what the importer reads: a filled template imports", async () => {
    for (const kind of ["organisations", "people"] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await directoryTemplate(kind)) as never);
      expect(workbook.worksheets.map((w) => w.name)).toContain("Hướng dẫn");
    }
    const template = await directoryTemplate("organisations");
    const report = await run("organisations", new Uint8Array(template), { dryRun: true });
    expect(report.rows).toBe(2);
  });
});
