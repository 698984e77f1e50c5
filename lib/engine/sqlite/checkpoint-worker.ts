// The checkpoint thread (built to dist/checkpoint-worker.js; wal-checkpointer.ts drives it). Its
// own connection copies committed WAL frames into the database file when asked, passively: it
// never waits for the writer and never makes the writer wait.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReport, CheckpointWorkerData } from './wal-checkpointer';

const port = parentPort!;
const { path } = workerData as CheckpointWorkerData;

const db = new Database(path, { fileMustExist: true });
// A checkpoint fsyncs the WAL before copying and the database file before it marks the frames
// copied, unless synchronous is OFF: with NORMAL a WAL that later starts over loses nothing.
db.pragma('synchronous = NORMAL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

port.on('message', (request: 'checkpoint' | 'close') => {
  if (request === 'close') {
    db.close();
    port.close();
    return;
  }
  const startedAt = performance.now();
  let report: CheckpointReport;
  try {
    const { log, checkpointed } = checkpoint.get() as { log: number; checkpointed: number };
    report = { log, checkpointed, durationMs: performance.now() - startedAt };
  } catch (error) {
    // A full disk or an I/O error: the frames stay in the WAL, where they are safe; try again later.
    report = { error: error instanceof Error ? error.message : String(error), durationMs: performance.now() - startedAt };
  }
  port.postMessage(report);
});
