export { relay } from './relay.js';
export type { Relay } from './relay-ending.js';
