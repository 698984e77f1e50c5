// Project ids in IronMQ's format: 24 lowercase hex characters (a MongoDB ObjectId), which the Ruby
// client checks for and every client puts in the URL. User and token ids reuse the format.
import { randomBytes } from 'node:crypto';
import { AuthError } from './errors';

const PROJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/** A fresh random id: 12 random bytes as 24 lowercase hex characters. */
export function generateId(): string {
  return randomBytes(12).toString('hex');
}

export function isValidProjectId(id: string): boolean {
  return PROJECT_ID_PATTERN.test(id);
}

/** Returns `id` unchanged, or throws INVALID_PROJECT_ID naming the rule it breaks. */
export function assertValidProjectId(id: string): string {
  if (!isValidProjectId(id)) {
    throw new AuthError(
      'INVALID_PROJECT_ID',
      `Invalid project id ${JSON.stringify(id)}: it must be 24 lowercase hex characters (0-9, a-f), ` +
        'e.g. 54f95a43ecbd7e000800002a',
    );
  }
  return id;
}
