export { compileAcl, DEFAULT_TRUNKS, isAllowedSource, type TrunkAcl } from './acl.js';
export {
  DEFAULT_OVERLOAD,
  OverloadGuard,
  type OverloadOptions,
  type OverloadReason,
} from './overload-guard.js';
export { responseDestination } from './response-destination.js';
export { DEFAULT_TCP_IDLE_MS } from './tcp-transport.js';
export { DEFAULT_MAX_MESSAGE_BYTES, TransportLayer, type TransportLayerOptions } from './transport-layer.js';
