// Runs one benchmark case against its own server: start on a fresh data dir, hand the case a
// client, and always close the client and stop the server afterwards, even when the case fails.
// `options` go to startServer (e.g. { isHudEnabled: true }).
import { BenchClient } from './http-client.mjs';
import { PROJECT_ID, TOKEN, startServer } from './server.mjs';

export async function withServer(context, body, options = {}) {
  const server = await startServer({ ...options, root: context.root, profileDir: context.profileDir });
  const client = new BenchClient({ port: server.port, projectId: PROJECT_ID, token: TOKEN });
  try {
    return await body({ server, client });
  } finally {
    client.close();
    await server.stop();
  }
}
