export { AppError, isAppError, type SourceLocation } from './app-error.js';
export { ERROR_CODES, type ErrorCode } from './codes.js';
