'use client';
// The tabs of a project (queues, API tokens), marking the current one for sighted and screen-reader users.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { pagePaths } from '@/lib/hud/api-paths';

export function ProjectNav({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const tabs = [
    { href: pagePaths.queues(projectId), label: 'Queues' },
    { href: pagePaths.tokens(projectId), label: 'API tokens' },
  ];
  return (
    <nav aria-label="Project" className="mt-4 flex gap-1 border-b border-line">
      {tabs.map((tab) => {
        const isCurrent = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={isCurrent ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${isCurrent ? 'border-accent text-foreground' : 'border-transparent text-muted hover:text-foreground'}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
