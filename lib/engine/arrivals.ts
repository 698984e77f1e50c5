// Arrivals: "messages of this queue are available now, or will be at this instant". Long polls
// and the pusher wait for them. In one process the change signal (queue-changes.ts) carries them;
// when several instances share a store, the store's ArrivalChannel carries them between instances,
// so a long poll on one instance wakes when another instance takes a post, a release or a
// dead-letter move. Only arrivals cross: alerts, stats and metrics count the changes each
// instance made itself, so nothing is counted twice.

export interface Arrival {
  projectId: string;
  queueName: string;
  /** Messages made available at once; each wakes one long poll. */
  readyCount: number;
  /** When a message of the queue becomes available (a delay or a reservation ending), epoch ms. */
  nextDueAtMs?: number;
  /** Messages reached a push queue: the pusher has attempts to claim. */
  isPush: boolean;
}

export type ArrivalListener = (arrival: Arrival) => void;

/** How instances sharing a store tell each other of arrivals; absent for a store one process owns. */
export interface ArrivalChannel {
  /** Tells the other instances; fire and forget (a lost arrival only delays a wake to its timer). */
  publish(arrival: Arrival): void;
  /** Hears arrivals published by other instances, never this one's own; returns the unsubscribe. */
  subscribe(listener: ArrivalListener): () => void;
}
