'use client';
// Shown when the queue list page fails to render.
import { RouteError } from '@/components/route-error';

export default function QueuesError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the queues" />;
}
