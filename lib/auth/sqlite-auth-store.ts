// The default AuthStore: users, projects and API tokens in `auth.db` inside the data directory,
// through better-sqlite3. Calls are synchronous underneath and wrapped in promises to keep the
// interface the PostgreSQL store will share.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AuthStore, CreateProjectInput, CreateTokenOptions, CreateUserOptions } from './auth-store';
import { AuthError } from './errors';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';
import { assertValidProjectId, generateId } from './project-ids';
import { assertValidEmail, assertValidName, assertValidPassword, normalizeEmail } from './rules';
import { assertValidTokenSecret, generateTokenSecret, hashTokenSecret, isSameTokenHash, tokenHint } from './tokens';
import {
  prepareStatements, SCHEMA, toProject, toToken, toUser, type ProjectRow, type TokenRow, type UserRow,
} from './sqlite-auth-schema';
import type { ApiToken, CreatedToken, Project, User } from './types';

export const AUTH_DB_FILE = 'auth.db';
/** A token's `last_used_at_ms` is rewritten at most this often, so authentication is not a write per request. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** Longer than any valid secret: such input is rejected before it costs a hash. */
const MAX_SECRET_LENGTH = 256;

/** True for a UNIQUE or PRIMARY KEY violation, which callers turn into an *_EXISTS error. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface SqliteAuthStoreOptions {
  /** Source of the current instant (epoch ms); tests pass a manual one. */
  nowMs?: () => number;
}

/** Opens (creating when missing) `<dataDir>/auth.db` in WAL mode and returns its AuthStore. */
export function openSqliteAuthStore(dataDir: string, options: SqliteAuthStoreOptions = {}): AuthStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, AUTH_DB_FILE));
  db.pragma('journal_mode = WAL');
  // Auth writes are rare; FULL makes a token shown to the user survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return new SqliteAuthStore(db, options.nowMs ?? Date.now);
}

