/**
 * The Excel templates for importing agencies and people: the columns the importer recognises, two
 * example rows, and a guide sheet listing the kinds of body and the roles as the importer accepts them.
 */
import { DIRECTORY_COLUMNS, ROLE_LABELS, type DirectoryKind } from "../domain/directory-sheet.ts";
import { KIND_LABELS, ORGANISATION_KINDS } from "../domain/organisations.ts";

const EXAMPLES: Record<DirectoryKind, string[][]> = {
  organisations: [
    ["SNV", "Sở Nội vụ", "Sở, ban, ngành", "UBND", "SNV", "Department of Home Affairs", "01/03/2025", ""],
    ["TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", "Ban quản lý, trung tâm", "VP", "TTPVHCC", "", "01/07/2025", ""],
  ],
  people: [
    ["nguyenvana.snv", "Nguyễn Văn A", "Điều phối", "SNV", "nguyenvana@example.gov.vn", "Chuyên viên", "0912 345 678"],
    ["tranthib.stc", "Trần Thị B", "Chuyên viên", "STC", "", "Chuyên viên", ""],
  ],
};

export async function directoryTemplate(kind: DirectoryKind): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Chỉ Số";
  const sheet = workbook.addWorksheet(kind === "organisations" ? "Cơ quan, đơn vị" : "Người dùng");
  const columns = DIRECTORY_COLUMNS[kind];
  const header = sheet.addRow(columns.map((c) => c.vi));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(14, c.vi.length + 4);
    if (c.required) header.getCell(i + 1).note = "Bắt buộc / required";
  });
  for (const example of EXAMPLES[kind]) sheet.addRow(example);
  // Codes like "01" or dates must stay text: Excel would turn them into numbers.
  sheet.columns.forEach((column) => (column.numFmt = "@"));
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  const guide = workbook.addWorksheet("Hướng dẫn");
  guide.getColumn(1).width = 34;
  guide.getColumn(2).width = 80;
  const line = (a: string, b = "") => guide.addRow([a, b]);
  line("Cột", "Nội dung").font = { bold: true };
  for (const c of columns) line(c.vi + (c.required ? " (bắt buộc)" : ""), `${c.en}; cũng nhận: ${c.aliases.join(", ") || "—"}`);
  line("");
  if (kind === "organisations") {
    line("Loại cơ quan", "Ghi đúng một trong các tên sau").font = { bold: true };
    for (const k of ORGANISATION_KINDS) line(KIND_LABELS[k].vi, KIND_LABELS[k].en);
    line("");
    line("Ghi chú", "Mã đã có trong tỉnh thì dòng đó cập nhật cơ quan; mã mới thì thêm cơ quan. Ngày ghi dd/mm/yyyy.");
  } else {
    line("Vai trò", "Ghi đúng một trong các tên sau").font = { bold: true };
    for (const [role, label] of Object.entries(ROLE_LABELS)) if (role !== "admin") line(label.vi, label.en);
    line("");
    line("Ghi chú", "Một người có nhiều vai trò thì ghi nhiều dòng cùng tên đăng nhập. Người mới nhận mật khẩu tạm, hiện một lần sau khi nhập.");
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
