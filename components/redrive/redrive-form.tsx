'use client';
// Starts a redrive: where to (this queue's sources first, or any queue of the project), all or
// selected messages (some with a new body), how fast, and — from an error queue — whether what
// goes back is the failed message inside each report. The move itself runs on the server.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { errorMessage } from '@/lib/hud/fetch-json';
import { useQueuesQuery } from '@/lib/hud/queues/use-queues-query';
import { useStartRedriveMutation } from '@/lib/hud/redrive/use-start-redrive-mutation';
import type { QueueDetail } from '@/lib/hud/types';
import { BodyEditDialog } from './body-edit-dialog';
import { MessagePicker } from './message-picker';

export function RedriveForm({ projectId, queue, after }: { projectId: string; queue: QueueDetail; after: string }) {
  const router = useRouter();
  const { deadLetterSources, errorQueueSources } = queue.relations;
  const sources = [...deadLetterSources, ...errorQueueSources];
  const others = (useQueuesQuery(projectId, '', '').data?.queues ?? []).map((q) => q.name).filter((name) => name !== queue.name && !sources.includes(name));
  const [target, setTarget] = useState(sources[0] ?? '');
  const [isSelection, setSelection] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bodies, setBodies] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<{ messageId: string; body: string } | null>(null);
  const [rate, setRate] = useState('100');
  const [isErrorReport, setErrorReport] = useState(errorQueueSources.length > 0 && deadLetterSources.length === 0);
  const start = useStartRedriveMutation();

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ids = [...selected];
    const chosen = isSelection ? { messageIds: ids, bodies: Object.fromEntries(Object.entries(bodies).filter(([id]) => selected.has(id))) } : {};
    const redrive = { targetQueue: target.trim(), ratePerSecond: Number(rate), isErrorReport, ...chosen };
    start.mutate({ projectId, queueName: queue.name, redrive }, {
      onSuccess: (job) => {
        setSelected(new Set());
        setBodies({});
        router.replace(pagePaths.queue(projectId, queue.name, { tab: 'redrive', job: job.id }), { scroll: false });
      },
    });
  };
  // The body editor is a form of its own: outside this one, or its submit would bubble into a start.
  return (
    <>
      <form onSubmit={submit} className="space-y-4" aria-labelledby="redrive-form-heading">
        <h2 id="redrive-form-heading" className="text-lg font-semibold">Redrive messages</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="redrive-target" className={labelStyles}>Target queue</label>
            <input id="redrive-target" list="redrive-targets" required className={`${inputStyles} mt-1`} value={target} onChange={(e) => setTarget(e.target.value)} />
            <datalist id="redrive-targets">
              {[...sources, ...others].map((name) => <option key={name} value={name} />)}
            </datalist>
            <p className={hintStyles}>{sources.length > 0 ? `This queue collects failures of ${sources.join(', ')}. Any queue of the project will do.` : 'Any existing queue of the project.'}</p>
          </div>
          <div>
            <label htmlFor="redrive-rate" className={labelStyles}>Rate (messages per second)</label>
            <input id="redrive-rate" type="number" min={1} max={10000} required className={`${inputStyles} mt-1`} value={rate} onChange={(e) => setRate(e.target.value)} />
            <p className={hintStyles}>1 to 10,000. Consumers of the target see the messages at this pace.</p>
          </div>
        </div>
        <fieldset className="space-y-1 text-sm">
          <legend className={labelStyles}>Messages</legend>
          <label className="flex items-center gap-2"><input type="radio" name="redrive-scope" checked={!isSelection} onChange={() => setSelection(false)} /> All {queue.size} messages now in this queue</label>
          <label className="flex items-center gap-2"><input type="radio" name="redrive-scope" checked={isSelection} onChange={() => setSelection(true)} /> Selected messages ({selected.size})</label>
        </fieldset>
        {isSelection && (
          <MessagePicker projectId={projectId} queueName={queue.name} after={after} selected={selected} onToggle={toggle} onSelectAll={(ids) => setSelected(new Set([...selected, ...ids]))} bodies={bodies} onEditBody={(messageId, body) => setEditing({ messageId, body })} />
        )}
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={isErrorReport} onChange={(e) => setErrorReport(e.target.checked)} />
          <span>
            Send back the failed message inside each error report (not the report)
            <span className={`${hintStyles} block`}>For an error queue. Messages that are not error reports stay here.</span>
          </span>
        </label>
        {start.isError && <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(start.error)}</p>}
        <button type="submit" className={buttonStyles.primary} disabled={start.isPending || (isSelection && selected.size === 0)}>
          {start.isPending ? 'Starting…' : 'Start redrive'}
        </button>
      </form>
      <BodyEditDialog editing={editing} onSave={(id, body) => setBodies({ ...bodies, [id]: body })} onClose={() => setEditing(null)} />
    </>
  );
}
