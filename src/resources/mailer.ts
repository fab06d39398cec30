import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.js';
import type { Mailer } from '../engine/ports.js';
import { AppError } from '../errors/app-error.js';

type MailMessage = Parameters<Mailer['send']>[0];

/** P12 through a real SMTP server (VMS_SMTP_URL, e.g. `smtp://user:pass@mail.example.com:587`). */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(options: { smtpUrl: string; from: string }) {
    this.#transport = nodemailer.createTransport(options.smtpUrl);
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: [...message.to],
        subject: message.subject,
        text: message.body,
      });
      return { id: String(info.messageId) };
    } catch (err) {
      // nodemailer's message never carries the URL's password, so it is safe to pass on.
      const why = err instanceof Error ? err.message : String(err);
      throw new AppError('RESOURCES_MAIL_FAILED', `SMTP refused the e-mail "${message.subject}": ${why}`, {
        cause: err,
        details: { to: message.to },
      });
    }
  }

  close(): void {
    this.#transport.close();
  }
}

/** What an outbox file holds: one JSON object per message. */
export interface OutboxMessage {
  readonly id: string;
  readonly createdAt: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

/**
 * The embedded default: each message becomes `<outboxDir>/<time>-<id>.json`, so nothing is lost when
 * no SMTP server is configured. Written under a temporary name then renamed, so whoever collects the
 * outbox never reads half a message.
 */
export class OutboxMailer implements Mailer {
  readonly #dir: string;
  readonly #from: string;
  readonly #now: () => number;

  constructor(options: { outboxDir: string; from: string; now?: () => number }) {
    this.#dir = options.outboxDir;
    this.#from = options.from;
    this.#now = options.now ?? Date.now;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const id = randomUUID();
    const createdAt = new Date(this.#now()).toISOString();
    const record: OutboxMessage = { id, createdAt, from: this.#from, ...message, to: [...message.to] };
    const name = `${createdAt.replace(/[:.]/g, '-')}-${id}.json`;
    try {
      await mkdir(this.#dir, { recursive: true });
      await writeFile(join(this.#dir, `.${name}.tmp`), `${JSON.stringify(record, null, 2)}\n`);
      await rename(join(this.#dir, `.${name}.tmp`), join(this.#dir, name));
    } catch (err) {
      throw new AppError(
        'RESOURCES_MAIL_FAILED',
        `cannot write the e-mail to the outbox ${this.#dir}: ${err}`,
        {
          cause: err,
          details: { outboxDir: this.#dir },
        },
      );
    }
    return { id };
  }
}

/** SMTP when VMS_SMTP_URL is set, else the outbox directory (VMS_OUTBOX_DIR). */
export function createMailer(config: Config['mail'], options: { now?: () => number } = {}): Mailer {
  if (config.smtpUrl) return new SmtpMailer({ smtpUrl: config.smtpUrl, from: config.from });
  return new OutboxMailer({ outboxDir: config.outboxDir, from: config.from, ...options });
}
