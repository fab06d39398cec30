export { bindRtpPair, type RtpSocketPair } from './bind-rtp-pair.js';
export { PortPool, type PortRange } from './port-pool.js';
