/**
 * A notification in words, in the reader's language: what the app's inbox and the e-mails say. The
 * records store a kind and its parameters, so a change of wording never rewrites history. Pure.
 */
import { formatDate, type Lang } from "./format.ts";

/** "quý I/2026", "6 tháng/2026", "9 tháng/2026", "năm 2026" from a period key. */
export function periodInWords(key: string, lang: Lang): string {
  const match = /^(\d{4})-(Q([1-4])|H1|9M|Y)$/.exec(key);
  if (!match) return key;
  const year = match[1]!;
  const roman = ["I", "II", "III", "IV"];
  if (match[3]) return lang === "vi" ? `quý ${roman[Number(match[3]) - 1]}/${year}` : `Q${match[3]} ${year}`;
  if (match[2] === "H1") return lang === "vi" ? `6 tháng đầu năm ${year}` : `first half of ${year}`;
  if (match[2] === "9M") return lang === "vi" ? `9 tháng năm ${year}` : `nine months of ${year}`;
  return lang === "vi" ? `năm ${year}` : `year ${year}`;
}

export interface NotificationText {
  subject: string;
  body: string;
}

export function describeNotification(kind: string, params: Record<string, unknown>, lang: Lang): NotificationText {
  const agency = String(params.agency ?? "");
  const period = periodInWords(String(params.period ?? ""), lang);
  const reason = params.reason ? String(params.reason) : "";
  const vi = lang === "vi";
  switch (kind) {
    case "report.submit":
      return vi
        ? { subject: `${agency} gửi báo cáo ${period} chờ duyệt`, body: `Báo cáo ${period} của ${agency} đã được gửi và đang chờ lãnh đạo duyệt.` }
        : { subject: `${agency} sent its ${period} report for approval`, body: `The ${period} report of ${agency} was sent and awaits the leader's approval.` };
    case "report.approve":
      return vi
        ? { subject: `Báo cáo ${period} của ${agency} chờ Sở Nội vụ tiếp nhận`, body: `Lãnh đạo ${agency} đã duyệt báo cáo ${period}; báo cáo chờ Sở Nội vụ xem xét, tiếp nhận.` }
        : { subject: `${agency}'s ${period} report awaits review`, body: `${agency}'s leader approved the ${period} report; it awaits review by the Department of Home Affairs.` };
    case "report.send-back":
      return vi
        ? { subject: `Báo cáo ${period} được trả lại để chỉnh sửa`, body: `Lãnh đạo đã trả lại báo cáo ${period} của ${agency}. Lý do: ${reason}` }
        : { subject: `The ${period} report was sent back for changes`, body: `The leader sent back ${agency}'s ${period} report. Reason: ${reason}` };
    case "report.accept":
      return vi
        ? { subject: `Báo cáo ${period} của ${agency} đã được tiếp nhận`, body: `Sở Nội vụ đã tiếp nhận báo cáo ${period} của ${agency}.` }
        : { subject: `${agency}'s ${period} report was accepted`, body: `The Department of Home Affairs accepted ${agency}'s ${period} report.` };
    case "report.return":
      return vi
        ? { subject: `Báo cáo ${period} của ${agency} bị trả lại`, body: `Sở Nội vụ đã trả lại báo cáo ${period} của ${agency}. Lý do: ${reason}` }
        : { subject: `${agency}'s ${period} report was returned`, body: `The Department of Home Affairs returned ${agency}'s ${period} report. Reason: ${reason}` };
    case "report.reopen":
      return vi
        ? { subject: `Báo cáo ${period} của ${agency} được mở lại`, body: `Sở Nội vụ đã mở lại báo cáo ${period} của ${agency} để chỉnh sửa. Lý do: ${reason}` }
        : { subject: `${agency}'s ${period} report was reopened`, body: `The Department of Home Affairs reopened ${agency}'s ${period} report for a correction. Reason: ${reason}` };
    case "report.reminder": {
      const deadline = params.deadline ? formatDate(String(params.deadline)) : "";
      const overdue = Number(params.overdue) === 1;
      return vi
        ? {
            subject: overdue ? `Quá hạn: báo cáo ${period} của ${agency}` : `Nhắc: báo cáo ${period} của ${agency} hạn ${deadline}`,
            body: overdue
              ? `Báo cáo ${period} của ${agency} đã quá hạn gửi (${deadline}) mà chưa được gửi. Đề nghị hoàn thành và gửi ngay.`
              : `Báo cáo ${period} của ${agency} cần gửi trước hết ngày ${deadline}.`,
          }
        : {
            subject: overdue ? `Overdue: ${agency}'s ${period} report` : `Reminder: ${agency}'s ${period} report is due ${deadline}`,
            body: overdue ? `${agency}'s ${period} report was due on ${deadline} and has not been sent. Please complete and send it now.` : `${agency}'s ${period} report is due by the end of ${deadline}.`,
          };
    }
    default:
      return { subject: kind, body: kind };
  }
}
