'use client';
// Sends one real push to one subscriber through the server (its address policy, timeout and
// no-redirect rule) and shows the answer: status, time taken, headers and the start of the body,
// all as text. Nothing in the queue changes.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { DataTable } from '@/components/ui/data-table';
import { buttonStyles, hintStyles, inputStyles, labelStyles, tableStyles } from '@/components/ui/styles';
import { errorMessage } from '@/lib/hud/fetch-json';
import { useTestPushMutation } from '@/lib/hud/push/use-test-push-mutation';
import type { SubscriberView, TestPushView } from '@/lib/hud/types';

interface TestPushDialogProps {
  projectId: string;
  queueName: string;
  subscriber: SubscriberView | null;
  onClose: () => void;
}

export function TestPushDialog(props: TestPushDialogProps) {
  const key = props.subscriber ? props.subscriber.name || props.subscriber.url : '';
  return (
    <Dialog isOpen={props.subscriber !== null} onClose={props.onClose} title={`Test push to ${key}`} isWide>
      <TestPushForm {...props} subscriberKey={key} />
    </Dialog>
  );
}

function TestPushForm({ projectId, queueName, subscriber, subscriberKey }: TestPushDialogProps & { subscriberKey: string }) {
  const [body, setBody] = useState('Test push from the Ferro HUD');
  const test = useTestPushMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    test.mutate({ projectId, queueName, subscriber: subscriberKey, body });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <p className="text-sm text-muted [overflow-wrap:anywhere]">
        One POST to <code className="font-mono">{subscriber?.url}</code> with its headers and Iron-Message-Id 0 (no message has that id, so nothing can be acknowledged). The queue is not touched.
      </p>
      <div>
        <label htmlFor="test-push-body" className={labelStyles}>Body</label>
        <textarea id="test-push-body" rows={3} className={`${inputStyles} mt-1 font-mono`} value={body} onChange={(e) => setBody(e.target.value)} />
        <p className={hintStyles}>Sent as text/plain, exactly as typed.</p>
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={test.isPending}>{test.isPending ? 'Sending…' : 'Send test push'}</button>
      {test.isError && <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(test.error)}</p>}
      {test.data && <TestPushAnswer result={test.data} />}
    </form>
  );
}

const OUTCOMES: Record<TestPushView['outcome'], string> = {
  delivered: 'Delivered: the pusher would count this as delivered',
  accepted: 'Accepted (202): the pusher would wait for an acknowledgement',
  failed: 'Failed: the pusher would retry',
};

function TestPushAnswer({ result }: { result: TestPushView }) {
  return (
    <section aria-labelledby="test-push-answer" className="space-y-3 rounded-md border border-line p-3" data-testid="test-push-answer">
      <h3 id="test-push-answer" className="text-sm font-semibold">Answer</h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">Status</dt>
        <dd data-testid="test-push-status">{result.statusCode === 0 ? 'No answer' : result.statusCode}</dd>
        <dt className="text-muted">Outcome</dt>
        <dd>{OUTCOMES[result.outcome]}</dd>
        {result.errorMessage && (
          <>
            <dt className="text-muted">Why</dt>
            <dd className="[overflow-wrap:anywhere]">{result.errorMessage}</dd>
          </>
        )}
        <dt className="text-muted">Time taken</dt>
        <dd>{result.durationMs} ms</dd>
      </dl>
      {result.headers.length > 0 && (
        <DataTable caption="Response headers" columns={[{ label: 'Header' }, { label: 'Value' }]}>
          {result.headers.map(([name, value], i) => (
            <tr key={i} className={tableStyles.row}>
              <td className={`${tableStyles.td} font-mono text-xs`}>{name}</td>
              <td className={`${tableStyles.td} font-mono text-xs [overflow-wrap:anywhere]`}>{value}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div>
        <h4 className="text-xs font-semibold">Body{result.isBodyTruncated ? ' (first 4 KiB)' : ''}</h4>
        <pre data-testid="test-push-body" tabIndex={0} className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded-md border border-line bg-surface p-2 font-mono text-xs [overflow-wrap:anywhere]">
          {result.bodyPreview || '(empty)'}
        </pre>
      </div>
    </section>
  );
}
