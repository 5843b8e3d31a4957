/**
 * E-mail for notifications, when an SMTP server is configured (CHISO_SMTP_URL): each message is sent after
 * the change it reports is committed, and a mail server that fails never fails the change — the in-app
 * notification is already there. Without SMTP, nothing is sent.
 */
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** `transport`: an smtp:// or smtps:// URL, or a nodemailer transport's options (tests use jsonTransport). */
export function createMailer(transport: string | Record<string, unknown> | undefined, from: string, log: (line: string) => void = console.warn): Mailer | null {
  if (!transport) return null;
  const transporter: Transporter = nodemailer.createTransport(transport as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        log(`mail to ${mail.to} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
