// The line of every key in a YAML inventory, for messages; duplicate keys are refused on the way.

import { isMap, isScalar } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import { inventoryInvalid, show } from './invalid.ts';

/** One walk over the document (a lookup per host would be quadratic): path id -> line of the key. */
export function indexKeyLines(source: string, doc: Document, lines: LineCounter): Map<string, number> {
  const keyLines = new Map<string, number>();
  const index = (node: unknown, path: unknown[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items)
      if (isScalar(pair.key) && pair.key.range) {
        const at = [...path, pair.key.value];
        const id = pathId(at);
        const pos = lines.linePos(pair.key.range[0]);
        const first = keyLines.get(id);
        if (first !== undefined)
          throw inventoryInvalid(
            source,
            `line ${pos.line}:${pos.col}`,
            `duplicate key ${show(pair.key.value)} (first at line ${first})`,
            'write each key once in a mapping; merge the two entries',
          );
        keyLines.set(id, pos.line);
        index(pair.value, at);
      }
  };
  index(doc.contents, []);
  return keyLines;
}

/** The map key for a path of original YAML keys (numbers stay numbers). */
export function pathId(path: readonly unknown[]): string {
  return JSON.stringify(path);
}
