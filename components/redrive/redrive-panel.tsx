'use client';
// The redrive tab (?tab=redrive&job=&after=): move this queue's messages — a dead-letter or error
// queue's, usually — back where they failed, as a job the server runs at a chosen rate, with its
// progress and cancel. Closing the page neither stops nor breaks a job.
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import { RedriveForm } from './redrive-form';
import { RedriveJobs } from './redrive-jobs';

interface RedrivePanelProps {
  projectId: string;
  queueName: string;
  focusedJobId: string;
  after: string;
}

export function RedrivePanel({ projectId, queueName, focusedJobId, after }: RedrivePanelProps) {
  const queue = useQueueQuery(projectId, queueName);
  if (queue.isPending) return <SkeletonRows rows={3} label="Loading redrive" />;
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  return (
    <div className="space-y-10">
      <p className="text-sm text-muted">
        Each message is posted to the target as a new message (reserved count 0) and removed from here in the same step, so it moves exactly once,
        and a server restart resumes the job where it stopped.
      </p>
      <RedriveJobs projectId={projectId} queueName={queueName} focusedJobId={focusedJobId} />
      <RedriveForm projectId={projectId} queue={queue.data} after={after} />
    </div>
  );
}
