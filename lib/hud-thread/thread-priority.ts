// The HUD thread runs at a lower CPU priority than the rest of the process. On a machine whose
// cores are all busy, a burst of page renders then waits for the wire API's main thread instead
// of delaying it: the long poll a post wakes is answered before the next page is drawn.
// Linux keeps a nice value per thread (setpriority with a thread id changes only that thread);
// elsewhere, or where the thread may not lower itself, the HUD runs at normal priority.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice steps below the process: at +10 the thread gets about a tenth of a contended core. */
export const HUD_NICE_STEPS = 10;

/** Lowest priority there is (highest nice value). */
const MAX_NICE = 19;

/** Lowers the calling thread's priority by `steps` nice values; returns whether it could. */
export function lowerThisThreadPriority(steps: number): boolean {
  try {
    // "<pid>/task/<tid>": the kernel's id of the calling thread.
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) return false;
    setPriority(threadId, Math.min(MAX_NICE, getPriority(threadId) + steps));
    return true;
  } catch {
    return false;
  }
}
