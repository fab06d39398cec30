/**
 * SIP message model (RFC 3261 §7). Header names are stored lower-case in their long form (compact forms
 * such as `v`, `i`, `l`, `f`, `t`, `m`, `c`, `k`, `s` are expanded by the parser, §7.3.3); values keep their
 * original text. A header that appears several times, or carries a comma-separated list (§7.3.1), is one
 * entry per value, in order.
 */

export interface SipUri {
  /** `sip` or `sips` (or `tel`, which has no host). */
  readonly scheme: string;
  readonly user?: string;
  readonly password?: string;
  /** Host as written; IPv6 references keep their brackets, e.g. `[2001:db8::10]`. */
  readonly host: string;
  readonly port?: number;
  /** URI parameters (`;transport=tcp;lr`), names lower-case; a flag parameter has value `''`. */
  readonly params: ReadonlyMap<string, string>;
  /** `?` headers, raw. */
  readonly headers?: string;
  /**
   * Everything after `scheme:` for a scheme other than sip, sips and tel (RFC 3986 absoluteURI, §25.1):
   * such a URI parses so the application can answer 416 (§8.2.2.1); host is then `''`.
   */
  readonly opaque?: string;
}

/** A Via header value (§20.42, §18.2.1, RFC 3581). */
export interface Via {
  /** `UDP`, `TCP`, `TLS`, ... upper-case. */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly branch?: string;
  readonly received?: string;
  /** `rport` present without a value is `''`; absent is undefined. */
  readonly rport?: string;
  readonly params: ReadonlyMap<string, string>;
}

/** A name-addr / addr-spec header value: From, To, Contact, Route, Record-Route (§20.10). */
export interface NameAddr {
  readonly displayName?: string;
  readonly uri: SipUri;
  /** Raw URI text as written (kept so serializing reproduces it exactly). */
  readonly uriText: string;
  readonly params: ReadonlyMap<string, string>;
}

export interface SipHeaders {
  /** All values of a header (long name, lower-case), in order; empty array if absent. */
  getAll(name: string): readonly string[];
  /** The first value, or undefined. */
  get(name: string): string | undefined;
  has(name: string): boolean;
  /** Header names in order of first appearance (long, lower-case). */
  names(): readonly string[];
}

interface SipMessageBase {
  readonly headers: SipHeaders;
  readonly body: Buffer;
  /** Parsed once, for routing and transactions. */
  readonly callId: string;
  readonly cseq: { readonly seq: number; readonly method: string };
  readonly vias: readonly Via[];
  readonly from: NameAddr;
  readonly to: NameAddr;
}

export interface SipRequest extends SipMessageBase {
  readonly kind: 'request';
  /** Upper-case token, e.g. `INVITE`; extension methods allowed (§7.1). */
  readonly method: string;
  readonly uri: SipUri;
  /** Request-URI as written. */
  readonly uriText: string;
}

export interface SipResponse extends SipMessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Where a message came from or goes to. */
export interface Endpoint {
  readonly transport: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
  /**
   * TCP responses only (RFC 3261 §18.2.2): where to open a new connection when the one the request came
   * on is closed: `received` with the sent-by port of the top Via (the source port is the peer's
   * ephemeral one, nobody listens there).
   */
  readonly reconnect?: Endpoint;
  /**
   * Received datagrams only (native UDP sockets): how long, in ms, the message waited in the socket before
   * the engine read it. The overload guard refuses new INVITEs that waited too long.
   */
  readonly waitedMs?: number;
}
