'use client';
// The API tokens screen: the masked list, create with a one-time reveal, revoke, and client settings.
import { useState } from 'react';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useTokensQuery } from '@/lib/hud/tokens/use-tokens-query';
import { ClientConfigSnippets, TOKEN_PLACEHOLDER } from './client-config-snippets';
import { CreateTokenDialog } from './create-token-dialog';
import { TokenTable } from './token-table';

export function TokensPanel({ projectId, publicUrl }: { projectId: string; publicUrl: string }) {
  const tokens = useTokensQuery(projectId);
  const [isCreating, setCreating] = useState(false);
  return (
    <div className="mt-2 space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">
          Clients send a token as <code className="font-mono">Authorization: OAuth &lt;token&gt;</code>. A token opens this project only.
        </p>
        <button type="button" className={buttonStyles.primary} onClick={() => setCreating(true)}>New token</button>
      </div>
      {tokens.isPending && <SkeletonRows rows={2} label="Loading API tokens" />}
      {tokens.isError && <ErrorNotice error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.data?.length === 0 && (
        <EmptyState title="No API tokens">
          <p>Without a token no client can reach this project&apos;s queues. Create one and paste it into the client&apos;s settings.</p>
        </EmptyState>
      )}
      {tokens.data && tokens.data.length > 0 && <TokenTable projectId={projectId} tokens={tokens.data} />}
      <section aria-labelledby="client-settings-heading" className="space-y-3">
        <h2 id="client-settings-heading" className="text-lg font-semibold">Client settings</h2>
        <p className="text-sm text-muted">
          Put <code className="font-mono">iron.json</code> in the client&apos;s working directory, or set the variables. Replace{' '}
          <code className="font-mono">{TOKEN_PLACEHOLDER}</code> with a token: secrets are shown only when a token is created.
        </p>
        <ClientConfigSnippets projectId={projectId} token={TOKEN_PLACEHOLDER} publicUrl={publicUrl} />
      </section>
      <CreateTokenDialog projectId={projectId} publicUrl={publicUrl} isOpen={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
