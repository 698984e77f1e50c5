// PostgreSQL's text type cannot hold U+0000, which a message body, a subscriber name or a project
// name may contain (SQLite stores it). Such strings are stored with U+0000 written as U+FFFF '0'
// and U+FFFF itself doubled: reversible, injective (so equality and UNIQUE still hold), and the
// identity for every string without either character, which is nearly all of them.
const ESCAPE = '\uffff';

export function toDbText(text: string): string {
  if (!text.includes('\u0000') && !text.includes(ESCAPE)) return text;
  return text.replace(/[\u0000\uffff]/g, (c) => (c === '\u0000' ? `${ESCAPE}0` : `${ESCAPE}${ESCAPE}`));
}

export function fromDbText(stored: string): string {
  if (!stored.includes(ESCAPE)) return stored;
  return stored.replace(/\uffff([\s\S])/g, (_, c: string) => (c === '0' ? '\u0000' : ESCAPE));
}

/** For nullable columns. */
export function toDbTextOrNull(text: string | null): string | null {
  return text === null ? null : toDbText(text);
}

export function fromDbTextOrNull(stored: string | null): string | null {
  return stored === null ? null : fromDbText(stored);
}
