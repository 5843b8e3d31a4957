/**
 * Notification e-mails when SMTP is configured: sent after the step is committed, to the people told in the
 * app who have an address, in Vietnamese; a mail server that fails is logged and never fails the step.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SYSTEM_ACTOR } from "../../src/services/actor.ts";
import { createMailer, type Mail } from "../../src/services/mailer.ts";
import { createReportService } from "../../src/services/reports.ts";
import { describeNotification, periodInWords } from "../../src/domain/notifications.ts";
import { createWorld, type World } from "../accounts/support.ts";
import { regimeWithTask } from "./support.ts";

describe("notification e-mails", () => {
  let w: World;
  let regime: number;
  let organisationId: number;

  beforeAll(async () => {
    w = await createWorld("pglite");
    organisationId = w.A.org.STC!;
    const leader = await w.personWith("leader", organisationId);
    await w.services.people.update(SYSTEM_ACTOR, leader.userId, { email: "lanh.dao@stc.laocai.gov.vn" });
    await w.personWith("leader", organisationId); // a second leader without an address: told in the app only
    regime = await regimeWithTask(w, "7/KH-UBND", [organisationId]);
  });
  afterAll(async () => {
    await w?.close();
  });

  test("a submission e-mails the agency's leaders who have an address, through a real nodemailer transport", async () => {
    const sent: Mail[] = [];
    const transport = createMailer({ jsonTransport: true }, "Chỉ Số <bao-cao@laocai.gov.vn>")!;
    const reports = createReportService({ db: w.services.database.db, catalog: w.services.results.catalog, mailer: { send: async (m) => (sent.push(m), transport.send(m)) } });
    const report = await reports.open(SYSTEM_ACTOR, regime, organisationId, "2026-Q1");
    await reports.act(SYSTEM_ACTOR, report.report.id, "submit", { version: report.report.version });
    expect(sent).toEqual([
      {
        to: "lanh.dao@stc.laocai.gov.vn",
        subject: "[Chỉ Số] Sở Tài chính gửi báo cáo quý I/2026 chờ duyệt",
        text: "Báo cáo quý I/2026 của Sở Tài chính đã được gửi và đang chờ lãnh đạo duyệt.",
      },
    ]);
  });

  test("an unreachable mail server is logged; the step still happens", async () => {
    const log: string[] = [];
    const reports = createReportService({
      db: w.services.database.db,
      catalog: w.services.results.catalog,
      mailer: createMailer("smtp://127.0.0.1:9", "Chỉ Số <bao-cao@laocai.gov.vn>", (line) => log.push(line)),
    });
    const report = await reports.open(SYSTEM_ACTOR, regime, organisationId, "2026-Q2");
    const submitted = await reports.act(SYSTEM_ACTOR, report.report.id, "submit", { version: report.report.version });
    expect(submitted.report.status).toBe("submitted");
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^mail to lanh\.dao@stc\.laocai\.gov\.vn failed: /);
  });

  test("every kind reads as a sentence in both languages", () => {
    expect(periodInWords("2026-H1", "vi")).toBe("6 tháng đầu năm 2026");
    expect(describeNotification("report.return", { agency: "Sở Y tế", period: "2026-Q3", reason: "Thiếu số liệu." }, "vi").body).toBe(
      "Sở Nội vụ đã trả lại báo cáo quý III/2026 của Sở Y tế. Lý do: Thiếu số liệu.",
    );
    expect(describeNotification("report.reminder", { agency: "Sở Y tế", period: "2026-Q3", deadline: "2026-09-17", overdue: 1 }, "en").subject).toBe("Overdue: Sở Y tế's Q3 2026 report");
  });
});
