// The bridge between the HUD's thread and the main thread, over a real MessageChannel: nested
// methods with their own `this`, errors rebuilt as their classes, and paths that must not resolve.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../auth/errors';
import { EngineError } from '../engine/errors';
import { connectRemote, serveObjects } from './object-bridge';

const channels: MessageChannel[] = [];

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

class Counter {
  private count = 0;
  readonly nested = { echo: async (value: unknown) => value };
  async add(by: number): Promise<number> {
    this.count += by;
    return this.count;
  }
  current(): number {
    return this.count;
  }
  async fail(kind: string): Promise<never> {
    if (kind === 'engine') throw new EngineError('QUEUE_NOT_FOUND');
    if (kind === 'auth') throw new AuthError('TOKEN_EXISTS', 'That token is taken');
    throw new TypeError('plain failure');
  }
  async uncloneable(): Promise<unknown> {
    return { callback: () => 1 };
  }
}

function bridged() {
  const channel = new MessageChannel();
  channels.push(channel);
  const counter = new Counter();
  serveObjects(channel.port1, { counter });
  const remote = connectRemote(channel.port2);
  return { counter, remote: remote<Counter>('counter'), raw: remote<Record<string, (...args: unknown[]) => Promise<unknown>>>('counter') };
}

describe('object bridge', () => {
  it('calls methods with their own `this`, at any depth, and makes every call asynchronous', async () => {
    const { counter, remote } = bridged();
    expect(await remote.add(2)).toBe(2);
    expect(await remote.add(3)).toBe(5);
    expect(counter.current()).toBe(5);
    // A synchronous method over there is a promise here.
    await expect(remote.current() as unknown as Promise<number>).resolves.toBe(5);
    expect(await remote.nested.echo({ list: [1, 'two'], when: new Date(0) })).toEqual({ list: [1, 'two'], when: new Date(0) });
  });

  it('keeps concurrent calls apart', async () => {
    const { remote } = bridged();
    const echoes = await Promise.all(Array.from({ length: 50 }, (_, i) => remote.nested.echo(i)));
    expect(echoes).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('rebuilds engine and auth errors as their classes with their codes, and others as plain errors', async () => {
    const { remote } = bridged();
    const engineError = await remote.fail('engine').catch((error: unknown) => error);
    expect(engineError).toBeInstanceOf(EngineError);
    expect(engineError).toMatchObject({ code: 'QUEUE_NOT_FOUND', message: 'QUEUE_NOT_FOUND' });
    const authError = await remote.fail('auth').catch((error: unknown) => error);
    expect(authError).toBeInstanceOf(AuthError);
    expect(authError).toMatchObject({ code: 'TOKEN_EXISTS', message: 'That token is taken' });
    const other = await remote.fail('other').catch((error: unknown) => error);
    expect(other).toBeInstanceOf(Error);
    expect(other).not.toBeInstanceOf(EngineError);
    expect((other as Error).message).toBe('plain failure');
  });

  it('refuses paths that are not methods or that walk into prototypes, and answers a result it cannot send', async () => {
    const { raw } = bridged();
    await expect(raw.count()).rejects.toThrow('not a served method: counter.count');
    await expect(raw.missing()).rejects.toThrow('not a served method: counter.missing');
    await expect((raw.constructor as unknown as Record<string, () => Promise<unknown>>).name()).rejects.toThrow(/not a served method/);
    await expect((raw.__proto__ as unknown as Record<string, () => Promise<unknown>>).add()).rejects.toThrow(/not a served method/);
    await expect(raw.uncloneable()).rejects.toThrow(/could not be cloned/);
  });
});
