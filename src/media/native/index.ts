export { BATCH_STRIDE, PacketBatch } from './packet-batch.js';
export { loadVmsRtp, nativeRelaysActive, type VmsRtpAddon } from './vms-rtp-addon.js';
