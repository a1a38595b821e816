import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { parseEmailAddress } from "./mail-address.js";

/** One message to one addressee, plain text. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where mail to users goes (R-SEC-1 enrolment codes): somewhere the API's caller cannot read. Built
 * once at start from SMTP_URL or MAIL_OUTBOX_DIR (mailTransportFor); `configured` false: no
 * transport (production without either), and whatever needs one is refused before it writes.
 */
export interface MailTransport {
  readonly configured: boolean;
  /** What kind of transport, for logs and docs (never the URL: it may hold a password). */
  readonly kind: "smtp" | "outbox" | "none";
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  smtpUrl?: string | undefined;
  /** MAIL_OUTBOX_DIR: one RFC 822 .eml file per message. */
  outboxDir?: string | undefined;
  /** MAIL_FROM: the sender address. */
  from: string;
}

/**
 * nodemailer builds the messages of both transports (headers, encodings, Message-ID, Date): the
 * outbox files are exactly what SMTP would carry.
 */
export function mailTransportFor(settings: MailSettings): MailTransport {
  if (settings.smtpUrl) return smtpTransport(settings.smtpUrl, settings.from);
  if (settings.outboxDir) return outboxTransport(settings.outboxDir, settings.from);
  return NO_TRANSPORT;
}

/**
 * R-SEC-1, finding F1: nodemailer parses `to` as an address list, unquoting and unescaping it, so a
 * quoted spelling of someone else's address was delivered to that someone. Whatever reaches a
 * transport is one plain address (mail-address.ts), passed as an address, never as text to parse;
 * anything else (a row stored before the rule) is refused with an error that names no address.
 */
export class RecipientAddressError extends Error {
  constructor() {
    super("recipient is not a plain e-mail address");
    this.name = "RecipientAddressError";
  }
}

function recipient(to: string): { name: string; address: string } {
  const parsed = parseEmailAddress(to);
  if (!parsed) throw new RecipientAddressError();
  return { name: "", address: parsed.address };
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    configured: true,
    kind: "smtp",
    async send(message) {
      await transporter.sendMail({ from, ...message, to: recipient(message.to) });
    },
    close: () => transporter.close(),
  };
}

/**
 * As Django's file-based e-mail backend: each message an .eml file in a folder that the machine's
 * operator reads (mode 0700, files 0600) and API users cannot. Written under a temporary name and
 * renamed, so a reader never sees half a message.
 */
export function outboxTransport(dir: string, from: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    configured: true,
    kind: "outbox",
    async send(message) {
      const info = await builder.sendMail({ from, ...message, to: recipient(message.to) });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(6).toString("hex")}.eml`;
      const partial = join(dir, `.${name}.part`);
      await writeFile(partial, info.message as Buffer, { mode: 0o600 });
      await rename(partial, join(dir, name));
    },
    close: () => builder.close(),
  };
}

export const NO_TRANSPORT: MailTransport = Object.freeze({
  configured: false,
  kind: "none",
  send: () => Promise.reject(new Error("no mail transport is configured")),
  close: () => {},
});
