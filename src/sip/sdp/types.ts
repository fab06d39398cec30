/** Minimal SDP model (RFC 4566): what the media layer needs to answer and relay audio. */

export interface SdpConnection {
  /** `IN` */
  readonly netType: string;
  /** `IP4` or `IP6` */
  readonly addrType: string;
  readonly address: string;
}

export interface SdpOrigin {
  readonly username: string;
  /** Kept as text: session ids often exceed 2**53 (RFC 4566 §5.2 suggests NTP timestamps). */
  readonly sessionId: string;
  readonly sessionVersion: string;
  readonly netType: string;
  readonly addrType: string;
  readonly address: string;
}

/** An `a=` line: `a=sendrecv` has no value, `a=rtpmap:8 PCMA/8000` has name `rtpmap`, value `8 PCMA/8000`. */
export interface SdpAttribute {
  readonly name: string;
  readonly value?: string;
}

/** A line this model does not interpret (`i=`, `b=`, `k=`, ...), kept so serializing loses nothing. */
export interface SdpLine {
  readonly type: string;
  readonly value: string;
}

export interface SdpMedia {
  /** `audio`, `video`, ... */
  readonly type: string;
  readonly port: number;
  /** `m=audio 49170/2 ...` */
  readonly portCount?: number;
  /** `RTP/AVP`, `RTP/SAVP`, ... */
  readonly protocol: string;
  /** Payload type numbers for RTP, as written. */
  readonly formats: readonly string[];
  readonly connection?: SdpConnection;
  readonly attributes: readonly SdpAttribute[];
  readonly otherLines: readonly SdpLine[];
}

export interface SdpSession {
  readonly version: number;
  readonly origin: SdpOrigin;
  readonly sessionName: string;
  readonly connection?: SdpConnection;
  /** `t=` values as written, `0 0` for an unbounded session. */
  readonly timing: readonly string[];
  readonly attributes: readonly SdpAttribute[];
  readonly otherLines: readonly SdpLine[];
  readonly media: readonly SdpMedia[];
}

/** One `a=rtpmap` (RFC 4566 §6): `8 PCMA/8000`, `101 telephone-event/8000`, `97 opus/48000/2`. */
export interface RtpMap {
  readonly payloadType: number;
  readonly encoding: string;
  readonly clockRate: number;
  readonly channels?: number;
}
