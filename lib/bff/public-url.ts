// The address this request reached the server at, for the snippets the HUD shows (iron.json, curl):
// the wire API shares the HUD's port, so what works in the browser's address bar works for clients.
import { headers } from 'next/headers';

/** Next fills x-forwarded-host and -proto from the request when no proxy did; the first value wins. */
export async function requestPublicUrl(): Promise<string> {
  const list = await headers();
  const first = (name: string) => list.get(name)?.split(',')[0]?.trim();
  const host = first('x-forwarded-host') || first('host') || 'localhost';
  const scheme = first('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${scheme}://${host}`;
}
