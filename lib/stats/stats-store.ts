// Per-minute history of each active queue, for the HUD's charts: the size at the end of the
// minute and how many messages were posted, reserved and removed during it. Storage sits behind
// this small async interface like the queue store's, so a PostgreSQL version can follow.

export interface QueueSample {
  projectId: string;
  queueName: string;
  /** Start of the minute (or of the bucket, when read aggregated), epoch ms. */
  atMs: number;
  /** Messages in the queue at the end of the period, count (the largest, when aggregated). */
  size: number;
  /** The queue's total_messages at the end of the period, count. */
  totalMessages: number;
  /** Messages posted, reserved and removed during the period, counts. */
  posted: number;
  reserved: number;
  removed: number;
}

export interface StatsStore {
  /** Stores samples; a second sample for the same queue and minute adds its counts to the first. */
  record(samples: QueueSample[]): Promise<void>;
  /** A queue's samples in [fromMs, toMs), aggregated into buckets of bucketMs, oldest first. */
  read(projectId: string, queueName: string, fromMs: number, toMs: number, bucketMs: number): Promise<QueueSample[]>;
  /** The queue's newest minute sample before beforeMs: the size a chart carries into its first idle buckets. */
  latestBefore(projectId: string, queueName: string, beforeMs: number): Promise<QueueSample | undefined>;
  /** Deletes samples older than beforeMs; returns how many. */
  prune(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}
