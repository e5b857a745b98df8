// Captured outputs of the doctor's probe snippets (test/fixtures/doctor), as the parsers read them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = new URL('../../../fixtures/doctor/', import.meta.url).pathname;

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
