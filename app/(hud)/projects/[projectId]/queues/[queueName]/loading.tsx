// Placeholder while a queue tab renders.
import { SkeletonRows } from '@/components/ui/notices';

export default function Loading() {
  return <div className="mt-6"><SkeletonRows rows={4} label="Loading queue" /></div>;
}
