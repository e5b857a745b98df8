// Pure: how a refused command reads on stderr, the same for every command.

/** A message that already names its command (`orchestrate lab: ...`, from parseFlags) is not prefixed twice. */
const NAMES_ITS_COMMAND = /^orchestrate [a-z]+: /;

/** `PREFIX: message`, then `  fix: ...` when there is one. */
export function errorText(prefix: string, message: string, fix: string | undefined): string {
  const first = NAMES_ITS_COMMAND.test(message) ? message : `${prefix}: ${message}`;
  return `${first}\n${fix ? `  fix: ${fix}\n` : ''}`;
}
