import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/errors/index.js';
import { createMailer, OutboxMailer, SmtpMailer } from '../../../src/resources/index.js';
import { freePort } from '../../support/free-port.js';

const message = {
  to: ['ops@example.com', 'dev@example.com'],
  subject: 'Call abc',
  body: 'caller=+32475000001',
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vms-outbox-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Received {
  from: string | undefined;
  to: string[];
  data: string;
}

/** A real SMTP server on loopback; resolves each received message through `next()`. */
async function startSmtp(): Promise<{ url: string; next: Promise<Received> }> {
  let deliver: (m: Received) => void = () => {};
  const next = new Promise<Received>((resolve) => (deliver = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
        deliver({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${port}`, next };
}

describe('OutboxMailer', () => {
  it('writes each message as one JSON file in the outbox directory', async () => {
    const dir = join(await tempDir(), 'nested', 'outbox');
    const mailer = new OutboxMailer({
      outboxDir: dir,
      from: 'vms@localhost',
      now: () => Date.UTC(2026, 11, 25, 9),
    });
    const first = await mailer.send(message);
    const second = await mailer.send({ ...message, subject: 'Call def' });
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.startsWith('2026-12-25T09-00-00-000Z-') && f.endsWith('.json'))).toBe(true);
    const records = await Promise.all(
      files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8'))),
    );
    expect(records.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(records.find((r) => r.id === first.id)).toEqual({
      id: first.id,
      createdAt: '2026-12-25T09:00:00.000Z',
      from: 'vms@localhost',
      ...message,
    });
  });

  it('fails with RESOURCES_MAIL_FAILED when the outbox cannot be written', async () => {
    const file = join(await tempDir(), 'not-a-directory');
    await writeFile(file, '');
    const mailer = new OutboxMailer({ outboxDir: join(file, 'outbox'), from: 'vms@localhost' });
    const err = await mailer.send(message).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'RESOURCES_MAIL_FAILED')).toBe(true);
  });
});

describe('SmtpMailer', () => {
  it('delivers the message to a real SMTP server', async () => {
    const smtp = await startSmtp();
    const mailer = new SmtpMailer({ smtpUrl: smtp.url, from: 'vms@example.org' });
    cleanups.push(async () => mailer.close());
    const { id } = await mailer.send(message);
    const received = await smtp.next;
    expect(id).toMatch(/^<.+>$/);
    expect(received.from).toBe('vms@example.org');
    expect(received.to).toEqual(message.to);
    expect(received.data).toContain('Subject: Call abc');
    expect(received.data).toContain('caller=+32475000001');
    expect(received.data).toContain(`Message-ID: ${id}`);
  });

  it('fails with RESOURCES_MAIL_FAILED when no server answers', async () => {
    const port = await freePort();
    const mailer = new SmtpMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'vms@example.org' });
    const err = await mailer.send(message).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'RESOURCES_MAIL_FAILED')).toBe(true);
  });
});

describe('createMailer', () => {
  it('uses SMTP when an SMTP URL is configured, the outbox otherwise', async () => {
    const dir = await tempDir();
    expect(createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', outboxDir: dir, from: 'a@b' })).toBeInstanceOf(
      SmtpMailer,
    );
    const outbox = createMailer({ smtpUrl: undefined, outboxDir: dir, from: 'a@b' });
    expect(outbox).toBeInstanceOf(OutboxMailer);
    await outbox.send(message);
    expect(await readdir(dir)).toHaveLength(1);
  });
});
