'use client';
// Shown when the tokens page fails to render.
import { RouteError } from '@/components/route-error';

export default function TokensError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="the API tokens" />;
}
