'use client';
// The users screen (admins only): every HUD user, a create dialog, and each user's project access.
import { useState } from 'react';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useUsersQuery } from '@/lib/hud/users/use-users-query';
import { CreateUserDialog } from './create-user-dialog';
import { UserTable } from './user-table';

export function UsersPanel() {
  const users = useUsersQuery();
  const [isCreating, setCreating] = useState(false);
  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">People who can sign in to this HUD. Admins see every project; others see the projects granted to them.</p>
        <button type="button" className={buttonStyles.primary} onClick={() => setCreating(true)}>New user</button>
      </div>
      {users.isPending && <SkeletonRows rows={3} label="Loading users" />}
      {users.isError && <ErrorNotice error={users.error} onRetry={() => users.refetch()} />}
      {users.data && <UserTable users={users.data} />}
      <CreateUserDialog isOpen={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
