/** Stable error codes of the sip layer: code -> one-line description (documented in README.md). */
export const SIP_ERROR_CODES = {
  SIP_ACL_INVALID: 'A trunk ACL entry (VMS_TRUNKS) is not an IP address or CIDR block',
  SIP_TRANSPORT_BIND_FAILED: 'A SIP listen address could not be bound (in use, not local, or no permission)',
  SIP_NATIVE_UNAVAILABLE:
    'VMS_SIP_UDP_IO=native but build/Release/vms_rtp.node is missing or cannot load (run `npm ci` with g++, make and python3; or set VMS_SIP_UDP_IO=node)',
  SIP_TRANSPORT_ERROR: 'A SIP message could not be sent: connection refused or reset, or no transport for it',
  SIP_TRANSACTION_TIMEOUT: 'A client transaction got no final response in time (RFC 3261 Timer B or F)',
  SIP_TRANSACTION_RELEASED:
    'Code read the request of a transaction that only waits out its timers and let it go (a programming error)',
  SIP_PARSE_ERROR:
    'A SIP message or header value is malformed (RFC 3261 §25); details.status is the response to send',
  SIP_MESSAGE_TOO_LARGE: 'A SIP message on a stream exceeds the maximum message size (default 64 KiB)',
  SIP_FRAMING_ERROR:
    'A SIP message on a stream has no usable Content-Length, so the stream cannot be framed (§18.3)',
  SIP_MESSAGE_INVALID: 'A SIP message built in code lacks a mandatory header or has an unusable header value',
  SIP_SDP_PARSE_ERROR: 'An SDP body (RFC 4566) is malformed',
} as const satisfies Record<`SIP_${string}`, string>;
