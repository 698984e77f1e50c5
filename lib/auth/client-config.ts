// What an official IronMQ client needs to reach this server (§7.2 of the wire spec): one shape
// rendered as an iron.json and as IRON_* variables, for the first-start text and the HUD alike.

/** The keys every official client reads; `scheme` and `protocol` both, since clients differ. */
export interface IronClientConfig {
  token: string;
  /** 24 lowercase hex characters. */
  project_id: string;
  host: string;
  /** A JSON number: Go and Java fail on a string port. */
  port: number;
  /** Read by node, go, ruby, java, .NET. */
  scheme: string;
  /** Read by python and php. */
  protocol: string;
}

/** The client settings for a token of `projectId` on the server at `publicUrl`. */
export function ironClientConfig(projectId: string, token: string, publicUrl: URL): IronClientConfig {
  const scheme = publicUrl.protocol.replace(/:$/, '');
  const port = publicUrl.port === '' ? (scheme === 'https' ? 443 : 80) : Number(publicUrl.port);
  return { token, project_id: projectId, host: publicUrl.hostname, port, scheme, protocol: scheme };
}

export function ironJson(config: IronClientConfig): string {
  return JSON.stringify(config, null, 2);
}

/** `export IRON_…=…` lines for a POSIX shell. */
export function ironEnvExports(config: IronClientConfig): string {
  return [
    `export IRON_TOKEN=${config.token}`,
    `export IRON_PROJECT_ID=${config.project_id}`,
    `export IRON_HOST=${config.host}`,
    `export IRON_PORT=${config.port}`,
    `export IRON_SCHEME=${config.scheme}`,
    `export IRON_PROTOCOL=${config.protocol}`,
  ].join('\n');
}
