// Placeholder while the queue list page renders.
import { SkeletonRows } from '@/components/ui/notices';

export default function Loading() {
  return <SkeletonRows rows={5} label="Loading queues" />;
}
