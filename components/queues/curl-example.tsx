// A first message with curl, against this server and project, for empty states.
import { CodeBlock } from '@/components/ui/code-block';

export function curlPostExample(publicUrl: string, projectId: string, queueName: string): string {
  return [
    `curl -X POST "${publicUrl}/3/projects/${projectId}/queues/${encodeURIComponent(queueName)}/messages" \\`,
    '  -H "Authorization: OAuth YOUR_TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '{"messages":[{"body":"hello"}]}'`,
  ].join('\n');
}

export function CurlExample({ publicUrl, projectId, queueName }: { publicUrl: string; projectId: string; queueName: string }) {
  return <CodeBlock title="Post a message with curl" code={curlPostExample(publicUrl, projectId, queueName)} />;
}
