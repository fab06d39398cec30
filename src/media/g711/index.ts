export { ALAW_TO_MULAW, alawToMulaw, MULAW_TO_ALAW, transcodeInPlace } from './g711-tables.js';
