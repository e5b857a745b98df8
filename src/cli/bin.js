#!/usr/bin/env node
// Entry point: runs the CLI compiled by esbuild (compile-cache.js), or through the tsx loader when
// ORCHESTRATE_TSX=1 or the cache cannot be built (read-only checkout): same code, slower start.
import { engineEntry } from '../loader/compile-cache.js';

let entry;
if (process.env.ORCHESTRATE_TSX !== '1') {
  try {
    entry = await engineEntry();
  } catch (err) {
    if (process.env.ORCHESTRATE_DEBUG) process.stderr.write(`compile cache unavailable: ${err}\n`);
  }
}
if (entry === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import(entry ?? './main.ts');
process.exitCode = await main(process.argv.slice(2));
