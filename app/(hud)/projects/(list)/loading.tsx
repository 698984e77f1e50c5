// Placeholder while the project list page renders.
import { SkeletonRows } from '@/components/ui/notices';

export default function Loading() {
  return <SkeletonRows rows={4} label="Loading projects" />;
}
