'use client';
// iron.json and IRON_* variables for this server and project, as the official clients read them.
import { ironClientConfig, ironEnvExports, ironJson } from '@/lib/auth/client-config';
import { CodeBlock } from '@/components/ui/code-block';

export const TOKEN_PLACEHOLDER = 'YOUR_TOKEN';

export function ClientConfigSnippets({ projectId, token, publicUrl }: { projectId: string; token: string; publicUrl: string }) {
  const config = ironClientConfig(projectId, token, new URL(publicUrl));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <CodeBlock title="iron.json" code={ironJson(config)} />
      <CodeBlock title="Environment variables" code={ironEnvExports(config)} />
    </div>
  );
}
