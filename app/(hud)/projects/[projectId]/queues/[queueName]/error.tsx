'use client';
// Shown when a queue page fails to render.
import { RouteError } from '@/components/route-error';

export default function QueueError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="this queue" />;
}
