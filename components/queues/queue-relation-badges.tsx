// Dead-letter and error-queue links, both ways: a queue that is some queue's dead-letter or error
// queue says so and links back to its sources; a queue with a dead-letter or error queue links to
// it with its current size (or says it is configured and still empty, before its first message).
import Link from 'next/link';
import { linkStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import type { QueueLinkView, QueueRelations } from '@/lib/hud/types';

const badge = 'inline-flex flex-wrap items-center gap-1 rounded-full border px-2 py-0.5 text-xs';

function sizeText(target: QueueLinkView): string {
  if (target.size === null) return 'configured, still empty';
  return `${target.size.toLocaleString('en-US')} message${target.size === 1 ? '' : 's'}`;
}

function QueueLink({ projectId, name }: { projectId: string; name: string }) {
  return (
    <Link href={pagePaths.queue(projectId, name)} className={`${linkStyles} [overflow-wrap:anywhere]`}>
      {name}
    </Link>
  );
}

export function QueueRelationBadges({ projectId, relations }: { projectId: string; relations: QueueRelations }) {
  const { deadLetterQueue, errorQueue, deadLetterSources, errorQueueSources } = relations;
  const targets: Array<[string, QueueLinkView]> = [];
  if (deadLetterQueue) targets.push(['Dead-letter queue', deadLetterQueue]);
  if (errorQueue) targets.push(['Error queue', errorQueue]);
  const sources: Array<[string, string[]]> = [];
  if (deadLetterSources.length > 0) sources.push(['Dead-letter queue of', deadLetterSources]);
  if (errorQueueSources.length > 0) sources.push(['Error queue of', errorQueueSources]);
  if (targets.length + sources.length === 0) return null;
  return (
    <span className="flex flex-wrap gap-1" data-testid="queue-relations">
      {targets.map(([label, target]) => (
        <span key={label} className={`${badge} border-line`}>
          {label}: <QueueLink projectId={projectId} name={target.name} /> <span className="text-muted">({sizeText(target)})</span>
        </span>
      ))}
      {sources.map(([label, names]) => (
        <span key={label} className={`${badge} border-warn`}>
          {label}:{' '}
          {names.map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <QueueLink projectId={projectId} name={name} />
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}
