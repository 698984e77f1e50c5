// Where to go after signing in: only a path on this server, so a crafted link to the sign-in
// page can never send a freshly signed-in person to another site.

export const DEFAULT_AFTER_SIGN_IN = '/projects';

export function safeCallbackUrl(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_AFTER_SIGN_IN;
  if (value.startsWith('/login') || value.startsWith('/api/')) return DEFAULT_AFTER_SIGN_IN;
  return value;
}
