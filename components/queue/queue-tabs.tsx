// The queue's views as links: each tab is a URL, so the browser's back button and pasted links work.
// Which tabs a queue has depends on its type (and whether it collects another queue's failures).
import Link from 'next/link';
import { pagePaths, type QueueTab } from '@/lib/hud/api-paths';

const LABELS: Record<QueueTab, string> = {
  overview: 'Overview',
  messages: 'Messages',
  deliveries: 'Deliveries',
  subscribers: 'Subscribers',
  alerts: 'Alerts',
  redrive: 'Redrive',
  settings: 'Settings',
};

export function QueueTabs({ projectId, queueName, tabs, current }: { projectId: string; queueName: string; tabs: QueueTab[]; current: QueueTab }) {
  return (
    <nav aria-label="Queue views" className="mt-4 flex gap-1 overflow-x-auto border-b border-line">
      {tabs.map((tab) => (
        <Link
          key={tab}
          href={pagePaths.queue(projectId, queueName, { tab })}
          aria-current={tab === current ? 'page' : undefined}
          className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${tab === current ? 'border-accent text-foreground' : 'border-transparent text-muted hover:text-foreground'}`}
        >
          {LABELS[tab]}
        </Link>
      ))}
    </nav>
  );
}
