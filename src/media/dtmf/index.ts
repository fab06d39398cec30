export { parseDtmfInfo } from './parse-dtmf-info.js';
