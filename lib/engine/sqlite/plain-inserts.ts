// A post's plain messages (a body and nothing else of their own) inserted by one multi-row
// statement with each body bound as a parameter. The JSON array the batch used to travel as
// was written by JSON.stringify and read again by SQLite's json_each, twice over every body;
// bound, a body is copied once. A batch goes in runs of 128, 64, ... 1 rows (100 = 64 + 32 + 4),
// so eight statements, prepared on first use, serve every batch size.
import type Database from 'better-sqlite3';
import { STATE_READY } from './statements';

/** The longest run: a power of two, each shorter run half the one before. */
const LONGEST_RUN = 128;

export class PlainInserts {
  private readonly bySize = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Inserts `bodies` as ready messages with ids from `firstId` up, in order. */
  run(firstId: number, qid: number, nowMs: number, expiresAtMs: number, bodies: string[]): void {
    let done = 0;
    for (let size = LONGEST_RUN; done < bodies.length; size /= 2) {
      while (bodies.length - done >= size) {
        this.statementFor(size).run({ firstId: firstId + done, qid, nowMs, expiresAtMs }, bodies.slice(done, done + size));
        done += size;
      }
    }
  }

  private statementFor(size: number): Database.Statement {
    let statement = this.bySize.get(size);
    if (!statement) {
      const rows = Array.from(
        { length: size },
        (_, i) => `(@firstId + ${i}, @qid, ?, ${STATE_READY}, NULL, NULL, 0, @nowMs, @expiresAtMs, NULL, NULL)`,
      );
      statement = this.db.prepare(
        `INSERT INTO messages (id, qid, body, state, due_at, reservation_id, reserved_count, created_at, expires_at,
           timeout_ms, push_headers)
         VALUES ${rows.join(', ')}`,
      );
      this.bySize.set(size, statement);
    }
    return statement;
  }
}
