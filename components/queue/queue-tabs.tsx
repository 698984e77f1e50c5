// The queue's views as links: each tab is a URL, so the browser's back button and pasted links work.
import Link from 'next/link';
import { pagePaths, type QueueTab } from '@/lib/hud/api-paths';

const TABS: Array<{ tab: QueueTab; label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'messages', label: 'Messages' },
  { tab: 'settings', label: 'Settings' },
];

export function QueueTabs({ projectId, queueName, current }: { projectId: string; queueName: string; current: QueueTab }) {
  return (
    <nav aria-label="Queue views" className="mt-4 flex gap-1 border-b border-line">
      {TABS.map(({ tab, label }) => (
        <Link
          key={tab}
          href={pagePaths.queue(projectId, queueName, { tab })}
          aria-current={tab === current ? 'page' : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === current ? 'border-accent text-foreground' : 'border-transparent text-muted hover:text-foreground'}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
