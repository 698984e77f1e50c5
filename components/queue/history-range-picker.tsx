// The charts' range as links, one URL each (?tab=overview&range=24h), so a pasted link reproduces
// the view and the back button steps through ranges; Tab reaches each, Enter picks it.
import Link from 'next/link';
import { pagePaths, type QueueTab } from '@/lib/hud/api-paths';
import { HISTORY_RANGE_NAMES, HISTORY_RANGES } from '@/lib/hud/history-ranges';
import type { HistoryRange } from '@/lib/hud/types';

interface HistoryRangePickerProps {
  projectId: string;
  queueName: string;
  current: HistoryRange;
  /** The tab the picker sits on (the overview, or the alerts tab's size chart). */
  tab?: QueueTab;
}

export function HistoryRangePicker({ projectId, queueName, current, tab = 'overview' }: HistoryRangePickerProps) {
  return (
    <nav aria-label="Chart range" className="inline-flex gap-0.5 rounded-md border border-line p-0.5">
      {HISTORY_RANGE_NAMES.map((range) => (
        <Link
          key={range}
          href={pagePaths.queue(projectId, queueName, { tab, range })}
          scroll={false}
          aria-current={range === current ? 'true' : undefined}
          className={`rounded px-3 py-1 text-sm font-medium ${range === current ? 'bg-accent text-on-accent' : 'text-muted hover:bg-surface hover:text-foreground'}`}
        >
          {HISTORY_RANGES[range].label}
        </Link>
      ))}
    </nav>
  );
}
