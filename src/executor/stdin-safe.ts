// Scripts reach the host on sh's stdin: wrapping them in one brace group makes sh parse all of it
// before running any of it, so no command can swallow the rest of the script as its input.

/** Wraps a script so it runs with stdin from /dev/null after being read whole. */
export function stdinSafe(lines: readonly string[]): string {
  return `{\n${lines.join('\n')}\n} </dev/null\n`;
}
