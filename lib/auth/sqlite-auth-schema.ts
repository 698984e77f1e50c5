// The SQLite layout of auth.db: tables, row shapes, their mapping to the auth types, and the
// prepared statements the SQLite AuthStore runs. Columns are snake_case; instants are epoch ms.
import type Database from 'better-sqlite3';
import type { ApiToken, Project, User } from './types';

export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS user_projects (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, project_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS user_projects_by_project ON user_projects(project_id);
  CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    hint TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    last_used_at_ms INTEGER
  );
  CREATE INDEX IF NOT EXISTS api_tokens_by_project ON api_tokens(project_id, created_at_ms);
`;

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  is_admin: number;
  created_at_ms: number;
}
export interface ProjectRow { id: string; name: string; created_at_ms: number }
export interface TokenRow {
  id: string;
  project_id: string;
  name: string;
  hint: string;
  created_at_ms: number;
  last_used_at_ms: number | null;
}
export interface AuthRow { id: string; project_id: string; token_hash: Buffer; last_used_at_ms: number | null }

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  isAdmin: r.is_admin === 1,
  createdAtMs: r.created_at_ms,
});
export const toProject = (r: ProjectRow): Project => ({ id: r.id, name: r.name, createdAtMs: r.created_at_ms });
export const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  hint: r.hint,
  createdAtMs: r.created_at_ms,
  lastUsedAtMs: r.last_used_at_ms,
});

/** Every statement the store runs, prepared once when the database opens. */
export function prepareStatements(db: Database.Database) {
  return {
    insertUser: db.prepare(
      'INSERT INTO users (id, email, password_hash, is_admin, created_at_ms) VALUES (?, ?, ?, ?, ?)',
    ),
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at_ms, rowid'),
    insertProject: db.prepare('INSERT INTO projects (id, name, created_at_ms) VALUES (?, ?, ?)'),
    projectById: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
    projects: db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY created_at_ms, rowid'),
    renameProject: db.prepare('UPDATE projects SET name = ? WHERE id = ?'),
    deleteProject: db.prepare('DELETE FROM projects WHERE id = ?'),
    grant: db.prepare('INSERT OR IGNORE INTO user_projects (user_id, project_id) VALUES (?, ?)'),
    revokeGrant: db.prepare('DELETE FROM user_projects WHERE user_id = ? AND project_id = ?'),
    hasGrant: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM user_projects WHERE user_id = ? AND project_id = ?',
    ),
    grantedProjects: db.prepare<[string], ProjectRow>(
      `SELECT p.* FROM projects p JOIN user_projects g ON g.project_id = p.id
       WHERE g.user_id = ? ORDER BY p.created_at_ms, p.rowid`,
    ),
    insertToken: db.prepare(
      'INSERT INTO api_tokens (id, project_id, name, token_hash, hint, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    tokens: db.prepare<[string], TokenRow>(
      `SELECT id, project_id, name, hint, created_at_ms, last_used_at_ms FROM api_tokens
       WHERE project_id = ? ORDER BY created_at_ms, rowid`,
    ),
    deleteToken: db.prepare('DELETE FROM api_tokens WHERE project_id = ? AND id = ?'),
    tokenByHash: db.prepare<[Buffer], AuthRow>(
      'SELECT id, project_id, token_hash, last_used_at_ms FROM api_tokens WHERE token_hash = ?',
    ),
    touchToken: db.prepare('UPDATE api_tokens SET last_used_at_ms = ? WHERE id = ?'),
  };
}
