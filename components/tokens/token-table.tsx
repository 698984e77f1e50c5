'use client';
// One row per token: name, masked secret, when it was created and last used, and revoke. On a
// phone the two dates sit under the name instead of in columns, so the table fits without scrolling.
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, tableStyles } from '@/components/ui/styles';
import { formatDateTime } from '@/lib/hud/format';
import { useRevokeTokenMutation } from '@/lib/hud/tokens/use-revoke-token-mutation';
import type { TokenView } from '@/lib/hud/types';

export function TokenTable({ projectId, tokens }: { projectId: string; tokens: TokenView[] }) {
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const revoke = useRevokeTokenMutation();
  const close = () => setRevoking(null);
  return (
    <>
      <DataTable caption="API tokens" columns={[
        { label: 'Name' },
        { label: 'Token' },
        { label: 'Created', className: 'hidden sm:table-cell' },
        { label: 'Last used', className: 'hidden sm:table-cell' },
        ACTIONS_COLUMN,
      ]}>
        {tokens.map((token) => (
          <tr key={token.id} className={tableStyles.row} data-testid="token-row">
            <td className={`${tableStyles.td} [overflow-wrap:anywhere]`}>
              {token.name}
              <span className="mt-0.5 block text-xs text-muted sm:hidden">
                Created {formatDateTime(token.createdAtMs)}, last used {token.lastUsedAtMs === null ? 'never' : formatDateTime(token.lastUsedAtMs)}
              </span>
            </td>
            <td className={tableStyles.td}>
              <code className="font-mono text-xs" aria-label={`ending in ${token.hint}`}>{`••••••••${token.hint}`}</code>
            </td>
            <td className={`${tableStyles.td} hidden whitespace-nowrap sm:table-cell`}>{formatDateTime(token.createdAtMs)}</td>
            <td className={`${tableStyles.td} hidden whitespace-nowrap sm:table-cell`}>{token.lastUsedAtMs === null ? 'Never' : formatDateTime(token.lastUsedAtMs)}</td>
            <td className={`${tableStyles.actionsTd} text-right`}>
              <button type="button" className={buttonStyles.smallDanger} onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>Revoke</button>
            </td>
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        isOpen={revoking !== null}
        onClose={close}
        title="Revoke token"
        confirmLabel="Revoke token"
        isPending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ projectId, tokenId: revoking.id, name: revoking.name }, { onSuccess: close })}
      >
        <p>
          Clients using <strong className="[overflow-wrap:anywhere]">{revoking?.name}</strong> (ending in <code className="font-mono">{revoking?.hint}</code>)
          will get 401 Unauthorized from their very next request. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
