// Shown for a queue name the project has no queue of, with a way to create one in its place.
import { NotFoundNotice } from '@/components/not-found-notice';
import { CreateQueueLink } from '@/components/queues/create-queue-link';

export default function QueueNotFound() {
  return <NotFoundNotice what="Queue" action={<CreateQueueLink />} />;
}
