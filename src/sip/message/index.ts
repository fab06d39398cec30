export { buildRequest, type RequestSpec } from './build-message.js';
export { buildResponse, type ResponseOptions, responseToTag } from './build-response.js';
export { type KnownFields, topViaBranch } from './create-message.js';
export { formatNameAddr } from './format-name-addr.js';
export { formatUri } from './format-uri.js';
export { formatParams, formatVia } from './format-via.js';
export { HeaderMap } from './header-map.js';
export { canonicalHeaderName, isListHeader, normalizeHeaderName } from './header-names.js';
export { parseMessage } from './parse-message.js';
export { parseNameAddr } from './parse-name-addr.js';
export { parseUri } from './parse-uri.js';
export { parseVia } from './parse-via.js';
export { BRANCH_COOKIE, generateBranch, generateCallId, generateTag } from './random-ids.js';
export { reasonPhrase } from './reason-phrases.js';
export { serializeMessage, serializeWire } from './serialize-message.js';
export { splitHeaderList } from './split-list.js';
export { StreamFramer, type StreamFramerOptions } from './stream-framer.js';
export type {
  Endpoint,
  NameAddr,
  SipHeaders,
  SipMessage,
  SipRequest,
  SipResponse,
  SipUri,
  Via,
} from './types.js';
export { type WireText, wireBytes, wireText } from './wire-text.js';
export { type HeaderChanges, withBody, withHeaders, withRequestUri } from './with-headers.js';
