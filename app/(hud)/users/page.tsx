// Users (admins only): who can sign in to the HUD, create one, and grant or revoke project access.
import type { Metadata } from 'next';
import { UsersPanel } from '@/components/users/users-panel';
import { requireHudUser } from '@/lib/bff/page-access';

export const metadata: Metadata = { title: 'Users · Ferro HUD' };

export default async function UsersPage() {
  const user = await requireHudUser();
  if (!user.isAdmin) {
    return (
      <section className="py-12" role="alert">
        <p className="font-mono text-sm text-accent">403</p>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">Admins only</h1>
        <p className="mt-2 text-muted">Only an admin can manage users. Ask one to create accounts or grant projects.</p>
      </section>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Users</h1>
      <UsersPanel />
    </>
  );
}
