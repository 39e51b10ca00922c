import pino, { type Logger } from 'pino';
import { maskDeep, maskText } from './mask-text.ts';

export type { Logger };

/** Keys whose values never reach a log, whatever they contain. */
const secretKeys = [
  'password',
  'token',
  'accessToken',
  'assertion',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.assertion',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Where to write; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

/**
 * Structured JSON logs (pino) that never contain tokens, passwords or full
 * resident IDs: secret keys are redacted by path and every string is masked.
 *
 * @example
 * const log = createLogger({ name: 'golden-shield' });
 * log.info({ residentId: '11010519491231002X' }, 'looked up'); // residentId: 110***********002X
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? process.env.EGOV_LOG_LEVEL ?? 'info';
  return pino(
    {
      name: options.name,
      level,
      redact: { paths: secretKeys, censor: '[redacted]' },
      formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
