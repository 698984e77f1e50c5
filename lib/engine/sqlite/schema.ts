// The SQLite schema of the queue store. The indexes are chosen so that reserve, delete and
// touch cost the same whether a queue holds ten messages or a million reserved ones.
import type Database from 'better-sqlite3';
import { migrateSchema } from './schema-migrations';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS queues (
  project_id     TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  -- The message space the queue reads from. Clear and delete move the queue to a new space and
  -- leave the old one to the sweeper, so both are O(1) however many messages there are. Push
  -- messages whose deliveries all ended move to space -qid: out of the queue, still readable.
  qid            INTEGER NOT NULL UNIQUE,
  id             TEXT    NOT NULL,
  settings       TEXT    NOT NULL,   -- QueueSettings as JSON
  size           INTEGER NOT NULL DEFAULT 0,
  total_messages INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,   -- epoch ms
  -- Rows of the message space in state reserved (2) and delayed (1), whether or not their time
  -- has come: the counts of a queue start from these (message-counts.ts).
  reserved_rows  INTEGER NOT NULL DEFAULT 0,
  delayed_rows   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS messages (
  id             INTEGER PRIMARY KEY,  -- message id: increases in enqueue order
  qid            INTEGER NOT NULL,
  body           TEXT    NOT NULL,
  state          INTEGER NOT NULL,     -- 0 ready, 1 delayed, 2 reserved (see lib/engine/messages.ts)
  due_at         INTEGER,              -- epoch ms a delayed/reserved message becomes ready; NULL when ready
  reservation_id TEXT,
  reserved_count INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,     -- epoch ms
  expires_at     INTEGER NOT NULL,     -- epoch ms
  timeout_ms     INTEGER,              -- v1 per-message reservation length
  push_headers   TEXT                  -- JSON object or NULL
);

-- Ready messages in queue order: reserve and peek read the front of this index.
CREATE INDEX IF NOT EXISTS messages_ready ON messages (qid, id) WHERE due_at IS NULL;
-- Reserved and delayed messages by due time: only the due ones are ever read from here.
CREATE INDEX IF NOT EXISTS messages_waiting ON messages (qid, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_expiry ON messages (expires_at);

-- Ready messages of a post, a chunk at a time (ready-chunks.ts): ids first_id … first_id + count - 1,
-- of which the first "taken" have left (for a held span or a row of their own). The bodies are one
-- blob, their lengths in bytes 32-bit little-endian integers one after another.
CREATE TABLE IF NOT EXISTS ready_chunks (
  qid        INTEGER NOT NULL,
  first_id   INTEGER NOT NULL,
  count      INTEGER NOT NULL,
  taken      INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (qid, first_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ready_chunks_expiry ON ready_chunks (expires_at);
-- escape_free is 1 when no body holds a character a JSON string must escape (packed-bodies.ts).
CREATE TABLE IF NOT EXISTS chunk_bodies (
  first_id    INTEGER PRIMARY KEY,
  bodies      BLOB NOT NULL,
  lengths     BLOB NOT NULL,
  escape_free INTEGER NOT NULL DEFAULT 0
);

-- Messages one reserve took from the front of one ready chunk, reserved until due_at (held-spans.ts):
-- ids first_id … first_id + count - 1, a byte each in held (1 while still held here, live of
-- them), reservation ids following from secret. Their bodies are those of row bodies_id of
-- chunk_bodies from index bodies_from on: the chunk's own row when the reserve took all the chunk
-- had left, else a copy of theirs under -first_id (chunks' rows have positive keys).
CREATE TABLE IF NOT EXISTS held_spans (
  qid         INTEGER NOT NULL,
  first_id    INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  held        BLOB    NOT NULL,
  live        INTEGER NOT NULL,
  due_at      INTEGER NOT NULL,
  secret      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  bodies_id   INTEGER NOT NULL,
  bodies_from INTEGER NOT NULL,
  PRIMARY KEY (qid, first_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS held_spans_due ON held_spans (qid, due_at);
CREATE INDEX IF NOT EXISTS held_spans_expiry ON held_spans (expires_at);

-- One row per (push message, subscriber). A row with next_try_at set is scheduled: an attempt
-- (queued, retrying), an ack deadline (reserved) or, with in_flight = 1, a lease that a crashed
-- pusher never finished. Final rows (deleted, error) have next_try_at NULL.
CREATE TABLE IF NOT EXISTS deliveries (
  message_id     INTEGER NOT NULL,
  subscriber     TEXT    NOT NULL,     -- subscriber name, or url when the name is empty
  position       INTEGER NOT NULL,     -- order of the subscriber in the queue, for unicast rounds
  url            TEXT    NOT NULL,
  status         TEXT    NOT NULL,     -- PushStatusName
  tries          INTEGER NOT NULL DEFAULT 0,
  status_code    INTEGER NOT NULL DEFAULT 0,
  error_msg      TEXT,
  last_try_at    INTEGER,              -- epoch ms
  next_try_at    INTEGER,              -- epoch ms
  in_flight      INTEGER NOT NULL DEFAULT 0,
  reservation_id TEXT,
  qid            INTEGER,              -- the queue's message space when the delivery was created
  report_queue   TEXT,                 -- the error queue that got this delivery's failure report
  report_id      INTEGER,              -- that report's message id
  PRIMARY KEY (message_id, subscriber)
) WITHOUT ROWID;
-- Scheduled deliveries in due order, and by subscriber url in due order: a claim finds the urls
-- with due attempts in the first and reads each url's earliest in the second
-- (lib/engine/delivery-claims.ts).
CREATE INDEX IF NOT EXISTS deliveries_due_order ON deliveries (next_try_at, url) WHERE next_try_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS deliveries_due_by_url ON deliveries (url, next_try_at) WHERE next_try_at IS NOT NULL;

-- Message spaces left behind by clear and delete, emptied by the sweeper.
CREATE TABLE IF NOT EXISTS abandoned_spaces (qid INTEGER PRIMARY KEY);

CREATE TABLE IF NOT EXISTS counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO counters (name, value) VALUES ('last_qid', 0), ('last_message_id', 0);
`;

export type SyncMode = 'full' | 'normal';

/**
 * The store's format, kept in the file's user_version. 1: a post's messages may sit in ready chunks
 * and a reserve's in held spans, which releases before 2026-12-03 (format 0, which never set it)
 * do not read: opened by one of them, a file would lose those messages. A file of a format this
 * code does not know is refused at start instead of being read in part.
 */
export const STORE_FORMAT = 1;

/**
 * `synchronous` is NORMAL in both modes: commits reach the OS without an fsync. The durable mode
 * ('full') adds its own fsync of the WAL before anyone is answered (wal-sync.ts), off the thread
 * that runs SQLite; 'normal' answers at once and survives a process crash, not power loss.
 */
export function openSchema(db: Database.Database): void {
  const format = db.pragma('user_version', { simple: true }) as number;
  if (format > STORE_FORMAT) {
    // Closed here: the caller never gets a store to close.
    db.close();
    throw new Error(
      `${db.name} was written by a newer Ferro (store format ${format}; this one reads up to ${STORE_FORMAT}): ` +
        'run that release, or restore a backup made by this one',
    );
  }
  // 8 KiB pages in a new file (a file keeps the page size it was created with). Every page a
  // commit changes goes to the WAL whole, in two writes, and is copied again by the checkpoint;
  // with 1 KiB bodies a 4 KiB page holds three messages, so a reserve or a delete of a hundred
  // wrote thirty-odd pages. With 8 KiB pages 1 KiB messages were posted and consumed about a fifth
  // faster (2026-12-03, three alternating pairs), 100-byte ones as fast; 16 KiB pages slowed posts.
  db.pragma('page_size = 8192');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  // A bounded page cache keeps memory flat however large the backlog grows. 16 MiB, not more:
  // every COMMIT ends with a truncation of the page cache that walks its whole hash table (seen
  // in profiles as pager_end_transaction → pcache1TruncateUnsafe), so its cost grows with the
  // cache. At 64 MiB that walk took 6% of the server's CPU while consuming; the front of a queue
  // and its indexes fit in 16 MiB, and the OS page cache holds the rest of the file.
  db.pragma('cache_size = -16384');
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  migrateSchema(db);
  if (format < STORE_FORMAT) db.pragma(`user_version = ${STORE_FORMAT}`);
}
