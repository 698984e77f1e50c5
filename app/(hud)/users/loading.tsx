// Placeholder while the users page renders.
import { SkeletonRows } from '@/components/ui/notices';

export default function Loading() {
  return <SkeletonRows rows={3} label="Loading users" />;
}
