// The HUD landing page. Until the dashboard lands it says what this server is and where the
// IronMQ APIs live, so someone who opens the port in a browser knows what they reached.
const API_VERSIONS = [
  { path: '/3/', name: 'IronMQ v3 API', example: '/3/projects/{project_id}/queues' },
  { path: '/1/', name: 'IronMQ v1 API', example: '/1/projects/{project_id}/queues' },
];

export default function HomePage() {
  return (
    <div className="mx-auto flex min-h-screen max-w-2xl flex-col px-6 py-12">
      <header className="flex items-center gap-3">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span className="text-lg font-semibold tracking-tight">Ferro</span>
      </header>

      <main className="mt-12 flex-1">
        <h1 className="text-3xl font-bold tracking-tight">A self-hosted IronMQ</h1>
        <p className="mt-4 text-muted">
          Ferro speaks the IronMQ wire protocol, so the official IronMQ client libraries work against it unchanged.
        </p>

        <section aria-labelledby="apis-heading" className="mt-10">
          <h2 id="apis-heading" className="text-xl font-semibold">APIs on this port</h2>
          <ul className="mt-4 space-y-3">
            {API_VERSIONS.map((api) => (
              <li key={api.path} className="rounded-lg border border-line p-4">
                <p className="font-medium">
                  <code className="font-mono text-accent">{api.path}</code> — {api.name}
                </p>
                <p className="mt-1 text-sm text-muted">
                  e.g. <code className="font-mono">{api.example}</code>, with <code className="font-mono">Authorization: OAuth &lt;token&gt;</code>
                </p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="hud-heading" className="mt-10">
          <h2 id="hud-heading" className="text-xl font-semibold">Dashboard</h2>
          <p className="mt-4 text-muted">
            The dashboard — sign-in, projects, API tokens and queues — is coming. Until then, the first start of the
            server prints the admin login, the first project id and an API token.
          </p>
        </section>
      </main>

      <footer className="mt-12 border-t border-line pt-6 text-sm text-muted">
        Ferro HUD
      </footer>
    </div>
  );
}
