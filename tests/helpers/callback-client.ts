// Promise wrappers for the official iron_mq Node clients, which are callback style (v3 and v1).
// Several of their methods call back twice (`cb(cb(error, body))`, the second time with no
// body), so each call settles on its first callback only.

export type Callback = (error: Error | null | undefined, body?: unknown) => unknown;
export type RawClient = Record<string, (...args: unknown[]) => unknown> & { queue?(name: string): RawClient };

export function callOnce(client: RawClient, method: string, args: unknown[]): Promise<any> {
  return new Promise((resolve, reject) => {
    let isSettled = false;
    const callback: Callback = (error, body) => {
      if (isSettled) return;
      isSettled = true;
      if (error) reject(error);
      else resolve(body);
    };
    client[method](...args, callback);
  });
}

/** The client's `methods` as promise-returning functions; `queue(name)` wraps the same way. */
export function wrapClient<T>(client: RawClient, methods: readonly string[]): T {
  const wrapped: Record<string, unknown> = { queue: (name: string) => wrapClient<T>(client.queue!(name), methods) };
  for (const method of methods) wrapped[method] = (...args: unknown[]) => callOnce(client, method, args);
  return wrapped as T;
}
