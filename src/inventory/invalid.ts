// One shape for every inventory problem: the file, the place inside it, what is wrong, and the fix.

import { OrchestrateError } from '../errors.ts';

/** An INVENTORY_INVALID error whose message reads "<file>: <place>: <problem>". */
export function inventoryInvalid(
  source: string,
  place: string,
  problem: string,
  fix: string,
  cause?: unknown,
): OrchestrateError {
  const where = place === '' ? source : `${source}: ${place}`;
  return new OrchestrateError(
    'INVENTORY_INVALID',
    `${where}: ${problem}`,
    cause === undefined ? { fix } : { fix, cause },
  );
}

/** Renders a value for a message: short, quoted strings, never a multi-line dump. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Plain objects only (not arrays, not null): the shape of every vars map and group body. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
