/** The B2BUA's SIP side (RFC 3261 §12-§15): dialogs, the A-leg (UAS), B-legs (UAC) and the bridge. */
export { B2bua, type B2buaOptions } from './b2bua.js';
export { type BridgeOptions, type BridgeSide, bridgeLegs } from './bridge.js';
export { ClientLeg, type ClientLegResult, type ClientLegSpec } from './client-leg.js';
export { Dialog, type DialogFields, dialogId, type InDialogRequest, withoutTag } from './dialog.js';
export { type InDialogHandler, Leg, type LegEnd, type LegEvents, type LegHost } from './leg.js';
export { ServerLeg, type SessionBody } from './server-leg.js';
