// A project's API tokens: list, create (shown once), revoke, and client settings ready to paste.
import type { Metadata } from 'next';
import { TokensPanel } from '@/components/tokens/tokens-panel';
import { getProjectOrNotFound } from '@/lib/bff/page-access';
import { requestPublicUrl } from '@/lib/bff/public-url';

export const metadata: Metadata = { title: 'API tokens · Ferro HUD' };

export default async function TokensPage({ params }: { params: Promise<{ projectId: string }> }) {
  const project = await getProjectOrNotFound((await params).projectId);
  return (
    <>
      <h1 className="text-xl font-semibold">API tokens</h1>
      <TokensPanel projectId={project.id} publicUrl={await requestPublicUrl()} />
    </>
  );
}
