'use client';
// Pauses and resumes the live refresh of every counter and list on screen.
import { POLL_INTERVAL_MS, usePolling } from '@/lib/hud/polling-context';
import { buttonStyles } from '@/components/ui/styles';

export function PollingToggle() {
  const { isPaused, setPaused } = usePolling();
  return (
    <button
      type="button"
      onClick={() => setPaused(!isPaused)}
      aria-pressed={!isPaused}
      className={buttonStyles.secondary}
      title={`Refresh counters every ${POLL_INTERVAL_MS / 1000} s`}
    >
      <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${isPaused ? 'bg-muted' : 'bg-ok'}`} />
      {isPaused ? 'Live updates paused' : 'Live updates on'}
    </button>
  );
}
