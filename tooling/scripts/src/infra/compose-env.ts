/**
 * Variable interpolation as Docker Compose does it on every string of a
 * compose file (compose-spec, "Interpolation"): `$$` is a literal `$`,
 * `${VAR}` and `$VAR` substitute, `${VAR:-default}` / `${VAR-default}` fall
 * back (`:-` also when empty), `${VAR:?message}` / `${VAR?message}` fail with
 * the message (`:?` also when empty). Used by the compose test to check that a
 * missing required variable is reported, with no Docker on the machine; a form
 * compose has that this does not (nested `${}` in a default, `:+`) is an error
 * rather than a silent pass.
 */
export interface Interpolated<T> {
  value: T;
  /** Every required variable that was unset or empty, with its message, as compose reports them. */
  errors: { variable: string; message: string }[];
  /** Every variable the file reads. */
  variables: Set<string>;
}

const PATTERN =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])((?:[^{}$]|\$\$)*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{[^}]*\}?))/g;

export function interpolate<T>(value: T, env: Record<string, string | undefined>): Interpolated<T> {
  const errors: Interpolated<T>['errors'] = [];
  const variables = new Set<string>();
  const inString = (text: string): string =>
    text.replace(PATTERN, (whole, dollar, braced, op, arg, bare, unsupported) => {
      if (dollar) return '$';
      if (unsupported !== undefined)
        throw new Error(`unsupported interpolation ${whole} in ${JSON.stringify(text)}`);
      const name = (braced ?? bare) as string;
      variables.add(name);
      const raw = env[name];
      const missing = op?.startsWith(':') ? raw === undefined || raw === '' : raw === undefined;
      if (!op) return raw ?? '';
      if (op.endsWith('-')) return missing ? inString(arg as string) : raw!;
      if (missing)
        errors.push({ variable: name, message: `required variable ${name} is missing a value: ${arg}` });
      return raw ?? '';
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return inString(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return { value: walk(value) as T, errors, variables };
}
