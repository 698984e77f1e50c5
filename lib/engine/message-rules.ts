// Argument rules for messages entering the engine (post, reserve, touch): each checked value
// against limits.ts, with errors that name the field in IronMQ's units.
import { invalidArgument } from './errors';
import {
  MAX_DELAY_MS,
  MAX_EXPIRES_IN_MS,
  MAX_MESSAGES_PER_POST,
  MAX_TIMEOUT_MS,
  MIN_MESSAGE_EXPIRATION_MS,
  MIN_TIMEOUT_MS,
  checkDurationMs,
  pushHeadersProblem,
} from './limits';
import type { NewMessage, NewMessageInput } from './types';

/** A reservation length for reserve and touch: 1 s to 1 day (§0.10, §1.7). */
export function checkTimeout(timeoutMs: number): number {
  return checkDurationMs('timeout', timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
}

/** Checks a post's messages and fills in defaults; all or none are accepted. */
export function checkNewMessages(inputs: NewMessageInput[], maxMessageBytes: number): NewMessage[] {
  if (inputs.length === 0) throw invalidArgument('messages must be a non-empty array');
  if (inputs.length > MAX_MESSAGES_PER_POST) {
    throw invalidArgument(`At most ${MAX_MESSAGES_PER_POST} messages can be posted at once`);
  }
  return inputs.map((input) => {
    if (Buffer.byteLength(input.body, 'utf8') > maxMessageBytes) {
      throw invalidArgument(`Message body must be at most ${maxMessageBytes} bytes`);
    }
    const delayMs = checkDurationMs('delay', input.delayMs ?? 0, 0, MAX_DELAY_MS);
    if (input.timeoutMs !== undefined) checkTimeout(input.timeoutMs);
    if (input.expiresInMs !== undefined) {
      checkDurationMs('expires_in', input.expiresInMs, MIN_MESSAGE_EXPIRATION_MS, MAX_EXPIRES_IN_MS);
    }
    const pushHeaders = input.pushHeaders ?? null;
    const problem = pushHeaders && pushHeadersProblem(pushHeaders);
    if (problem) throw invalidArgument(problem);
    return { ...input, delayMs, pushHeaders };
  });
}
