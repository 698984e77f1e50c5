// The server (admins only): version, uptime, store, disk, event loop, commits and request rate.
import type { Metadata } from 'next';
import { AdminOnlyNotice } from '@/components/admin-only-notice';
import { ServerPanel } from '@/components/server/server-panel';
import { requireHudUser } from '@/lib/bff/page-access';

export const metadata: Metadata = { title: 'Server · Ferro HUD' };

export default async function ServerPage() {
  const user = await requireHudUser();
  if (!user.isAdmin) return <AdminOnlyNotice what="Only an admin can see the server's figures." />;
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Server</h1>
      <ServerPanel />
    </>
  );
}
