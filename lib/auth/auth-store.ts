// The storage contract for users, projects and API tokens: SQLite now, PostgreSQL next. Every
// method is async and atomic on its own, so nothing here assumes one process or a local file.
import type { CreatedToken, Project, User, ApiToken } from './types';

export interface CreateUserOptions {
  /** Admins see every project without grants. Default false. */
  isAdmin?: boolean;
}

export interface CreateProjectInput {
  /** Display name, 1..100 characters. */
  name: string;
  /** 24 lowercase hex characters; random when absent. */
  id?: string;
}

export interface CreateTokenOptions {
  /** Use this secret instead of a random one (FERRO_TOKEN); URL-unreserved characters, 8..256. */
  token?: string;
}

export interface AuthStore {
  /** Creates a user. Throws USER_EXISTS for a taken email, INVALID_ARGUMENT for a bad email or password. */
  createUser(email: string, password: string, options?: CreateUserOptions): Promise<User>;
  /** Email comparison ignores case and surrounding spaces. */
  findUserByEmail(email: string): Promise<User | null>;
  getUser(userId: string): Promise<User | null>;
  /** The user when the password matches; null for a wrong password or unknown email, in similar time. */
  verifyPassword(email: string, password: string): Promise<User | null>;
  /** Oldest first. */
  listUsers(): Promise<User[]>;

  /** Throws INVALID_PROJECT_ID, PROJECT_EXISTS or INVALID_ARGUMENT (name). */
  createProject(input: CreateProjectInput): Promise<Project>;
  getProject(projectId: string): Promise<Project | null>;
  /** Oldest first. */
  listProjects(): Promise<Project[]>;
  /** Throws PROJECT_NOT_FOUND or INVALID_ARGUMENT (name). */
  renameProject(projectId: string, name: string): Promise<Project>;
  /** Removes the project with its tokens and grants (not its queues: those belong to the engine). False when absent. */
  deleteProject(projectId: string): Promise<boolean>;

  /** Lets a non-admin user see a project; granting twice is harmless. Throws USER_NOT_FOUND or PROJECT_NOT_FOUND. */
  grantProjectAccess(userId: string, projectId: string): Promise<void>;
  /** False when there was no such grant. */
  revokeProjectAccess(userId: string, projectId: string): Promise<boolean>;
  /** Granted projects, or every project for an admin; oldest first; empty for an unknown user. */
  listProjectsForUser(userId: string): Promise<Project[]>;
  hasProjectAccess(userId: string, projectId: string): Promise<boolean>;

  /**
   * Creates a token; the returned secret exists nowhere else afterwards.
   * Throws PROJECT_NOT_FOUND, TOKEN_EXISTS or INVALID_ARGUMENT.
   */
  createToken(projectId: string, name: string, options?: CreateTokenOptions): Promise<CreatedToken>;
  /** The project's tokens, oldest first, without secrets. */
  listTokens(projectId: string): Promise<ApiToken[]>;
  /** Deletes the token so the very next request with it fails. False when the project has no such token. */
  revokeToken(projectId: string, tokenId: string): Promise<boolean>;
  /**
   * Runs on every API request: true only when `secret` is a live token of `projectId`. Cheap by
   * contract (one indexed read; a `lastUsedAtMs` write at most once a minute per token) and never
   * cached, so a revoked token fails at once.
   */
  authenticate(projectId: string, secret: string): Promise<boolean>;

  close(): Promise<void>;
}
