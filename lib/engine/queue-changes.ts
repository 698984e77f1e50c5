// A feed of "this queue's messages changed" events, so background work outside the engine
// (alerts watching sizes, the pusher waiting for new push messages) reacts at once instead of
// polling. Listeners run after the change is durable; a throwing listener cannot break a request.

export type QueueChangeKind =
  /** Messages were posted (including webhook, fan-out and dead-letter arrivals). */
  | 'posted'
  /** Messages left the queue: delete, batch delete, reserve with delete, clear, dead-letter move, expiry. */
  | 'removed'
  /** Messages were reserved (the queue's size is unchanged). */
  | 'reserved';

export interface QueueChange {
  projectId: string;
  queueName: string;
  kind: QueueChangeKind;
  /** How many messages, count. */
  count: number;
}

export type QueueChangeListener = (change: QueueChange) => void;

export class QueueChanges {
  private listeners = new Set<QueueChangeListener>();

  /** Subscribes; returns the function that unsubscribes. */
  listen(listener: QueueChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: QueueChange, onError: (error: unknown) => void = () => {}): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        onError(error);
      }
    }
  }
}
