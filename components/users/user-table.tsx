'use client';
// One row per user: email, admin badge, how many projects they see, when created, and access.
import { useState } from 'react';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, tableStyles } from '@/components/ui/styles';
import { formatDateTime } from '@/lib/hud/format';
import type { UserView } from '@/lib/hud/types';
import { ProjectAccessDialog } from './project-access-dialog';

function projectCountText(user: UserView): string {
  if (user.isAdmin) return 'All';
  return String(user.projectIds.length);
}

export function UserTable({ users }: { users: UserView[] }) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = users.find((user) => user.id === editingId) ?? null;
  return (
    // Focusable, so a keyboard can scroll the table on a narrow screen even when no row has a button.
    <>
      <DataTable caption="Users" isScrollRegion columns={[
        { label: 'Email' },
        { label: 'Role' },
        { label: 'Projects', isNumeric: true },
        { label: 'Created' },
        ACTIONS_COLUMN,
      ]}>
        {users.map((user) => (
          <tr key={user.id} className={tableStyles.row} data-testid="user-row">
            <td className={`${tableStyles.td} [overflow-wrap:anywhere]`}>{user.email}</td>
            <td className={tableStyles.td}>
              {user.isAdmin ? <span className="rounded border border-accent px-1.5 py-0.5 text-xs font-medium">Admin</span> : <span className="text-muted">Member</span>}
            </td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{projectCountText(user)}</td>
            <td className={`${tableStyles.td} whitespace-nowrap`}>{formatDateTime(user.createdAtMs)}</td>
            <td className={`${tableStyles.actionsTd} text-right`}>
              {!user.isAdmin && (
                <button type="button" className={buttonStyles.small} onClick={() => setEditingId(user.id)} aria-label={`Project access of ${user.email}`}>
                  Project access
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <ProjectAccessDialog user={editing} onClose={() => setEditingId(null)} />
    </>
  );
}
