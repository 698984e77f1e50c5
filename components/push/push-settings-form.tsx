'use client';
// The subscribers tab's delivery settings: retries, retries_delay and the error queue, saved
// together; the server's rules show beside the form. The error queue is a link from the moment
// it is named, and says so while it does not exist yet (it is created at the first failure).
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { buttonStyles, linkStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { errorMessage } from '@/lib/hud/fetch-json';
import { useUpdatePushSettingsMutation } from '@/lib/hud/push/use-update-push-settings-mutation';
import type { QueueDetail } from '@/lib/hud/types';
import { PushSettingsFields, pushSettingsFormFrom, pushSettingsInputFrom } from './push-settings-fields';

export function PushSettingsForm({ projectId, queue }: { projectId: string; queue: QueueDetail }) {
  const [form, setForm] = useState(() => pushSettingsFormFrom(queue.push!));
  const update = useUpdatePushSettingsMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ projectId, queueName: queue.name, push: pushSettingsInputFrom(form) });
  };
  const errorQueue = queue.relations.errorQueue;
  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="push-settings-heading">
      <h2 id="push-settings-heading" className="text-lg font-semibold">Delivery</h2>
      <p className="text-sm text-muted">
        Type <strong className="text-foreground">{queue.type}</strong> (fixed when the queue was created).{' '}
        {queue.type === 'multicast' ? 'Every subscriber gets every message.' : 'Each message goes to one subscriber.'}
      </p>
      <PushSettingsFields form={form} onChange={setForm} />
      <p className="text-sm" data-testid="error-queue-status">
        {errorQueue ? (
          <>
            Error queue <Link href={pagePaths.queue(projectId, errorQueue.name, { tab: 'messages' })} className={linkStyles}>{errorQueue.name}</Link>:{' '}
            {errorQueue.size === null ? 'configured, still empty (it is created at the first failed delivery)' : `${errorQueue.size} message${errorQueue.size === 1 ? '' : 's'}`}
          </>
        ) : (
          'No error queue: failed deliveries are only visible in the Deliveries tab.'
        )}
      </p>
      {update.isError && <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(update.error)}</p>}
      <button type="submit" className={buttonStyles.primary} disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save delivery settings'}
      </button>
    </form>
  );
}
