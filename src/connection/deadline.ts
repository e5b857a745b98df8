// A deadline around a remote step that has no timeout of its own (an SFTP upload): never wait forever.

/** Resolves or rejects as p does, or rejects with onExpiry()'s error once ms have passed. */
export function withDeadline<T>(p: Promise<T>, ms: number, onExpiry: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onExpiry()), ms);
  });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
}
