// Case 3: consume throughput over HTTP: 16 clients each reserve 100 messages and batch-delete
// them by id and reservation id, on a queue filled beforehand, until it is empty.
import { reserveBody } from '../lib/http-client.mjs';
import { fillQueue, runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond } from '../lib/stats.mjs';

const CONCURRENCY = 16;
const RESERVE = reserveBody({ n: 100, timeout: 60 });

export const consume = {
  name: 'consume',
  title: 'reserve 100 + batch delete',
  async run(context) {
    const fillCount = context.isQuick ? 20_000 : 500_000;
    return withServer(context, async ({ client }) => {
      const fill = await fillQueue(client, 'bench', fillCount);
      let consumed = 0;
      const limits = { concurrency: CONCURRENCY, maxMs: context.isQuick ? 20_000 : 120_000 };
      const { ops, elapsedMs } = await runWorkers(limits, async () => {
        const messages = await client.reserve('bench', RESERVE);
        if (messages.length === 0) return false;
        await client.deleteReserved('bench', messages);
        consumed += messages.length;
        return true;
      });
      const rate = perSecond(consumed, elapsedMs);
      return {
        figures: [figure('consume', 'reserve 100 + delete', rate, 'msg/s', { op: '>=', value: 60_000 })],
        details: {
          filled: fill.messages,
          fillRate: perSecond(fill.messages, fill.elapsedMs),
          consumed,
          reserveRequests: ops,
          elapsedMs: Math.round(elapsedMs),
        },
      };
    });
  },
};
