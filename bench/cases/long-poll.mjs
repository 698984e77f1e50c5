// Case 4: long-poll wake-up latency. Consumers wait (`wait: 30`) on an empty queue; a producer
// posts one message at a time and times from its post's 201 to the waiting reserve's reply
// (bench/lib/long-poll-probe.mjs).
import { PROBE_CONSUMERS, startProbe } from '../lib/long-poll-probe.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';

const WARMUP_SAMPLES = 20;

export const longPoll = {
  name: 'long-poll',
  title: 'long-poll wake-up latency',
  async run(context) {
    const samples = context.isQuick ? 50 : 500;
    const maxMs = context.isQuick ? 20_000 : 120_000;
    return withServer(context, async ({ client }) => {
      const probe = await startProbe(client, 'bench');
      let result;
      try {
        result = await probe.sample({ warmup: WARMUP_SAMPLES, samples, maxMs });
      } finally {
        await probe.stop();
      }
      return {
        figures: [
          figure('long-poll', 'wake-up p50', result.wakeUp.p50Ms, 'ms', { op: '<', value: 1 }),
          figure('long-poll', 'wake-up p99', result.wakeUp.p99Ms, 'ms', { op: '<', value: 5 }),
        ],
        details: { consumers: PROBE_CONSUMERS, ...result },
      };
    });
  },
};
