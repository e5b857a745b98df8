// Types of compile-cache.js (plain JS: bin.js loads it before any TypeScript can run).

/** The file URL of the compiled CLI entry, building the engine when a source changed. */
export function engineEntry(): Promise<string>;
/** Imports a user module (playbook, roles, TS inventory): bundled against the compiled engine, or plain import(). */
export function importModule(path: string): Promise<unknown>;
/** Where the cache lives. */
export const COMPILE_CACHE_DIR: string;
