// The HUD's session signing key and public address for next-auth, settled before Next serves a
// request: NEXTAUTH_SECRET from the environment, else a random one kept in the data directory so
// sessions survive restarts without the operator having to invent a secret.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const NEXTAUTH_SECRET_FILE = 'nextauth-secret';
/** 32 random bytes: the key signs and encrypts every HUD session cookie. */
const SECRET_BYTES = 32;

function readSecretFile(file: string): string | null {
  try {
    const secret = readFileSync(file, 'utf8').trim();
    return secret === '' ? null : secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Creates the file only if absent ('wx'), so two processes racing on one data dir agree on one secret. */
function createSecretFile(file: string): string {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const existing = readSecretFile(file);
    if (!existing) throw new Error(`${file} exists but is empty; delete it or set NEXTAUTH_SECRET`);
    return existing;
  }
}

/**
 * Sets `env.NEXTAUTH_SECRET` (when unset) from `<dataDir>/nextauth-secret`, creating that file
 * on first start, and `env.NEXTAUTH_URL` (when unset) to `publicUrl`. Returns the secret.
 */
export function prepareNextAuthEnv(env: NodeJS.ProcessEnv, dataDir: string, publicUrl: URL): string {
  env.NEXTAUTH_URL ||= publicUrl.origin;
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, NEXTAUTH_SECRET_FILE);
  const secret = readSecretFile(file) ?? createSecretFile(file);
  env.NEXTAUTH_SECRET = secret;
  return secret;
}
