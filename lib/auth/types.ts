// The auth vocabulary shared by every AuthStore and its callers (HUD sign-in, token checks on the
// wire API). Instants are epoch milliseconds (names end in `Ms`); secrets never appear here.

/** A person who signs in to the HUD. */
export interface User {
  /** 24 lowercase hex characters. */
  id: string;
  /** Lower-cased and trimmed; unique. */
  email: string;
  /** An admin sees and manages every project without explicit grants. */
  isAdmin: boolean;
  /** Creation instant (epoch ms). */
  createdAtMs: number;
}

/** An IronMQ project: the namespace of queues that `/3/projects/{project_id}/...` addresses. */
export interface Project {
  /** 24 lowercase hex characters, the `project_id` clients send. */
  id: string;
  /** Display name, 1..100 characters. */
  name: string;
  /** Creation instant (epoch ms). */
  createdAtMs: number;
}

/** An API token of one project, as listed: the secret itself is never stored or returned. */
export interface ApiToken {
  /** 24 lowercase hex characters; identifies the token for revocation, not for auth. */
  id: string;
  /** The project this token opens; a token opens exactly one project. */
  projectId: string;
  /** Display name, 1..100 characters. */
  name: string;
  /** The secret's last 4 characters, so a person can tell tokens apart. */
  hint: string;
  /** Creation instant (epoch ms). */
  createdAtMs: number;
  /** Last successful authentication (epoch ms), accurate to about a minute; null when never used. */
  lastUsedAtMs: number | null;
}

/** What `createToken` returns: the listing plus the secret, which is shown to the user once. */
export interface CreatedToken {
  token: ApiToken;
  /** The value clients send as `Authorization: OAuth <secret>`. */
  secret: string;
}
