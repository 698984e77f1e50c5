// The PostgreSQL AuthStore, for several Ferro instances on one database: the same rules as the
// SQLite store (rules.ts, tokens.ts, passwords.ts), each method one statement or one transaction.
// Nothing is cached, so a token revoked through one instance fails on every instance at its next
// request. An unreachable database is STORAGE_UNAVAILABLE (a 503), like a full disk.
import type { PostgresDatabase, Sql } from '../engine/postgres/database';
import { toDbText } from '../engine/postgres/text-codec';
import type { AuthStore, CreateProjectInput, CreateTokenOptions, CreateUserOptions } from './auth-store';
import { AuthError } from './errors';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';
import {
  AUTH_COMPONENT, AUTH_MIGRATIONS, isUniqueViolation, toProject, toToken, toUser, type ProjectRow, type TokenRow, type UserRow,
} from './postgres-auth-schema';
import { assertValidProjectId, generateId } from './project-ids';
import { assertValidEmail, assertValidName, assertValidPassword, normalizeEmail } from './rules';
import { LAST_USED_WRITE_INTERVAL_MS } from './sqlite-auth-store';
import { assertValidTokenSecret, generateTokenSecret, hashTokenSecret, isSameTokenHash, tokenHint } from './tokens';
import type { ApiToken, CreatedToken, Project, User } from './types';

/** Longer than any valid secret: such input is rejected before it costs a hash. */
const MAX_SECRET_LENGTH = 256;
const TOKEN_COLUMNS = 'id, project_id, name, hint, created_at_ms, last_used_at_ms';

export interface PostgresAuthStoreOptions {
  /** Source of the current instant (epoch ms); tests pass a manual one. */
  nowMs?: () => number;
}

/** Opens the store on `database`, applying its migrations first. */
export async function openPostgresAuthStore(database: PostgresDatabase, options: PostgresAuthStoreOptions = {}): Promise<AuthStore> {
  await database.migrate(AUTH_COMPONENT, AUTH_MIGRATIONS);
  return new PostgresAuthStore(database, options.nowMs ?? Date.now);
}

