/**
 * Masks personal identifiers inside free text, for places (logs, error
 * messages) where we cannot know the structure. Structured fields are masked
 * by their schemas; this is the safety net.
 */
const residentIdPattern = /\b(\d{3})\d{11}(\d{3}[\dXx])\b/g;
const bearerPattern = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const jwtPattern = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export function maskText(text: string): string {
  return text
    .replace(bearerPattern, '$1[redacted]')
    .replace(jwtPattern, '[token]')
    .replace(residentIdPattern, '$1***********$2');
}

/** Deep copy of a log object with every string masked; bounded depth so cyclic data cannot hang a log call. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskText(value.message) };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
