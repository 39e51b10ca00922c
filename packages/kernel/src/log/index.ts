export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { maskDeep, maskText } from './mask-text.ts';
