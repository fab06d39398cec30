import { AppError, isAppError } from '../../errors/index.js';
import { isToken } from './char-classes.js';
import { createMessage, type KnownFields, parsedUri } from './create-message.js';
import { HeaderMap } from './header-map.js';
import { reasonPhrase } from './reason-phrases.js';
import type { StartLine } from './start-line.js';
import type { SipMessage, SipRequest, SipResponse } from './types.js';

export interface RequestSpec {
  readonly method: string;
  readonly uri: string;
  /** `[name, value]` pairs in order; compact or long names; Content-Length is ignored (recomputed). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer;
}

/**
 * A request built in code; Via, From, To, Call-ID and CSeq must be among the headers. Throws
 * `SIP_MESSAGE_INVALID` when one is missing or Call-ID or CSeq is malformed; the Request-URI, Via, From
 * and To are this process's own text and parse on first read (most built requests are only serialized).
 */
export function buildRequest(spec: RequestSpec): SipRequest {
  return guarded(() => {
    if (!isToken(spec.method)) throw new AppError('SIP_MESSAGE_INVALID', `invalid method "${spec.method}"`);
    const start: StartLine = { kind: 'request', method: spec.method, uri: undefined, uriText: spec.uri };
    const body = spec.body ?? EMPTY_BODY;
    return createMessage(start, headerMap(spec.headers), body, undefined, 'none') as SipRequest;
  });
}

/** A response built in code (status line plus headers). Throws `SIP_MESSAGE_INVALID`. */
export function assembleResponse(
  status: number,
  reason: string | undefined,
  headers: HeaderMap,
  body: Buffer,
  known?: KnownFields,
): SipResponse {
  return guarded(() => {
    if (!Number.isInteger(status) || status < 100 || status > 699) {
      throw new AppError('SIP_MESSAGE_INVALID', `invalid status ${status}`);
    }
    const start: StartLine = { kind: 'response', status, reason: reason ?? reasonPhrase(status) };
    return createMessage(start, headers, body, known, 'none') as SipResponse;
  });
}

/**
 * Rebuilds a message around changed headers (same start line and body); `known` are parsed fields whose
 * header text did not change. Throws `SIP_MESSAGE_INVALID`.
 */
export function rebuildMessage(
  message: SipMessage,
  headers: Map<string, string[]>,
  known?: KnownFields,
): SipMessage {
  const start: StartLine =
    message.kind === 'request'
      ? { kind: 'request', method: message.method, uri: parsedUri(message), uriText: message.uriText }
      : { kind: 'response', status: message.status, reason: message.reason };
  return guarded(() => createMessage(start, HeaderMap.fromMap(headers), message.body, known));
}

function headerMap(pairs: readonly (readonly [string, string])[]): HeaderMap {
  return HeaderMap.fromPairs(pairs, 'content-length');
}

/** Parser errors on code-built messages are programming errors, not a peer's: say so with another code. */
function guarded<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (isAppError(err, 'SIP_PARSE_ERROR'))
      throw new AppError('SIP_MESSAGE_INVALID', err.message, { cause: err });
    throw err;
  }
}

export const EMPTY_BODY: Buffer = Buffer.alloc(0);
