'use client';
// Shown when the users page fails to render.
import { RouteError } from '@/components/route-error';

export default function UsersError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the users" />;
}
