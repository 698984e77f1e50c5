'use client';
// One row per project: name (to its queues), copyable id, totals, and its actions.
import Link from 'next/link';
import { useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, linkStyles, tableStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import type { ProjectSummary } from '@/lib/hud/types';
import { DeleteProjectDialog } from './delete-project-dialog';
import { RenameProjectDialog } from './rename-project-dialog';

type Action = { kind: 'rename' | 'delete'; project: ProjectSummary } | null;

export function ProjectTable({ projects }: { projects: ProjectSummary[] }) {
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);
  return (
    <>
      <DataTable caption="Projects" columns={[
        { label: 'Name' },
        { label: 'Project id' },
        { label: 'Queues', isNumeric: true },
        { label: 'Messages', isNumeric: true },
        { label: 'Total messages', isNumeric: true },
        ACTIONS_COLUMN,
      ]}>
        {projects.map((project) => (
          <tr key={project.id} className={tableStyles.row} data-testid="project-row">
            <td className={tableStyles.td}>
              <Link href={pagePaths.queues(project.id)} className={`${linkStyles} [overflow-wrap:anywhere]`}>{project.name}</Link>
            </td>
            <td className={tableStyles.td}>
              <span className="flex items-center gap-2">
                <code className="font-mono text-xs">{project.id}</code>
                <CopyButton value={project.id} label={`Copy project id of ${project.name}`} />
              </span>
            </td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{project.queueCount}</td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{project.size}</td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{project.totalMessages}</td>
            <td className={tableStyles.actionsTd}>
              <span className="flex justify-end gap-2">
                <Link href={pagePaths.tokens(project.id)} className={buttonStyles.small} aria-label={`Tokens of ${project.name}`}>Tokens</Link>
                <button type="button" className={buttonStyles.small} onClick={() => setAction({ kind: 'rename', project })} aria-label={`Rename ${project.name}`}>Rename</button>
                <button type="button" className={buttonStyles.smallDanger} onClick={() => setAction({ kind: 'delete', project })} aria-label={`Delete ${project.name}`}>Delete</button>
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
      <RenameProjectDialog project={action?.kind === 'rename' ? action.project : null} onClose={close} />
      <DeleteProjectDialog project={action?.kind === 'delete' ? action.project : null} onClose={close} />
    </>
  );
}
