// Conformance suite, everything around the samples: isolation between projects and queues,
// latestBefore, prune's count and reach, and durability across a reopen.
import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  MINUTE_MS,
  minute,
  newProjectId,
  readMinutes,
  sample,
  type StatsConformanceContext,
} from './stats-store-conformance.test-helpers';

/** Prune reaches every project, so its test lives in an era no other test writes to. */
const PRUNE_ERA_MS = Date.UTC(2000, 0, 1);

export function describeLookupConformance(ctx: StatsConformanceContext): void {
  describe('isolation', () => {
    it('keeps projects and queues apart in record, read and latestBefore', async () => {
      const [projectId, otherProjectId] = [newProjectId(), newProjectId()];
      // Same minute everywhere, so any leak would merge or show up in another queue's read.
      const jobs = sample(projectId, 'jobs', minute(0), { size: 1, totalMessages: 1, posted: 1 });
      const others = [
        sample(projectId, 'Jobs', minute(0), { size: 2, totalMessages: 2, posted: 2 }),
        sample(projectId, 'jobs2', minute(0), { size: 3, totalMessages: 3, posted: 3 }),
        sample(projectId, 'job', minute(0), { size: 4, totalMessages: 4, posted: 4 }),
        sample(otherProjectId, 'jobs', minute(0), { size: 5, totalMessages: 5, posted: 5 }),
      ];
      await ctx.store().record([jobs, ...others]);
      expect(await readMinutes(ctx.store(), projectId, 'jobs')).toEqual([jobs]);
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(1))).toEqual(jobs);
      for (const other of others) {
        expect(await readMinutes(ctx.store(), other.projectId, other.queueName)).toEqual([other]);
        expect(await ctx.store().latestBefore(other.projectId, other.queueName, minute(1))).toEqual(other);
      }
    });
  });

  describe('latestBefore', () => {
    it("answers the queue's newest minute strictly before beforeMs, or undefined", async () => {
      const projectId = newProjectId();
      const at = (m: number, size: number) => sample(projectId, 'jobs', minute(m), { size, totalMessages: size, posted: 1 });
      await ctx.store().record([at(0, 4), at(10, 2), at(5, 9), sample(projectId, 'other', minute(7), { size: 99 })]);
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(10))).toEqual(at(5, 9));
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(10) + 1)).toEqual(at(10, 2));
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(60))).toEqual(at(10, 2));
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(0))).toBeUndefined();
      expect(await ctx.store().latestBefore(projectId, 'missing', minute(60))).toBeUndefined();
    });

    it('answers one minute as stored, never a bucket', async () => {
      const projectId = newProjectId();
      await ctx.store().record([
        sample(projectId, 'jobs', minute(0), { size: 8, totalMessages: 8, posted: 8 }),
        sample(projectId, 'jobs', minute(1), { size: 3, totalMessages: 9, posted: 1, removed: 6 }),
      ]);
      expect(await ctx.store().latestBefore(projectId, 'jobs', minute(15))).toEqual(
        sample(projectId, 'jobs', minute(1), { size: 3, totalMessages: 9, posted: 1, removed: 6 }),
      );
    });
  });

  describe('prune', () => {
    it('deletes every sample before beforeMs in every project and queue, and answers how many', async () => {
      const at = (projectId: string, queueName: string, offsetMs: number) =>
        sample(projectId, queueName, PRUNE_ERA_MS + offsetMs, { size: 1, totalMessages: 1, posted: 1 });
      // Leftovers of an interrupted earlier run (possible with a server database) would skew the count.
      await ctx.store().prune(PRUNE_ERA_MS + HOUR_MS);
      const [projectId, otherProjectId] = [newProjectId(), newProjectId()];
      const cutMs = PRUNE_ERA_MS + 2 * MINUTE_MS;
      const kept = [at(otherProjectId, 'jobs', 2 * MINUTE_MS), at(otherProjectId, 'jobs', 10 * MINUTE_MS)];
      await ctx.store().record([at(projectId, 'jobs', 0), at(projectId, 'jobs', MINUTE_MS), at(projectId, 'other', MINUTE_MS), ...kept]);

      expect(await ctx.store().prune(cutMs)).toBe(3);
      expect(await ctx.store().prune(cutMs)).toBe(0);
      const window = [PRUNE_ERA_MS - HOUR_MS, PRUNE_ERA_MS + HOUR_MS] as const;
      expect(await readMinutes(ctx.store(), projectId, 'jobs', ...window)).toEqual([]);
      expect(await readMinutes(ctx.store(), projectId, 'other', ...window)).toEqual([]);
      expect(await ctx.store().latestBefore(projectId, 'jobs', cutMs)).toBeUndefined();
      // A sample at exactly beforeMs is not older than it.
      expect(await readMinutes(ctx.store(), otherProjectId, 'jobs', ...window)).toEqual(kept);

      expect(await ctx.store().prune(PRUNE_ERA_MS + HOUR_MS)).toBe(2);
    });
  });

  describe('durability', () => {
    it('a reopened store keeps every sample and goes on merging into them', async () => {
      const projectId = newProjectId();
      const samples = [
        sample(projectId, 'jobs', minute(0), { size: 4, totalMessages: 4, posted: 4 }),
        sample(projectId, 'jobs', minute(1), { size: 6, totalMessages: 7, posted: 3, reserved: 1, removed: 1 }),
      ];
      await ctx.store().record(samples);
      const reopened = await ctx.reopen();
      expect(await readMinutes(reopened, projectId, 'jobs')).toEqual(samples);
      expect(await reopened.latestBefore(projectId, 'jobs', minute(2))).toEqual(samples[1]);

      // A server that restarts within a minute records that minute a second time.
      await reopened.record([sample(projectId, 'jobs', minute(1), { size: 5, totalMessages: 8, posted: 1, removed: 2 })]);
      expect(await readMinutes(reopened, projectId, 'jobs')).toEqual([
        samples[0],
        sample(projectId, 'jobs', minute(1), { size: 5, totalMessages: 8, posted: 4, reserved: 1, removed: 3 }),
      ]);
    });
  });
}
