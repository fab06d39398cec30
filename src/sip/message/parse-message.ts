import { EMPTY_BODY } from './build-message.js';
import { decimalValue, isJsSpace, isToken } from './char-classes.js';
import { createMessage } from './create-message.js';
import { addLine, HeaderMap } from './header-map.js';
import { frequentHeaderName, normalizeHeaderName } from './header-names.js';
import { parseError } from './parse-error.js';
import { clip } from './parse-uri.js';
import { parseStartLine } from './start-line.js';
import type { SipMessage } from './types.js';

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

/**
 * Parses one SIP message from a datagram or a frame cut by `StreamFramer` (§7, §18.3).
 * Content-Length counts bytes: a longer body is truncated, a shorter one is an error; without
 * Content-Length the body runs to the end of the data. Headers are split into lines once; Call-ID, CSeq,
 * Via and To are parsed now, From and the Request-URI of a new request too; the rest when read (see
 * `ParseNow`). The body is a copy.
 * Throws `SIP_PARSE_ERROR` with `details.status` (400, or 505 for another SIP version).
 */
export function parseMessage(data: Buffer): SipMessage {
  let start = 0;
  // §7.5: CRLFs before the start line are ignored.
  while (start < data.length && (data[start] === 13 || data[start] === 10)) start++;
  const { head, bodyStart } = readHead(data, start);
  const lineEnd = head.indexOf('\n');
  const startLine = parseStartLine(stripCr(lineEnd < 0 ? head : head.slice(0, lineEnd)));
  const headers = lineEnd < 0 ? new HeaderMap([], []) : parseHeaderLines(head, lineEnd + 1);
  const body = cutBody(data, bodyStart, headers.rawLines('content-length'));
  const parseNow = startLine.kind === 'request' ? 'request' : 'routing';
  return createMessage(startLine, headers, body, undefined, parseNow);
}

/**
 * The header block as text and where the body starts. Bare LF line ends are tolerated (robustness, §7.5
 * only promises CRLF) when they come first: a head cut at the first CRLFCRLF that holds an LFLF ends at
 * that LFLF instead. Looking for it in the decoded text, not the bytes, keeps the usual message to one
 * search in the datagram.
 */
function readHead(data: Buffer, start: number): { head: string; bodyStart: number } {
  const crlf = data.indexOf(CRLFCRLF, start);
  if (crlf >= 0) {
    const head = data.toString('utf8', start, crlf);
    if (head.indexOf('\n\n') < 0) return { head, bodyStart: crlf + 4 };
  }
  const lf = data.indexOf(LFLF, start);
  if (lf >= 0) return { head: data.toString('utf8', start, lf), bodyStart: lf + 2 };
  if (start >= data.length) throw parseError('empty message');
  throw parseError('no empty line after the headers');
}

/** One pass over the header lines: unfolds continuation lines (§7.3.1), expands compact names (§7.3.3). */
function parseHeaderLines(head: string, from: number): HeaderMap {
  const names: string[] = [];
  const lines: string[][] = [];
  let name: string | undefined;
  let value = '';
  let pos = from;
  while (pos < head.length) {
    const newline = head.indexOf('\n', pos);
    const next = newline < 0 ? head.length : newline;
    const end = head.charCodeAt(next - 1) === 13 ? next - 1 : next;
    const first = head.charCodeAt(pos);
    if (first === 32 || first === 9) {
      if (name === undefined) throw parseError('continuation line before any header');
      const more = trimmedSlice(head, pos, end);
      value = value.length === 0 ? more : `${value} ${more}`;
    } else {
      if (name !== undefined) addLine(names, lines, name, value);
      const colon = head.indexOf(':', pos);
      if (colon < 0 || colon >= end) throw parseError(`malformed header line: ${clip(head.slice(pos, end))}`);
      name = frequentHeaderName(head, pos, colon) ?? headerName(head.slice(pos, colon));
      value = trimmedSlice(head, colon + 1, end);
    }
    pos = next + 1;
  }
  if (name !== undefined) addLine(names, lines, name, value);
  return new HeaderMap(names, lines);
}

/** A header name as written, LWS before the colon allowed (§7.3.1); throws unless it is a token. */
function headerName(written: string): string {
  const rawName = written.trimEnd();
  if (!isToken(rawName)) throw parseError(`malformed header name: ${clip(rawName)}`);
  return normalizeHeaderName(rawName);
}

function cutBody(data: Buffer, bodyStart: number, contentLength: readonly string[]): Buffer {
  if (contentLength.length === 0) return copyOf(data, bodyStart, data.length);
  if (contentLength.length > 1) throw parseError('several Content-Length headers');
  const text = contentLength[0]!;
  const length = decimalValue(text, 10);
  if (length < 0 || length > 2 ** 31) throw parseError(`malformed Content-Length: ${clip(text)}`);
  const available = data.length - bodyStart;
  if (available < length) {
    throw parseError(`body shorter than Content-Length (${available} < ${length} bytes)`, 400, {
      contentLength: length,
      received: available,
    });
  }
  return copyOf(data, bodyStart, bodyStart + length);
}

/** The body's own bytes (the datagram's memory is reused); most bodies are empty and share one buffer. */
function copyOf(data: Buffer, start: number, end: number): Buffer {
  return end <= start ? EMPTY_BODY : Buffer.from(data.subarray(start, end));
}

/** `text.slice(start, end).trim()` without the intermediate slice (LWS around a value, §7.3.1). */
function trimmedSlice(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isJsSpace(text.charCodeAt(from))) from++;
  while (to > from && isJsSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
