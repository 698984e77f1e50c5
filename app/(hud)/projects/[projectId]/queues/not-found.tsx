// Shown for a queue name the project has no queue of.
import { NotFoundNotice } from '@/components/not-found-notice';

export default function QueueNotFound() {
  return <NotFoundNotice what="Queue" />;
}
