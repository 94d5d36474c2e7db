// The one place that decides whether ctxcheck writes ANSI colours. In order:
//   1. --color / --no-color (the last one given wins);
//   2. FORCE_COLOR, read as Node reads it (doc/api/cli.md): "1", "2", "3", "true" or "" turn
//      colours on and then NO_COLOR is ignored; any other value ("0", "false") turns them off;
//   3. NO_COLOR set to a non-empty value turns them off (no-color.org: an empty NO_COLOR is as if
//      it were unset);
//   4. otherwise colours only when the output is a terminal.

const FORCE_ON = new Set(['', '1', '2', '3', 'true']);

/** --color → true, --no-color → false, neither → undefined (cac/mri give an array when repeated). */
export function colorFlag(value: unknown): boolean | undefined {
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'boolean' ? last : undefined;
}

export function decideColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return FORCE_ON.has(force);
  const no = env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  return isTTY;
}

/** The decision for a stream ctxcheck is about to write to. */
export function useColor(flag: boolean | undefined, out: NodeJS.WritableStream): boolean {
  return decideColor(flag, process.env, (out as NodeJS.WriteStream).isTTY === true);
}