class PostgresAuthStore implements AuthStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly nowMs: () => number,
  ) {}

  private rows<R>(text: string, params: unknown[] = []): Promise<R[]> {
    return this.db.rows<R>(text, params);
  }

  private async row<R>(text: string, params: unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(text, params))[0];
  }

  private run(text: string, params: unknown[] = []): Promise<number> {
    return this.db.read((sql: Sql) => sql.run(text, params));
  }

  async createUser(email: string, password: string, { isAdmin = false }: CreateUserOptions = {}): Promise<User> {
    const normalized = assertValidEmail(email);
    const row: UserRow = { id: generateId(), email: toDbText(normalized), password_hash: await hashPassword(assertValidPassword(password)), is_admin: isAdmin, created_at_ms: this.nowMs() };
    try {
      await this.run('INSERT INTO users (id, email, password_hash, is_admin, created_at_ms) VALUES ($1, $2, $3, $4, $5)', [
        row.id, row.email, row.password_hash, row.is_admin, row.created_at_ms,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('USER_EXISTS', `A user with email ${normalized} already exists`);
      throw err;
    }
    return toUser(row);
  }

  private userByEmail(email: string): Promise<UserRow | undefined> {
    return this.row<UserRow>('SELECT * FROM users WHERE email = $1', [toDbText(normalizeEmail(email))]);
  }

  private userById(userId: string): Promise<UserRow | undefined> {
    return this.row<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const row = await this.userByEmail(email);
    return row ? toUser(row) : null;
  }

  async getUser(userId: string): Promise<User | null> {
    const row = await this.userById(userId);
    return row ? toUser(row) : null;
  }

  async verifyPassword(email: string, password: string): Promise<User | null> {
    const row = await this.userByEmail(email);
    // An unknown email still pays for a hash, so timing does not reveal which emails exist.
    const isMatch = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
    return row && isMatch ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.rows<UserRow>('SELECT * FROM users ORDER BY created_at_ms, seq')).map(toUser);
  }

  async createProject({ name, id }: CreateProjectInput): Promise<Project> {
    const row: ProjectRow = { id: id === undefined ? generateId() : assertValidProjectId(id), name: assertValidName(name), created_at_ms: this.nowMs() };
    try {
      await this.run('INSERT INTO projects (id, name, created_at_ms) VALUES ($1, $2, $3)', [row.id, toDbText(row.name), row.created_at_ms]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('PROJECT_EXISTS', `Project ${row.id} already exists`);
      throw err;
    }
    return toProject({ ...row, name: toDbText(row.name) });
  }

  async getProject(projectId: string): Promise<Project | null> {
    const row = await this.row<ProjectRow>('SELECT * FROM projects WHERE id = $1', [projectId]);
    return row ? toProject(row) : null;
  }

  async listProjects(): Promise<Project[]> {
    return (await this.rows<ProjectRow>('SELECT * FROM projects ORDER BY created_at_ms, seq')).map(toProject);
  }

  async renameProject(projectId: string, name: string): Promise<Project> {
    const trimmed = assertValidName(name);
    const row = await this.row<ProjectRow>('UPDATE projects SET name = $1 WHERE id = $2 RETURNING *', [toDbText(trimmed), projectId]);
    if (!row) throw new AuthError('PROJECT_NOT_FOUND', `Project ${projectId} not found`);
    return toProject(row);
  }

  async deleteProject(projectId: string): Promise<boolean> {
    return (await this.run('DELETE FROM projects WHERE id = $1', [projectId])) > 0;
  }

  async grantProjectAccess(userId: string, projectId: string): Promise<void> {
    if (!(await this.userById(userId))) throw new AuthError('USER_NOT_FOUND', `User ${userId} not found`);
    try {
      await this.run('INSERT INTO user_projects (user_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, projectId]);
    } catch (err) {
      // foreign_key_violation: the project (or, deleted meanwhile, the user) is not there.
      if ((err as { code?: unknown }).code !== '23503') throw err;
      if (!(await this.userById(userId))) throw new AuthError('USER_NOT_FOUND', `User ${userId} not found`);
      throw new AuthError('PROJECT_NOT_FOUND', `Project ${projectId} not found`);
    }
  }

  async revokeProjectAccess(userId: string, projectId: string): Promise<boolean> {
    return (await this.run('DELETE FROM user_projects WHERE user_id = $1 AND project_id = $2', [userId, projectId])) > 0;
  }

  async listProjectsForUser(userId: string): Promise<Project[]> {
    const user = await this.userById(userId);
    if (!user) return [];
    const rows = user.is_admin
      ? await this.rows<ProjectRow>('SELECT * FROM projects ORDER BY created_at_ms, seq')
      : await this.rows<ProjectRow>(
          'SELECT p.* FROM projects p JOIN user_projects g ON g.project_id = p.id WHERE g.user_id = $1 ORDER BY p.created_at_ms, p.seq',
          [userId],
        );
    return rows.map(toProject);
  }

  async hasProjectAccess(userId: string, projectId: string): Promise<boolean> {
    const user = await this.userById(userId);
    if (!user) return false;
    if (user.is_admin) return (await this.row('SELECT 1 FROM projects WHERE id = $1', [projectId])) !== undefined;
    return (await this.row('SELECT 1 FROM user_projects WHERE user_id = $1 AND project_id = $2', [userId, projectId])) !== undefined;
  }

  async createToken(projectId: string, name: string, { token }: CreateTokenOptions = {}): Promise<CreatedToken> {
    const trimmed = assertValidName(name);
    const secret = token === undefined ? generateTokenSecret() : assertValidTokenSecret(token);
    const row: TokenRow = { id: generateId(), project_id: projectId, name: toDbText(trimmed), hint: tokenHint(secret), created_at_ms: this.nowMs(), last_used_at_ms: null };
    try {
      await this.run('INSERT INTO api_tokens (id, project_id, name, token_hash, hint, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6)', [
        row.id, row.project_id, row.name, hashTokenSecret(secret), row.hint, row.created_at_ms,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('TOKEN_EXISTS', 'A token with this secret already exists');
      if ((err as { code?: unknown }).code === '23503') throw new AuthError('PROJECT_NOT_FOUND', `Project ${projectId} not found`);
      throw err;
    }
    return { token: toToken(row), secret };
  }

  async listTokens(projectId: string): Promise<ApiToken[]> {
    return (await this.rows<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE project_id = $1 ORDER BY created_at_ms, seq`, [projectId])).map(toToken);
  }

  async revokeToken(projectId: string, tokenId: string): Promise<boolean> {
    return (await this.run('DELETE FROM api_tokens WHERE project_id = $1 AND id = $2', [projectId, tokenId])) > 0;
  }

  async authenticate(projectId: string, secret: string): Promise<boolean> {
    if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) return false;
    const hash = hashTokenSecret(secret);
    const row = await this.row<{ id: string; project_id: string; token_hash: Buffer; last_used_at_ms: number | null }>(
      'SELECT id, project_id, token_hash, last_used_at_ms FROM api_tokens WHERE token_hash = $1',
      [hash],
    );
    if (!row || !isSameTokenHash(row.token_hash, hash) || row.project_id !== projectId) return false;
    const now = this.nowMs();
    // The row read above holds the last write, so the once-a-minute throttle needs no memory and
    // holds across restarts and instances; the condition keeps two instances from both writing.
    if (row.last_used_at_ms === null || now - row.last_used_at_ms >= LAST_USED_WRITE_INTERVAL_MS) {
      // Best effort: the note of when a token was last used must never fail the request it authenticates.
      await this.run('UPDATE api_tokens SET last_used_at_ms = $1 WHERE id = $2 AND (last_used_at_ms IS NULL OR last_used_at_ms <= $3)', [
        now, row.id, now - LAST_USED_WRITE_INTERVAL_MS,
      ]).catch(() => {});
    }
    return true;
  }

  /** The database belongs to whoever opened it (lib/postgres-runtime.ts), which closes it. */
  async close(): Promise<void> {}
}
