'use client';
// A queue's redrive jobs, newest first, with live progress (polled every second while one runs;
// the job runs on the server whether or not this page is open), and cancel for a running one.
import Link from 'next/link';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles, linkStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { formatDateTime } from '@/lib/hud/format';
import { useCancelRedriveMutation } from '@/lib/hud/redrive/use-cancel-redrive-mutation';
import { useRedrivesQuery } from '@/lib/hud/redrive/use-redrives-query';
import type { RedriveView } from '@/lib/hud/types';

const STATE_STYLES: Record<RedriveView['state'], string> = {
  running: 'border-info text-info',
  done: 'border-ok text-ok',
  cancelled: 'border-line text-muted',
  failed: 'border-danger text-danger',
};

export function RedriveJobs({ projectId, queueName, focusedJobId }: { projectId: string; queueName: string; focusedJobId: string }) {
  const jobs = useRedrivesQuery(projectId, queueName);
  const cancel = useCancelRedriveMutation();
  return (
    <section aria-labelledby="redrive-jobs-heading" className="space-y-3">
      <h2 id="redrive-jobs-heading" className="text-lg font-semibold">Redrives from this queue</h2>
      {jobs.isPending && <SkeletonRows rows={2} label="Loading redrives" />}
      {jobs.isError && <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data?.redrives.length === 0 && <p className="text-sm text-muted">None yet.</p>}
      <ul className="space-y-3">
        {jobs.data?.redrives.map((job) => {
          const handled = job.moved + job.skipped;
          const isFocused = job.id === focusedJobId;
          return (
            <li key={job.id} data-testid="redrive-job" aria-current={isFocused ? 'true' : undefined} className={`rounded-lg border p-3 ${isFocused ? 'border-accent' : 'border-line'}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STATE_STYLES[job.state]}`}>{job.state}</span>
                <span>
                  {job.isSelection ? 'Selected messages' : 'All messages'} to{' '}
                  <Link href={pagePaths.queue(projectId, job.targetQueue)} className={linkStyles}>{job.targetQueue}</Link>, {job.ratePerSecond}/s
                  {job.isErrorReport ? ', failed messages out of their error reports' : ''}
                </span>
                {job.state === 'running' && (
                  <button
                    type="button"
                    className={`${buttonStyles.small} ml-auto`}
                    disabled={cancel.isPending}
                    onClick={() => cancel.mutate({ projectId, queueName, redriveId: job.id })}
                  >
                    Cancel redrive
                  </button>
                )}
              </div>
              <progress className="mt-2 h-2 w-full accent-[var(--accent)]" value={Math.min(handled, job.total)} max={Math.max(job.total, 1)} aria-label={`Progress of the redrive to ${job.targetQueue}`} />
              <p className="mt-1 text-xs text-muted" data-testid="redrive-progress">
                Moved {job.moved} of {job.total}
                {job.skipped > 0 ? `, skipped ${job.skipped} (gone before their turn, or not an error report)` : ''} · started {formatDateTime(job.createdAtMs)}
                {job.finishedAtMs !== null ? ` · ended ${formatDateTime(job.finishedAtMs)}` : ''}
              </p>
              {job.error && <p className="mt-1 text-sm text-danger">{job.error}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
