// The baseline: a plain node-postgres client doing the queue's work directly in PostgreSQL, as a
// hand-written job table would — batched INSERT to produce, SELECT … FOR UPDATE SKIP LOCKED + DELETE
// in one transaction to consume. The same message count, batch size, body size and concurrency
// as Ferro's workload, on a table of its own in the benchmark's database.
import pg from 'pg';

const TABLE = `CREATE TABLE plain_messages (
  id         BIGSERIAL PRIMARY KEY,
  body       TEXT   NOT NULL,
  created_at BIGINT NOT NULL
)`;

export async function preparePlain(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP TABLE IF EXISTS plain_messages');
  await client.query(TABLE);
  await client.end();
}

async function withClients(url, count, work) {
  const clients = await Promise.all(Array.from({ length: count }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }));
  try {
    return await Promise.all(clients.map((client, i) => work(client, i)));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Inserts `total` messages in batches of `batch` from `concurrency` connections; resolves with msg/s. */
export async function plainProduce(url, { total, batch, concurrency, body }) {
  let batches = total / batch;
  const startedAt = performance.now();
  await withClients(url, concurrency, async (client) => {
    const bodies = Array.from({ length: batch }, () => body);
    while (batches > 0) {
      batches -= 1;
      await client.query({
        name: 'plain-insert',
        text: 'INSERT INTO plain_messages (body, created_at) SELECT b, $2 FROM unnest($1::text[]) AS b',
        values: [bodies, Date.now()],
      });
    }
  });
  return total / ((performance.now() - startedAt) / 1000);
}

/** Takes and deletes every message, `batch` at a time per transaction; resolves with msg/s. */
export async function plainConsume(url, { total, batch, concurrency }) {
  let consumed = 0;
  let finishedAt = 0;
  const startedAt = performance.now();
  await withClients(url, concurrency, async (client) => {
    while (consumed < total) {
      await client.query('BEGIN');
      const { rows } = await client.query({
        name: 'plain-take',
        text: 'SELECT id, body FROM plain_messages ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        values: [batch],
      });
      if (rows.length > 0) {
        await client.query({ name: 'plain-delete', text: 'DELETE FROM plain_messages WHERE id = ANY($1::bigint[])', values: [rows.map((row) => row.id)] });
      }
      await client.query('COMMIT');
      consumed += rows.length;
      // As for Ferro: the last message's delete ends the run, not the empty polls after it.
      if (consumed >= total && finishedAt === 0) finishedAt = performance.now();
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  return consumed / ((finishedAt - startedAt) / 1000);
}