class SqliteAuthStore implements AuthStore {
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly nowMs: () => number,
  ) {
    this.sql = prepareStatements(db);
  }

  async createUser(email: string, password: string, { isAdmin = false }: CreateUserOptions = {}): Promise<User> {
    const normalized = assertValidEmail(email);
    const row: UserRow = {
      id: generateId(),
      email: normalized,
      password_hash: await hashPassword(assertValidPassword(password)),
      is_admin: isAdmin ? 1 : 0,
      created_at_ms: this.nowMs(),
    };
    try {
      this.sql.insertUser.run(row.id, row.email, row.password_hash, row.is_admin, row.created_at_ms);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('USER_EXISTS', `A user with email ${normalized} already exists`);
      throw err;
    }
    return toUser(row);
  }

  async findUserByEmail(email: string): Promise<User | null> {
    const row = this.sql.userByEmail.get(normalizeEmail(email));
    return row ? toUser(row) : null;
  }

  async getUser(userId: string): Promise<User | null> {
    const row = this.sql.userById.get(userId);
    return row ? toUser(row) : null;
  }

  async verifyPassword(email: string, password: string): Promise<User | null> {
    const row = this.sql.userByEmail.get(normalizeEmail(email));
    // An unknown email still pays for a hash, so timing does not reveal which emails exist.
    const isMatch = await verifyPassword(password, row?.password_hash ?? DUMMY_PASSWORD_HASH);
    return row && isMatch ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return this.sql.users.all().map(toUser);
  }

  async createProject({ name, id }: CreateProjectInput): Promise<Project> {
    const row: ProjectRow = {
      id: id === undefined ? generateId() : assertValidProjectId(id),
      name: assertValidName(name),
      created_at_ms: this.nowMs(),
    };
    try {
      this.sql.insertProject.run(row.id, row.name, row.created_at_ms);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('PROJECT_EXISTS', `Project ${row.id} already exists`);
      throw err;
    }
    return toProject(row);
  }

  async getProject(projectId: string): Promise<Project | null> {
    const row = this.sql.projectById.get(projectId);
    return row ? toProject(row) : null;
  }

  async listProjects(): Promise<Project[]> {
    return this.sql.projects.all().map(toProject);
  }

  async renameProject(projectId: string, name: string): Promise<Project> {
    const trimmed = assertValidName(name);
    const row = this.projectRowOrThrow(projectId);
    this.sql.renameProject.run(trimmed, projectId);
    return toProject({ ...row, name: trimmed });
  }

  async deleteProject(projectId: string): Promise<boolean> {
    return this.sql.deleteProject.run(projectId).changes > 0;
  }

  async grantProjectAccess(userId: string, projectId: string): Promise<void> {
    if (!this.sql.userById.get(userId)) throw new AuthError('USER_NOT_FOUND', `User ${userId} not found`);
    this.projectRowOrThrow(projectId);
    this.sql.grant.run(userId, projectId);
  }

  async revokeProjectAccess(userId: string, projectId: string): Promise<boolean> {
    return this.sql.revokeGrant.run(userId, projectId).changes > 0;
  }

  async listProjectsForUser(userId: string): Promise<Project[]> {
    const user = this.sql.userById.get(userId);
    if (!user) return [];
    const rows = user.is_admin === 1 ? this.sql.projects.all() : this.sql.grantedProjects.all(userId);
    return rows.map(toProject);
  }

  async hasProjectAccess(userId: string, projectId: string): Promise<boolean> {
    const user = this.sql.userById.get(userId);
    if (!user) return false;
    if (user.is_admin === 1) return this.sql.projectById.get(projectId) !== undefined;
    return this.sql.hasGrant.get(userId, projectId) !== undefined;
  }

  async createToken(projectId: string, name: string, { token }: CreateTokenOptions = {}): Promise<CreatedToken> {
    const trimmed = assertValidName(name);
    const secret = token === undefined ? generateTokenSecret() : assertValidTokenSecret(token);
    this.projectRowOrThrow(projectId);
    const row: TokenRow = {
      id: generateId(),
      project_id: projectId,
      name: trimmed,
      hint: tokenHint(secret),
      created_at_ms: this.nowMs(),
      last_used_at_ms: null,
    };
    try {
      this.sql.insertToken.run(row.id, row.project_id, row.name, hashTokenSecret(secret), row.hint, row.created_at_ms);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AuthError('TOKEN_EXISTS', 'A token with this secret already exists');
      throw err;
    }
    return { token: toToken(row), secret };
  }

  async listTokens(projectId: string): Promise<ApiToken[]> {
    return this.sql.tokens.all(projectId).map(toToken);
  }

  async revokeToken(projectId: string, tokenId: string): Promise<boolean> {
    return this.sql.deleteToken.run(projectId, tokenId).changes > 0;
  }

  async authenticate(projectId: string, secret: string): Promise<boolean> {
    if (secret.length === 0 || secret.length > MAX_SECRET_LENGTH) return false;
    const hash = hashTokenSecret(secret);
    // The lookup by hash leaks nothing useful through timing: an attacker cannot steer a SHA-256.
    const row = this.sql.tokenByHash.get(hash);
    if (!row || !isSameTokenHash(row.token_hash, hash) || row.project_id !== projectId) return false;
    const now = this.nowMs();
    // The row read above already holds the last write, so the once-a-minute throttle needs no
    // in-memory map and holds across restarts and across server instances.
    if (row.last_used_at_ms === null || now - row.last_used_at_ms >= LAST_USED_WRITE_INTERVAL_MS) {
      // Best effort: the note of when a token was last used must never fail the request it
      // authenticates (a full disk would otherwise turn every read into an error).
      try {
        this.sql.touchToken.run(now, row.id);
      } catch {
        // The next use, a minute or more later, tries again.
      }
    }
    return true;
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private projectRowOrThrow(projectId: string): ProjectRow {
    const row = this.sql.projectById.get(projectId);
    if (!row) throw new AuthError('PROJECT_NOT_FOUND', `Project ${projectId} not found`);
    return row;
  }
}
