export { callLogger, createRootLogger, type Logger, silentLogger } from './logger.js';
