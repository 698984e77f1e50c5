// The PostgreSQL schema of the queue store: the same tables as the SQLite store
// (lib/engine/sqlite/schema.ts) with PostgreSQL's types, and the same indexes, chosen so reserve,
// delete and touch cost the same whether a queue holds ten messages or a million reserved ones.
// Instants are epoch ms in BIGINT; names compare in code-point order (COLLATE "C" on UTF-8).
import type { Migration } from './migrations';

export const QUEUE_STORE_COMPONENT = 'queues';

export const QUEUE_STORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'queues, messages, push deliveries, abandoned spaces, redrive jobs',
    sql: `
CREATE SEQUENCE message_ids;
-- Ids start at the clock in ms × 1024, as the SQLite store's do, and a sequence never goes back.
SELECT setval('message_ids', (extract(epoch FROM clock_timestamp()) * 1000)::bigint * 1024);
-- Message spaces: clear and delete move a queue to a fresh one (see the queues table).
CREATE SEQUENCE queue_spaces;

CREATE TABLE queues (
  project_id     TEXT   NOT NULL,
  name           TEXT   COLLATE "C" NOT NULL,
  -- The message space the queue reads from; clear and delete leave the old one to the sweeper.
  -- Push messages whose deliveries all ended move to space -qid: out of the queue, still readable.
  qid            BIGINT NOT NULL UNIQUE,
  id             TEXT   NOT NULL,
  settings       TEXT   NOT NULL,   -- QueueSettings as JSON
  size           BIGINT NOT NULL DEFAULT 0,
  total_messages BIGINT NOT NULL DEFAULT 0,
  created_at     BIGINT NOT NULL,   -- epoch ms
  PRIMARY KEY (project_id, name)
);
-- No index on size: every post and delete rewrites it, and an unindexed column keeps those
-- updates HOT (no new index entries). Monitoring sorts the queues table instead.
CREATE INDEX queues_dead_letter ON queues (project_id, ((settings::jsonb) #>> '{deadLetter,queueName}'));
CREATE INDEX queues_error_queue ON queues (project_id, ((settings::jsonb) #>> '{push,errorQueue}'));

CREATE TABLE messages (
  id             BIGINT   PRIMARY KEY,  -- increases in enqueue order
  qid            BIGINT   NOT NULL,
  body           TEXT     NOT NULL,     -- text-codec.ts
  state          SMALLINT NOT NULL,     -- 0 ready, 1 delayed, 2 reserved (lib/engine/messages.ts)
  due_at         BIGINT,                -- epoch ms a delayed/reserved message becomes ready; NULL when ready
  reservation_id TEXT,
  reserved_count INTEGER  NOT NULL DEFAULT 0,
  created_at     BIGINT   NOT NULL,
  expires_at     BIGINT   NOT NULL,
  timeout_ms     BIGINT,                -- v1 per-message reservation length
  push_headers   TEXT                   -- JSON object or NULL
);
-- Ready messages in queue order: reserve and peek read the front of this index.
CREATE INDEX messages_ready ON messages (qid, id) WHERE due_at IS NULL;
-- Reserved and delayed messages by due time: only the due ones are ever read from here.
CREATE INDEX messages_waiting ON messages (qid, due_at) WHERE due_at IS NOT NULL;
-- Expired messages for the sweeper and for exact sizes. A B-tree, not BRIN: BRIN is read only by
-- bitmap scans, which the store's connections turn off (database.ts). Expiry follows insertion
-- (created_at + the queue's expiration), so inserts land at the index's right edge.
CREATE INDEX messages_expiry ON messages (expires_at);

-- One row per (push message, subscriber); see lib/engine/sqlite/schema.ts for the life of a row.
CREATE TABLE deliveries (
  message_id     BIGINT  NOT NULL,
  subscriber     TEXT    COLLATE "C" NOT NULL,  -- name, or url when the name is empty (text-codec.ts)
  position       INTEGER NOT NULL,
  url            TEXT    NOT NULL,
  status         TEXT    NOT NULL,
  tries          INTEGER NOT NULL DEFAULT 0,
  status_code    INTEGER NOT NULL DEFAULT 0,
  error_msg      TEXT,
  last_try_at    BIGINT,
  next_try_at    BIGINT,
  in_flight      BOOLEAN NOT NULL DEFAULT false,
  reservation_id TEXT,
  qid            BIGINT,
  report_queue   TEXT,
  report_id      BIGINT,
  PRIMARY KEY (message_id, subscriber)
);
CREATE INDEX deliveries_due ON deliveries (next_try_at) WHERE next_try_at IS NOT NULL;
CREATE INDEX deliveries_queue ON deliveries (qid, message_id);
CREATE INDEX deliveries_queue_status ON deliveries (qid, status, message_id);

CREATE TABLE abandoned_spaces (qid BIGINT PRIMARY KEY);

CREATE TABLE redrive_jobs (
  id              TEXT    PRIMARY KEY,
  project_id      TEXT    NOT NULL,
  source          TEXT    COLLATE "C" NOT NULL,
  source_qid      BIGINT  NOT NULL,
  target          TEXT    NOT NULL,
  is_error_report BOOLEAN NOT NULL,
  selection       TEXT,             -- JSON array of message ids, ascending; NULL: every message
  bodies          TEXT    NOT NULL, -- JSON object: message id -> replacement body
  last_id         BIGINT  NOT NULL,
  cursor          BIGINT  NOT NULL DEFAULT 0,
  rate            INTEGER NOT NULL,
  state           TEXT    NOT NULL,
  total           INTEGER NOT NULL,
  moved           INTEGER NOT NULL DEFAULT 0,
  skipped         INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  finished_at     BIGINT,
  lease_until     BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX redrive_jobs_of_source ON redrive_jobs (project_id, source, created_at);
CREATE INDEX redrive_jobs_running ON redrive_jobs (lease_until) WHERE state = 'running';

-- A row the readiness check rewrites: a real, durable write that changes nothing anyone reads.
CREATE TABLE heartbeat (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL);
INSERT INTO heartbeat VALUES (1, now());
`,
  },
  {
    version: 2,
    description: 'sharded size counters for queues without alerts, and the counted view of queues',
    sql: `
-- A queue without alerts keeps part of its size and total here, one row per writing connection
-- (queue-counts.ts): posts and deletes of one queue then commit side by side instead of one at a
-- time behind the queue row. Its size is the queue row's plus the sum of its rows here.
CREATE TABLE queue_counts (
  qid            BIGINT   NOT NULL,
  shard          SMALLINT NOT NULL,
  size           BIGINT   NOT NULL,
  total_messages BIGINT   NOT NULL,
  PRIMARY KEY (qid, shard)
);
-- Queues as readers see them: sizes and totals with the sharded parts added.
CREATE VIEW counted_queues AS
SELECT q.project_id, q.name, q.qid, q.id, q.settings,
  q.size + COALESCE(c.size, 0) AS size, q.total_messages + COALESCE(c.total_messages, 0) AS total_messages, q.created_at
FROM queues q LEFT JOIN LATERAL (
  SELECT SUM(size)::bigint AS size, SUM(total_messages)::bigint AS total_messages FROM queue_counts WHERE queue_counts.qid = q.qid
) c ON true;
`,
  },
  {
    version: 3,
    description: 'scheduled deliveries indexed in due order with their url, and by url, for claims',
    sql: `
-- A claim finds the urls with due attempts in due order and reads each url's earliest by url
-- (lib/engine/delivery-claims.ts): in due order alone, every claim walked past the whole backlog
-- of a subscriber at its cap.
CREATE INDEX deliveries_due_order ON deliveries (next_try_at, url) WHERE next_try_at IS NOT NULL;
CREATE INDEX deliveries_due_by_url ON deliveries (url, next_try_at) WHERE next_try_at IS NOT NULL;
DROP INDEX deliveries_due;
`,
  },
];

/** Numeric codes of MessageState in the `state` column, as in the SQLite store. */
export const STATE_READY = 0;
export const STATE_DELAYED = 1;
export const STATE_RESERVED = 2;
