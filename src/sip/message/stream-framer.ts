import { AppError } from '../../errors/index.js';

export interface StreamFramerOptions {
  /** Largest message (headers and body) accepted, in bytes; default 64 KiB. */
  readonly maxMessageSize?: number;
  /** Called for each CRLFCRLF keep-alive ping between messages; answer with a CRLF pong (RFC 5626 §3.5.1). */
  readonly onKeepAlive?: () => void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
/** Content-Length or its compact form `l` at the start of a header line (§7.3.3), value in digits. */
const CONTENT_LENGTH = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*)/gi;

/**
 * Cuts a TCP byte stream into whole SIP messages by Content-Length (§18.3): several messages per chunk,
 * messages split anywhere, CRLF keep-alives skipped (RFC 5626 §3.5.1). Returns each message's bytes,
 * ready for `parseMessage`. Throws `SIP_FRAMING_ERROR` (no or bad Content-Length) or
 * `SIP_MESSAGE_TOO_LARGE`; after an error the stream cannot be resynchronised: close the connection.
 */
export class StreamFramer {
  readonly #maxMessageSize: number;
  readonly #onKeepAlive: (() => void) | undefined;
  #pending: Buffer = Buffer.alloc(0);

  constructor(options: StreamFramerOptions = {}) {
    this.#maxMessageSize = options.maxMessageSize ?? 64 * 1024;
    this.#onKeepAlive = options.onKeepAlive;
  }

  /** Bytes received but not yet part of a whole message. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  push(chunk: Buffer): Buffer[] {
    let data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const messages: Buffer[] = [];
    for (;;) {
      data = this.#skipKeepAlives(data);
      const length = this.#nextMessageLength(data);
      if (length === undefined || length > data.length) break;
      messages.push(data.subarray(0, length));
      data = data.subarray(length);
    }
    this.#pending = data;
    return messages;
  }

  #skipKeepAlives(data: Buffer): Buffer {
    let start = 0;
    while (start < data.length && (data[start] === 13 || data[start] === 10)) {
      if (data[start] === 10 && start >= 3 && data.subarray(start - 3, start + 1).equals(CRLFCRLF)) {
        this.#onKeepAlive?.();
      }
      start++;
    }
    return start === 0 ? data : data.subarray(start);
  }

  /** Total length of the message at the start of `data`, or undefined while its headers are incomplete. */
  #nextMessageLength(data: Buffer): number | undefined {
    const headEnd = data.indexOf(CRLFCRLF);
    if (headEnd < 0) {
      if (data.length > this.#maxMessageSize) this.#fail(tooLarge(data.length, this.#maxMessageSize));
      return undefined;
    }
    const total = headEnd + 4 + this.#contentLength(data.toString('latin1', 0, headEnd));
    if (total > this.#maxMessageSize) this.#fail(tooLarge(total, this.#maxMessageSize));
    return total;
  }

  #contentLength(head: string): number {
    const values = [...head.matchAll(CONTENT_LENGTH)].map((match) => (match[1] ?? '').trim());
    if (values.length === 0) this.#fail(framingError('no Content-Length on a stream transport (§18.3)'));
    if (values.length > 1) this.#fail(framingError('several Content-Length headers'));
    const value = values[0]!;
    if (!/^\d{1,10}$/.test(value))
      this.#fail(framingError(`malformed Content-Length "${value.slice(0, 20)}"`));
    return Number(value);
  }

  #fail(error: AppError): never {
    this.#pending = Buffer.alloc(0);
    throw error;
  }
}

function tooLarge(size: number, max: number): AppError {
  return new AppError('SIP_MESSAGE_TOO_LARGE', `SIP message of ${size} bytes exceeds ${max}`, {
    details: { size, max, status: 413 },
  });
}

function framingError(message: string): AppError {
  return new AppError('SIP_FRAMING_ERROR', message, { details: { status: 400 } });
}
