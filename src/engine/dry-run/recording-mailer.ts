import type { Mailer } from '../ports.js';

export interface RecordedMail {
  readonly id: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly body: string;
}

/** Mailer for dry runs: keeps the messages instead of sending them. */
export class RecordingMailer implements Mailer {
  readonly sent: RecordedMail[] = [];

  async send(message: { to: readonly string[]; subject: string; body: string }): Promise<{ id: string }> {
    const id = `dry-run-${this.sent.length + 1}`;
    this.sent.push({ id, ...message });
    return { id };
  }
}
