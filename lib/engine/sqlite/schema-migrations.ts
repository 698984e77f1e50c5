// Schema added after the first release, applied every time the store opens: the columns older
// files lack (CREATE TABLE IF NOT EXISTS never adds a column), then the indexes and tables of the
// HUD's delivery log, queue badges and redrive jobs, which need those columns.
import type Database from 'better-sqlite3';

const OPERATOR_SCHEMA = `
-- Replaced by deliveries_due_order, which also holds the url (schema.ts).
DROP INDEX IF EXISTS deliveries_due;

-- The delivery log (lib/engine/delivery-log.ts): a queue's deliveries newest first, all of them
-- or those in one status, read from the front of an index whatever the queue's history holds.
CREATE INDEX IF NOT EXISTS deliveries_queue ON deliveries (qid, message_id);
CREATE INDEX IF NOT EXISTS deliveries_queue_status ON deliveries (qid, status, message_id);

-- The queues naming a queue as their dead-letter or error queue, found without reading every
-- queue's settings.
CREATE INDEX IF NOT EXISTS queues_dead_letter ON queues (project_id, json_extract(settings, '$.deadLetter.queueName'));
CREATE INDEX IF NOT EXISTS queues_error_queue ON queues (project_id, json_extract(settings, '$.push.errorQueue'));

-- Redrive jobs (lib/engine/redrive.ts). The job moves messages of the source's message space
-- source_qid (a clear or delete ends it) with ids above cursor and up to last_id, or only those
-- listed in selection; each batch advances cursor in the same transaction as its moves.
CREATE TABLE IF NOT EXISTS redrive_jobs (
  id              TEXT    PRIMARY KEY,
  project_id      TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  source_qid      INTEGER NOT NULL,
  target          TEXT    NOT NULL,
  is_error_report INTEGER NOT NULL,
  selection       TEXT,                -- JSON array of message ids, ascending; NULL: every message
  bodies          TEXT    NOT NULL,    -- JSON object: message id -> replacement body
  last_id         INTEGER NOT NULL,
  cursor          INTEGER NOT NULL DEFAULT 0,
  rate            INTEGER NOT NULL,    -- messages per second at most
  state           TEXT    NOT NULL,    -- RedriveState
  total           INTEGER NOT NULL,
  moved           INTEGER NOT NULL DEFAULT 0,
  skipped         INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  created_at      INTEGER NOT NULL,    -- epoch ms
  updated_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  lease_until     INTEGER NOT NULL DEFAULT 0  -- a worker holds the job until then (epoch ms)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS redrive_jobs_of_source ON redrive_jobs (project_id, source, created_at);
CREATE INDEX IF NOT EXISTS redrive_jobs_running ON redrive_jobs (lease_until) WHERE state = 'running';
`;

export function migrateSchema(db: Database.Database): void {
  const columnsOf = (table: string) => new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
  const columns = columnsOf('deliveries');
  const queueColumns = columnsOf('queues');
  const bodyColumns = columnsOf('chunk_bodies');
  db.transaction(() => {
    // Bodies stored before it are not known to be escape-free: 0, the safe answer.
    if (!bodyColumns.has('escape_free')) db.exec('ALTER TABLE chunk_bodies ADD COLUMN escape_free INTEGER NOT NULL DEFAULT 0');
    if (!queueColumns.has('reserved_rows')) {
      db.exec('ALTER TABLE queues ADD COLUMN reserved_rows INTEGER NOT NULL DEFAULT 0');
      db.exec('ALTER TABLE queues ADD COLUMN delayed_rows INTEGER NOT NULL DEFAULT 0');
      // Counted once, through the waiting index; every write keeps them from then on.
      db.exec(`UPDATE queues SET
        reserved_rows = (SELECT COUNT(*) FROM messages WHERE messages.qid = queues.qid AND due_at IS NOT NULL AND state = 2)
          + (SELECT IFNULL(SUM(live), 0) FROM held_spans WHERE held_spans.qid = queues.qid),
        delayed_rows = (SELECT COUNT(*) FROM messages WHERE messages.qid = queues.qid AND due_at IS NOT NULL AND state = 1)`);
    }
    if (!columns.has('qid')) {
      db.exec('ALTER TABLE deliveries ADD COLUMN qid INTEGER');
      // A delivered message sits in space -qid: its deliveries belong to queue space qid all the same.
      db.exec('UPDATE deliveries SET qid = (SELECT abs(qid) FROM messages WHERE messages.id = deliveries.message_id)');
    }
    if (!columns.has('report_id')) {
      db.exec('ALTER TABLE deliveries ADD COLUMN report_queue TEXT');
      db.exec('ALTER TABLE deliveries ADD COLUMN report_id INTEGER');
    }
    db.exec(OPERATOR_SCHEMA);
  })();
}
