// CommonFlags: the flags every one of several versions accepts, so a flag removed in any of them does not compile.

type KeysOfAll<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? keyof H & KeysOfAll<R>
  : PropertyKey;

type KindOfAll<T extends readonly object[], K extends PropertyKey> = T extends readonly [
  infer H,
  ...infer R extends readonly object[],
]
  ? (K extends keyof H ? NonNullable<H[K]> : never) & KindOfAll<R, K>
  : unknown;

/** Optional flags whose names are in every version's type; a kind that changed between versions becomes never. */
export type CommonFlags<T extends readonly object[]> = { [K in KeysOfAll<T> & string]?: KindOfAll<T, K> };
