/**
 * `chiso user …` and `chiso province setup`: what an operator does on the server itself — create the
 * first administrator, reset a password when nobody can sign in, set a province up. They act with the
 * machine owner's authority ("cli:<os user>" in the audit log).
 */
import type { Services } from "../../compose.ts";
import type { Role } from "../../domain/access.ts";
import { ROLE_LABELS } from "../../domain/directory-sheet.ts";
import { formatDateTime, type Lang } from "../../domain/format.ts";
import { AppError } from "../../errors.ts";
import { cliActor } from "../../services/actor.ts";
import { table } from "../output.ts";
import { printJson } from "../run.ts";

/** The password piped on standard input (first line), so it never shows in the shell history or `ps`. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

export interface UserAddOptions {
  name?: string;
  email?: string;
  admin?: boolean;
  role?: Exclude<Role, "admin">;
  province?: string;
  organisation?: string;
  passwordStdin?: boolean;
}

export async function userAddCommand(services: Services, lang: Lang, username: string, options: UserAddOptions) {
  const roles: { role: Role; organisationId: number | null }[] = [];
  if (options.admin) roles.push({ role: "admin", organisationId: null });
  if (options.role) {
    if (!options.province || !options.organisation) throw new AppError("cli.role-needs-place", "invalid");
    const province = (await services.results.catalog()).provinceByKey(options.province);
    const organisation = (await services.organisations.list(cliActor(), province.id)).find(
      (o) => o.code.toLowerCase() === options.organisation!.toLowerCase(),
    );
    if (!organisation) throw new AppError("organisation.not-found", "not-found", { organisation: `${options.organisation} (${province.name})` });
    roles.push({ role: options.role, organisationId: organisation.id });
  }
  if (roles.length === 0) throw new AppError("cli.role-needs-place", "invalid");
  const password = options.passwordStdin ? await readPasswordFromStdin() : null;
  const { person, temporaryPassword } = await services.people.create(cliActor(), {
    username,
    fullName: options.name ?? (options.admin ? "Quản trị hệ thống" : username),
    email: options.email ?? null,
    password,
    roles,
  });
  console.log(lang === "vi" ? `Đã tạo tài khoản ${person.username} (${person.fullName}).` : `Created ${person.username} (${person.fullName}).`);
  if (temporaryPassword) {
    console.log(
      lang === "vi"
        ? `Mật khẩu tạm (chỉ hiện lần này; người dùng phải đổi khi đăng nhập lần đầu): ${temporaryPassword}`
        : `Temporary password (shown only now; to be changed at first sign-in): ${temporaryPassword}`,
    );
  }
}

export async function userResetCommand(services: Services, lang: Lang, username: string) {
  const person = await services.people.findByUsername(username);
  if (!person) throw new AppError("user.not-found", "not-found", { user: username });
  const { temporaryPassword } = await services.people.resetPassword(cliActor(), person.id);
  console.log(
    lang === "vi"
      ? `Đã đặt lại mật khẩu của ${person.username}, mở khoá và kết thúc mọi phiên. Mật khẩu tạm (chỉ hiện lần này): ${temporaryPassword}`
      : `Reset ${person.username}'s password, lifted any lock, ended every session. Temporary password (shown only now): ${temporaryPassword}`,
  );
}

export async function userListCommand(services: Services, lang: Lang, options: { json?: boolean }) {
  const people = await services.people.list(cliActor(), { includeDisabled: true });
  if (options.json) {
    printJson(people);
    return;
  }
  const roles = (p: (typeof people)[number]) =>
    p.roles.map((r) => `${ROLE_LABELS[r.role][lang]}${r.organisationCode ? ` @ ${r.organisationCode}` : ""}`).join(", ");
  const state = (p: (typeof people)[number]) =>
    p.disabled
      ? lang === "vi" ? "vô hiệu" : "disabled"
      : p.lockedUntil && p.lockedUntil > new Date()
        ? `${lang === "vi" ? "khoá đến" : "locked until"} ${formatDateTime(p.lockedUntil, lang)}`
        : lang === "vi" ? "hoạt động" : "active";
  console.log(
    table(
      lang === "vi" ? ["Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái"] : ["Username", "Name", "Roles", "State"],
      people.map((p) => [p.username, p.fullName, roles(p), state(p)]),
    ),
  );
}

export async function provinceSetupCommand(services: Services, lang: Lang, code: string, options: { communes: boolean }) {
  const province = (await services.results.catalog()).provinceByKey(code);
  const { created } = await services.organisations.setupProvince(cliActor(), province.id, { communes: options.communes });
  console.log(
    lang === "vi"
      ? `Đã tạo ${created} cơ quan, đơn vị cho ${province.fullName}.`
      : `Created ${created} organisations for ${province.nameEn ?? province.name}.`,
  );
}
