export * from './rtp/index.js';
export * from './wav/index.js';
