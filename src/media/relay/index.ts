export { type Relay, relay } from './relay.js';
