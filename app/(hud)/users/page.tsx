// Users (admins only): who can sign in to the HUD, create one, and grant or revoke project access.
import type { Metadata } from 'next';
import { AdminOnlyNotice } from '@/components/admin-only-notice';
import { UsersPanel } from '@/components/users/users-panel';
import { requireHudUser } from '@/lib/bff/page-access';

export const metadata: Metadata = { title: 'Users · Ferro HUD' };

export default async function UsersPage() {
  const user = await requireHudUser();
  if (!user.isAdmin) return <AdminOnlyNotice what="Only an admin can manage users. Ask one to create accounts or grant projects." />;
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Users</h1>
      <UsersPanel />
    </>
  );
}
