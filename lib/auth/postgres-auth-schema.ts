// The PostgreSQL layout of users, projects, grants and API tokens (the SQLite one is
// sqlite-auth-schema.ts): the same columns, instants in epoch ms, plus an insertion sequence so
// lists come out oldest first with ties broken as SQLite's rowid breaks them.
import type { Migration } from '../engine/postgres/migrations';
import { fromDbText } from '../engine/postgres/text-codec';
import type { ApiToken, Project, User } from './types';

export const AUTH_COMPONENT = 'auth';

export const AUTH_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'users, projects, user_projects, api_tokens',
    sql: `
CREATE TABLE users (
  id            TEXT    PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE,   -- normalized, text-codec.ts
  password_hash TEXT    NOT NULL,
  is_admin      BOOLEAN NOT NULL DEFAULT false,
  created_at_ms BIGINT  NOT NULL,
  seq           BIGSERIAL
);
CREATE TABLE projects (
  id            TEXT   PRIMARY KEY,
  name          TEXT   NOT NULL,
  created_at_ms BIGINT NOT NULL,
  seq           BIGSERIAL
);
CREATE TABLE user_projects (
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, project_id)
);
CREATE INDEX user_projects_by_project ON user_projects (project_id);
CREATE TABLE api_tokens (
  id              TEXT   PRIMARY KEY,
  project_id      TEXT   NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name            TEXT   NOT NULL,
  token_hash      BYTEA  NOT NULL UNIQUE,   -- SHA-256 of the secret; the secret is never stored
  hint            TEXT   NOT NULL,
  created_at_ms   BIGINT NOT NULL,
  last_used_at_ms BIGINT,
  seq             BIGSERIAL
);
CREATE INDEX api_tokens_by_project ON api_tokens (project_id, created_at_ms, seq);
`,
  },
];

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  is_admin: boolean;
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

export const toUser = (r: UserRow): User => ({ id: r.id, email: fromDbText(r.email), isAdmin: r.is_admin, createdAtMs: r.created_at_ms });
export const toProject = (r: ProjectRow): Project => ({ id: r.id, name: fromDbText(r.name), createdAtMs: r.created_at_ms });
export const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  projectId: r.project_id,
  name: fromDbText(r.name),
  hint: r.hint,
  createdAtMs: r.created_at_ms,
  lastUsedAtMs: r.last_used_at_ms,
});

/** PostgreSQL's unique_violation, which callers turn into an *_EXISTS error. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
