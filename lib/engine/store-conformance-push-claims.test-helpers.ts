// Conformance suite, push claims (§4.8.1): which attempts a post creates, how claimDeliveries
// leases them (limit, room per subscriber, due order, concurrent claimers), deferDelivery, and
// nextDeliveryDueAtMs. Several server instances share exactly these rules.
import { describe, expect, it } from 'vitest';
import {
  LEASE_MS,
  answer,
  claim,
  claimAttempts,
  claimOne,
  nameOf,
  openPushQueue,
  post,
  pushSettings,
  subscriber,
  untried,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, newProjectId, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha', { 'X-Sub': 'a' });
const beta = subscriber('beta');
const gamma = subscriber('gamma');

export function describePushClaimConformance(ctx: ConformanceContext): void {
  describe('push attempts and claims (§4.8.1)', () => {
    it('a multicast post makes one due attempt per subscriber, carrying the message and the subscriber', async () => {
      const store = await ctx.openEmpty();
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'q', pushSettings('multicast', [alpha, beta]));
      await saveSettings(store, projectId, 'v1', pushSettings('multicast', [gamma], { apiVersion: 1 }));
      const [id] = await post(store, projectId, 'q', [{ body: 'héllo {"raw": true}', delayMs: 0, pushHeaders: { 'X-Push': 'p' } }]);
      const [v1Id] = await post(store, projectId, 'v1', ['old style']);
      expect(await store.getPushStatuses(projectId, 'q', id, T0)).toMatchObject([
        { ...untried('alpha'), url: alpha.url, retriesDelayMs: 60_000 },
        { ...untried('beta'), url: beta.url, retriesDelayMs: 60_000 },
      ]);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0);

      const { attempts, errorQueues } = await claim(store, T0);
      expect(errorQueues).toEqual([]);
      const lease = { projectId, reservationId: expect.stringMatching(/\S/), leaseUntilMs: T0 + LEASE_MS, tries: 0 };
      const common = { ...lease, queueName: 'q', messageId: id, body: 'héllo {"raw": true}', pushHeaders: { 'X-Push': 'p' }, apiVersion: 3 };
      expect([...attempts].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))).toEqual([
        { ...common, subscriber: alpha, subscriberId: '0' },
        { ...common, subscriber: beta, subscriberId: '1' },
        { ...lease, queueName: 'v1', messageId: v1Id, body: 'old style', pushHeaders: null, subscriber: gamma, subscriberId: '0', apiVersion: 1 },
      ]);
      expect(new Set(attempts.map((attempt) => attempt.reservationId)).size).toBe(3);
      // A lease is not an outcome: until an attempt finishes the status stays queued (§3.11).
      expect(await store.getPushStatuses(projectId, 'q', id, T0 + 1)).toMatchObject([untried('alpha'), untried('beta')]);
    });

    it("a delayed message's attempts fall due when its delay ends", async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]), [
        { body: 'later', delayMs: 5_000, pushHeaders: null },
      ]);
      expect(await store.getPushStatuses(projectId, 'q', ids[0], T0)).toMatchObject([untried('alpha')]);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + 5_000);
      expect(await claimAttempts(store, T0 + 4_999)).toEqual([]);
      expect((await claimOne(store, T0 + 5_000)).messageId).toBe(ids[0]);
    });

    it('a unicast post makes one attempt per message, rotating through the subscribers', async () => {
      const subscribers = [alpha, beta, gamma];
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('unicast', subscribers), ['a', 'b', 'c', 'd', 'e', 'f']);
      const attempts = await claimAttempts(store, T0);
      expect(attempts.map((attempt) => attempt.messageId).sort()).toEqual([...ids].sort());
      const names = subscribers.map((s) => s.name);
      const chosen = ids.map((id) => names.indexOf(nameOf(attempts.find((attempt) => attempt.messageId === id)!)));
      for (let i = 1; i < chosen.length; i++) expect(chosen[i], `message ${i}`).toBe((chosen[i - 1] + 1) % subscribers.length);
      // The subscribers not chosen wait untried, and nothing of theirs falls due.
      for (const id of ids) {
        expect(await store.getPushStatuses(projectId, 'q', id, T0)).toMatchObject([untried('alpha'), untried('beta'), untried('gamma')]);
      }
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + LEASE_MS);
    });

    it('claims honour the limit and never hand out a leased attempt again while the lease runs', async () => {
      const { store, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]), ['a', 'b', 'c', 'd', 'e']);
      const first = await claimAttempts(store, T0, 2);
      const second = await claimAttempts(store, T0 + 1, 2);
      const third = await claimAttempts(store, T0 + 2, 10);
      expect([first.length, second.length, third.length]).toEqual([2, 2, 1]);
      expect([...first, ...second, ...third].map((attempt) => attempt.messageId).sort()).toEqual([...ids].sort());
      expect(await claimAttempts(store, T0 + LEASE_MS - 1)).toEqual([]);
      // The earliest lease end is when an unsettled attempt would need the pusher again.
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + LEASE_MS);
    });

    it('concurrent claims never hand out the same attempt twice', async () => {
      const bodies = Array.from({ length: 10 }, (_, i) => `m${i}`);
      const { store, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]), bodies);
      const claims = await Promise.all([1, 2, 3, 4].map(() => claimAttempts(store, T0, 4)));
      const rest = await claimAttempts(store, T0);
      const claimed = [...claims.flat(), ...rest].map((attempt) => attempt.messageId);
      expect(claimed.sort()).toEqual([...ids].sort());
    });

    it("a subscriber without room keeps its attempts due for a later claim, and a skipped one stays out of nextDeliveryDueAtMs", async () => {
      const { store } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta]));
      expect((await claimAttempts(store, T0, 100, { [alpha.url]: 0 })).map(nameOf)).toEqual(['beta']);
      expect(await store.nextDeliveryDueAtMs([alpha.url])).toBe(T0 + LEASE_MS);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0);
      expect(await store.nextDeliveryDueAtMs([alpha.url, beta.url])).toBeUndefined();
      expect((await claimAttempts(store, T0 + 1)).map(nameOf)).toEqual(['alpha']);
    });

    it("a claim takes no more of a subscriber's attempts than its room, and the others' up to the limit", async () => {
      const { store, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta]), ['a', 'b', 'c']);
      const taken = await claimAttempts(store, T0, 4, { [alpha.url]: 1 });
      const idsOf = (name: string) => taken.filter((attempt) => nameOf(attempt) === name).map((attempt) => attempt.messageId);
      expect(idsOf('alpha')).toEqual([ids[0]]);
      expect(idsOf('beta')).toEqual(ids);
      expect(await claimAttempts(store, T0 + 1, 100, { [alpha.url]: 0 })).toEqual([]);
      expect((await claimAttempts(store, T0 + 2, 1)).map((attempt) => [nameOf(attempt), attempt.messageId])).toEqual([['alpha', ids[1]]]);
    });

    it("a subscriber's backlog without room does not hide another subscriber's later attempts", async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'busy', pushSettings('multicast', [alpha]));
      await saveSettings(store, projectId, 'other', pushSettings('multicast', [beta]));
      await post(store, projectId, 'busy', ['a', 'b', 'c', 'd', 'e']);
      const [later] = await post(store, projectId, 'other', ['later'], T0 + 1);
      expect((await claimAttempts(store, T0 + 2, 3, { [alpha.url]: 0 })).map((attempt) => [nameOf(attempt), attempt.messageId])).toEqual([['beta', later]]);
      expect(await store.nextDeliveryDueAtMs([alpha.url])).toBe(T0 + 2 + LEASE_MS);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0);
      const taken = await claimAttempts(store, T0 + 3, 3, { [alpha.url]: 2 });
      expect(taken.map((attempt) => attempt.body)).toEqual(['a', 'b']);
    });

    it('attempts are claimed earliest due first across subscribers, whatever their urls', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'first', pushSettings('multicast', [alpha]));
      await saveSettings(store, projectId, 'second', pushSettings('multicast', [beta]));
      await post(store, projectId, 'first', [{ body: 'later', delayMs: 2_000, pushHeaders: null }]);
      await post(store, projectId, 'second', [{ body: 'sooner', delayMs: 1_000, pushHeaders: null }]);
      expect((await claimAttempts(store, T0 + 5_000, 1)).map((attempt) => attempt.body)).toEqual(['sooner']);
      expect((await claimAttempts(store, T0 + 5_000, 1)).map((attempt) => attempt.body)).toEqual(['later']);
    });

    it('deferDelivery hands an attempt back without a try; it falls due again at untilMs', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]));
      const first = await claimOne(store, T0);
      await store.deferDelivery(first, T0 + 250);
      expect(await store.getPushStatuses(projectId, 'q', ids[0], T0 + 1)).toMatchObject([untried('alpha')]);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + 250);
      expect(await claimAttempts(store, T0 + 249)).toEqual([]);
      const second = await claimOne(store, T0 + 250);
      expect(second.reservationId).not.toBe(first.reservationId);
      // Deferring the stale attempt must not take the new lease away from its holder.
      await store.deferDelivery(first, T0 + 300);
      expect(await claimAttempts(store, T0 + 300)).toEqual([]);
      await answer(store, second, 200, T0 + 400);
      expect(await store.getPushStatuses(projectId, 'q', ids[0], T0 + 400)).toMatchObject([{ status: 'deleted', tries: 1 }]);
    });
  });
}
