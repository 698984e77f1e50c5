// First start: when auth.db has no users, create the admin, a first project and its API token,
// and return the text the server prints once. Later starts change nothing and print nothing.
import { randomBytes } from 'node:crypto';
import type { AuthStore } from './auth-store';
import { AuthError, type AuthErrorCode } from './errors';
import { ironClientConfig, ironEnvExports, ironJson } from './client-config';
import { assertValidProjectId } from './project-ids';
import { assertValidEmail, assertValidPassword } from './rules';
import { assertValidTokenSecret } from './tokens';
import type { Project } from './types';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';
export const FIRST_PROJECT_NAME = 'My First Project';
export const FIRST_TOKEN_NAME = 'Default token';

interface FirstStartSettings {
  email: string;
  password: string;
  isPasswordGenerated: boolean;
  projectId?: string;
  token?: string;
}

/** Runs an argument rule on an environment variable, naming the variable in the error. */
function fromEnv(name: string, value: string, assert: (v: string) => string): string {
  try {
    return assert(value);
  } catch (err) {
    if (err instanceof AuthError) throw new AuthError(err.code, `${name}: ${err.message}`);
    throw err;
  }
}

/** Reads and checks every setting before any write, so a typo cannot leave a half-made first start. */
function readSettings(env: NodeJS.ProcessEnv): FirstStartSettings {
  const { FERRO_ADMIN_EMAIL, FERRO_ADMIN_PASSWORD, FERRO_PROJECT_ID, FERRO_TOKEN } = env;
  return {
    email: fromEnv('FERRO_ADMIN_EMAIL', FERRO_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL, assertValidEmail),
    password: FERRO_ADMIN_PASSWORD
      ? fromEnv('FERRO_ADMIN_PASSWORD', FERRO_ADMIN_PASSWORD, assertValidPassword)
      : randomBytes(18).toString('base64url'),
    isPasswordGenerated: !FERRO_ADMIN_PASSWORD,
    projectId: FERRO_PROJECT_ID ? fromEnv('FERRO_PROJECT_ID', FERRO_PROJECT_ID, assertValidProjectId) : undefined,
    token: FERRO_TOKEN ? fromEnv('FERRO_TOKEN', FERRO_TOKEN, assertValidTokenSecret) : undefined,
  };
}

/**
 * The admin is created last, so a first start that fails midway runs again on the next start;
 * a project and token made by that failed run are reused when their values came from the env.
 */
async function firstProject(store: AuthStore, projectId: string | undefined): Promise<Project> {
  const existing = projectId ? await store.getProject(projectId) : null;
  if (existing) return existing;
  // Another instance starting at once on the same database may create it first.
  return store.createProject({ name: FIRST_PROJECT_NAME, id: projectId }).catch(async (error: unknown) => {
    const created = isCode(error, 'PROJECT_EXISTS') && projectId ? await store.getProject(projectId) : null;
    if (!created) throw error;
    return created;
  });
}

async function firstToken(store: AuthStore, projectId: string, token: string | undefined): Promise<string> {
  if (token && (await store.authenticate(projectId, token))) return token;
  try {
    return (await store.createToken(projectId, FIRST_TOKEN_NAME, { token })).secret;
  } catch (error) {
    if (token && isCode(error, 'TOKEN_EXISTS') && (await store.authenticate(projectId, token))) return token;
    throw error;
  }
}

function isCode(error: unknown, code: AuthErrorCode): boolean {
  return error instanceof AuthError && error.code === code;
}

/**
 * Creates the admin user, "My First Project" (granted to the admin) and its "Default token" when
 * the store has no users, honouring FERRO_ADMIN_EMAIL, FERRO_ADMIN_PASSWORD, FERRO_PROJECT_ID and
 * FERRO_TOKEN. Returns the text to print once, or null when users already exist. `publicUrl` is
 * the address clients should use (not 0.0.0.0). Throws AuthError for an invalid variable.
 */
export async function bootstrapFirstStart(
  store: AuthStore,
  env: NodeJS.ProcessEnv,
  publicUrl: URL,
): Promise<string | null> {
  if ((await store.listUsers()).length > 0) return null;
  const settings = readSettings(env);
  const project = await firstProject(store, settings.projectId);
  const secret = await firstToken(store, project.id, settings.token);
  const admin = await store.createUser(settings.email, settings.password, { isAdmin: true }).catch((error: unknown) => {
    // Several instances started at once on an empty database: the first to create the admin prints the banner.
    if (isCode(error, 'USER_EXISTS')) return null;
    throw error;
  });
  if (!admin) return null;
  await store.grantProjectAccess(admin.id, project.id);
  return firstStartText(settings, project, secret, publicUrl);
}

function firstStartText(settings: FirstStartSettings, project: Project, secret: string, publicUrl: URL): string {
  const config = ironClientConfig(project.id, secret, publicUrl);
  // A password the operator chose is already known to them and stays out of the logs.
  const password = settings.isPasswordGenerated ? settings.password : '(the value of FERRO_ADMIN_PASSWORD)';
  return [
    'Ferro first start: created the admin user, a first project and an API token.',
    'Save them now; this is printed only once.',
    '',
    `  Admin email     ${settings.email}`,
    `  Admin password  ${password}`,
    `  Project id      ${project.id}`,
    `  API token       ${secret}`,
    '',
    'iron.json for official IronMQ clients (put it in the client\'s working directory):',
    ironJson(config),
    '',
    'Or set these environment variables:',
    ironEnvExports(config),
    '',
  ].join('\n');
}
