'use client';
// One row per user: email, admin badge, how many projects they see, when created, and access.
import { useState } from 'react';
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
    <div className={tableStyles.wrapper} role="region" aria-label="Users" tabIndex={0}>
      <table className={tableStyles.table}>
        <caption className="sr-only">Users</caption>
        <thead className={tableStyles.head}>
          <tr>
            <th scope="col" className={tableStyles.th}>Email</th>
            <th scope="col" className={tableStyles.th}>Role</th>
            <th scope="col" className={`${tableStyles.th} text-right`}>Projects</th>
            <th scope="col" className={tableStyles.th}>Created</th>
            <th scope="col" className={tableStyles.actionsTh}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
      <ProjectAccessDialog user={editing} onClose={() => setEditingId(null)} />
    </div>
  );
}
