// Conformance suite, writing and reading: record and its per-minute merge, read's [fromMs, toMs)
// window, its buckets and what each field means once minutes are aggregated.
import { describe, expect, it } from 'vitest';
import {
  MINUTE_MS,
  T0,
  minute,
  newProjectId,
  readMinutes,
  sample,
  type StatsConformanceContext,
} from './stats-store-conformance.test-helpers';

export function describeRecordConformance(ctx: StatsConformanceContext): void {
  describe('record', () => {
    it('keeps each minute as given; read by the minute returns them oldest first', async () => {
      const projectId = newProjectId();
      const samples = [
        sample(projectId, 'jobs', minute(2), { size: 7, totalMessages: 30, posted: 5, reserved: 4, removed: 3 }),
        sample(projectId, 'jobs', minute(0), { size: 4, totalMessages: 20, posted: 4, reserved: 0, removed: 0 }),
        sample(projectId, 'jobs', minute(1), { size: 5, totalMessages: 25, posted: 5, reserved: 1, removed: 4 }),
      ];
      await ctx.store().record(samples);
      await ctx.store().record([]);
      expect(await readMinutes(ctx.store(), projectId, 'jobs')).toEqual([samples[1], samples[2], samples[0]]);
    });

    it('adds a second sample of the same queue and minute to the first: counts summed, size and totalMessages the later one\'s', async () => {
      // The sampler records a minute twice when a server stops and starts within it (stop flushes the
      // minute in progress), and a PostgreSQL deployment has one sampler per instance. Each sample
      // counts its own events, so counts add; sizes are snapshots, and the later one is nearer the
      // end of the minute, which is what `size` means.
      const projectId = newProjectId();
      await ctx.store().record([sample(projectId, 'jobs', minute(0), { size: 9, totalMessages: 40, posted: 3, reserved: 1, removed: 0 })]);
      await ctx.store().record([sample(projectId, 'jobs', minute(0), { size: 2, totalMessages: 41, posted: 1, reserved: 6, removed: 8 })]);
      const merged = sample(projectId, 'jobs', minute(0), { size: 2, totalMessages: 41, posted: 4, reserved: 7, removed: 8 });
      expect(await readMinutes(ctx.store(), projectId, 'jobs')).toEqual([merged]);
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(1))).toEqual(merged);
    });

    it('merges samples of one minute within a single record call too, in array order', async () => {
      const projectId = newProjectId();
      await ctx.store().record([
        sample(projectId, 'jobs', minute(0), { size: 6, totalMessages: 6, posted: 6 }),
        sample(projectId, 'jobs', minute(0), { size: 1, totalMessages: 6, reserved: 5, removed: 5 }),
        sample(projectId, 'jobs', minute(1), { size: 3, totalMessages: 8, posted: 2 }),
      ]);
      expect(await readMinutes(ctx.store(), projectId, 'jobs')).toEqual([
        sample(projectId, 'jobs', minute(0), { size: 1, totalMessages: 6, posted: 6, reserved: 5, removed: 5 }),
        sample(projectId, 'jobs', minute(1), { size: 3, totalMessages: 8, posted: 2 }),
      ]);
    });

    it('loses no count when instances record the same minute concurrently', async () => {
      const projectId = newProjectId();
      const writers = Array.from({ length: 10 }, () => ctx.store().record([sample(projectId, 'jobs', minute(0), { size: 1, posted: 1, removed: 2 })]));
      await Promise.all(writers);
      expect(await readMinutes(ctx.store(), projectId, 'jobs')).toEqual([sample(projectId, 'jobs', minute(0), { size: 1, posted: 10, removed: 20 })]);
    });
  });

  describe('read', () => {
    it('aggregates minutes into buckets: the largest size, summed counts, the last minute\'s totalMessages; empty buckets are absent', async () => {
      const projectId = newProjectId();
      const bucketMs = 15 * MINUTE_MS;
      await ctx.store().record([
        // Bucket 0: the largest size is neither the first nor the last minute's.
        sample(projectId, 'jobs', minute(0), { size: 3, totalMessages: 10, posted: 3 }),
        sample(projectId, 'jobs', minute(5), { size: 9, totalMessages: 16, posted: 6, reserved: 2 }),
        sample(projectId, 'jobs', minute(14), { size: 4, totalMessages: 16, reserved: 5, removed: 5 }),
        // Bucket 1.
        sample(projectId, 'jobs', minute(15), { size: 1, totalMessages: 17, posted: 1, removed: 4 }),
        // Bucket 2 (minutes 30..44) has no sample. Bucket 3:
        sample(projectId, 'jobs', minute(59), { size: 0, totalMessages: 17, removed: 1 }),
      ]);
      expect(await ctx.store().read(projectId, 'jobs', T0, minute(60), bucketMs)).toEqual([
        sample(projectId, 'jobs', T0, { size: 9, totalMessages: 16, posted: 9, reserved: 7, removed: 5 }),
        sample(projectId, 'jobs', minute(15), { size: 1, totalMessages: 17, posted: 1, removed: 4 }),
        sample(projectId, 'jobs', minute(45), { size: 0, totalMessages: 17, removed: 1 }),
      ]);
    });

    it("reports a bucket's totalMessages at its end even when the queue was deleted and created again inside it", async () => {
      // The history is kept by queue name, and a queue created again starts its total_messages at 0,
      // so the largest value in the bucket would be the old queue's, not the total at the end.
      const projectId = newProjectId();
      await ctx.store().record([
        sample(projectId, 'jobs', minute(0), { size: 2, totalMessages: 50, posted: 2 }),
        sample(projectId, 'jobs', minute(1), { size: 1, totalMessages: 3, posted: 3, removed: 2 }),
      ]);
      expect(await ctx.store().read(projectId, 'jobs', T0, minute(15), 15 * MINUTE_MS)).toEqual([
        sample(projectId, 'jobs', T0, { size: 2, totalMessages: 3, posted: 5, removed: 2 }),
      ]);
    });

    it('reads the minutes in [fromMs, toMs): the first included, the last excluded', async () => {
      const projectId = newProjectId();
      const at = (m: number) => sample(projectId, 'jobs', minute(m), { size: m, totalMessages: m, posted: 1 });
      await ctx.store().record([at(9), at(10), at(11), at(19), at(20)]);
      const read = (fromMs: number, toMs: number, bucketMs = MINUTE_MS) => ctx.store().read(projectId, 'jobs', fromMs, toMs, bucketMs);
      expect(await read(minute(10), minute(20))).toEqual([at(10), at(11), at(19)]);
      expect(await read(minute(10), minute(10))).toEqual([]);
      expect(await read(minute(12), minute(19))).toEqual([]);
      // Minute 19 is inside the window but its 10-minute bucket reaches past toMs: only the window counts.
      expect(await read(minute(10), minute(20), 10 * MINUTE_MS)).toEqual([
        sample(projectId, 'jobs', minute(10), { size: 19, totalMessages: 19, posted: 3 }),
      ]);
    });

    it('starts buckets at multiples of bucketMs since the epoch, even when fromMs falls inside one', async () => {
      // lib/bff/queue-history.ts lays its grid on the same multiples and relies on this alignment.
      const projectId = newProjectId();
      await ctx.store().record([
        sample(projectId, 'jobs', minute(2), { size: 8, posted: 8 }),
        sample(projectId, 'jobs', minute(7), { size: 5, posted: 1 }),
        sample(projectId, 'jobs', minute(20), { size: 6, posted: 2 }),
      ]);
      expect(await ctx.store().read(projectId, 'jobs', minute(5), minute(30), 15 * MINUTE_MS)).toEqual([
        sample(projectId, 'jobs', T0, { size: 5, posted: 1 }),
        sample(projectId, 'jobs', minute(15), { size: 6, posted: 2 }),
      ]);
    });

    it('answers an empty list for an unknown project or queue', async () => {
      const projectId = newProjectId();
      await ctx.store().record([sample(projectId, 'jobs', minute(0), { posted: 1 })]);
      expect(await readMinutes(ctx.store(), projectId, 'missing')).toEqual([]);
      expect(await readMinutes(ctx.store(), newProjectId(), 'jobs')).toEqual([]);
    });
  });
}
