import { createLogger, type Logger } from '../log/index.ts';

/** A logger that writes nothing, for tests that do not read logs. */
export function silentLogger(name = 'test'): Logger {
  return createLogger({ name, level: 'silent' });
}
