'use client';
// Says so when the server stops answering (not a 4xx: no reply at all), how old the data on
// screen is, and offers a retry; it disappears with the first successful call.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/styles';
import { formatDateTime } from '@/lib/hud/format';
import { useIsServerUnreachable } from '@/lib/hud/reachability-context';

export function ConnectionBanner() {
  const isUnreachable = useIsServerUnreachable();
  const queryClient = useQueryClient();
  const [isRetrying, setRetrying] = useState(false);
  if (!isUnreachable) return null;
  const lastUpdatedMs = Math.max(0, ...queryClient.getQueryCache().getAll().map((query) => query.state.dataUpdatedAt));
  const retry = async () => {
    setRetrying(true);
    await queryClient.refetchQueries({ type: 'active' }).finally(() => setRetrying(false));
  };
  return (
    <div role="alert" aria-labelledby="connection-banner-title" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-warn bg-surface p-3 text-sm">
      <p className="flex-1">
        <strong id="connection-banner-title">Can’t reach the Ferro server.</strong>{' '}
        {lastUpdatedMs > 0 ? (
          <>Data on this page was last updated <time dateTime={new Date(lastUpdatedMs).toISOString()}>{formatDateTime(lastUpdatedMs)}</time>.</>
        ) : (
          'No data has loaded yet.'
        )}
      </p>
      <button type="button" className={buttonStyles.secondary} onClick={retry} disabled={isRetrying}>
        {isRetrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
