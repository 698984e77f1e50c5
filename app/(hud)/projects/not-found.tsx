// Shown for a project id that does not exist or that the signed-in user has no grant on.
import { NotFoundNotice } from '@/components/not-found-notice';

export default function ProjectNotFound() {
  return <NotFoundNotice what="Project" />;
}
