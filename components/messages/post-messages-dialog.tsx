'use client';
// Posts one body to the queue, optionally as checked JSON, after an optional delay, N times.
import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { checkJson } from '@/lib/hud/json-body';
import { usePostMessagesMutation } from '@/lib/hud/messages/use-post-messages-mutation';

/** One request's worth; the engine accepts up to 1000, the dialog keeps it modest. */
const MAX_COPIES = 100;

interface PostMessagesDialogProps {
  projectId: string;
  queueName: string;
  isOpen: boolean;
  onClose: () => void;
}

export function PostMessagesDialog(props: PostMessagesDialogProps) {
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title="Post messages" isWide>
      <PostMessagesForm {...props} />
    </Dialog>
  );
}

function PostMessagesForm({ projectId, queueName, onClose }: PostMessagesDialogProps) {
  const [body, setBody] = useState('');
  const [isJson, setJson] = useState(false);
  const [delayS, setDelayS] = useState('0');
  const [copies, setCopies] = useState('1');
  const post = usePostMessagesMutation();
  const statusId = useId();
  const check = isJson ? checkJson(body) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check && !check.isValid) return;
    post.mutate({ projectId, queueName, body, delayMs: Math.round(Number(delayS) * 1000), copies: Number(copies) }, { onSuccess: onClose });
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="message-body" className={labelStyles}>Body</label>
        <textarea
          id="message-body"
          rows={8}
          className={`${inputStyles} mt-1 font-mono`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={isJson ? statusId : undefined}
          aria-invalid={check ? !check.isValid : undefined}
          autoFocus
        />
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={isJson} onChange={(e) => setJson(e.target.checked)} />
            Body is JSON
          </label>
          {check && (
            <span id={statusId} className={check.isValid ? 'text-ok' : 'text-danger'}>
              {check.isValid ? 'Valid JSON' : `Invalid JSON: ${check.error}`}
            </span>
          )}
          {check?.isValid && (
            <button type="button" className={buttonStyles.small} onClick={() => setBody(check.pretty)}>Pretty-print</button>
          )}
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="message-delay" className={labelStyles}>Delay (seconds)</label>
          <input id="message-delay" type="number" min={0} max={604800} required className={`${inputStyles} mt-1`} value={delayS} onChange={(e) => setDelayS(e.target.value)} />
          <p className={hintStyles}>The message stays delayed, invisible to consumers, this long. Up to 7 days.</p>
        </div>
        <div>
          <label htmlFor="message-copies" className={labelStyles}>Copies</label>
          <input id="message-copies" type="number" min={1} max={MAX_COPIES} required className={`${inputStyles} mt-1`} value={copies} onChange={(e) => setCopies(e.target.value)} />
          <p className={hintStyles}>Post this body as 1 to {MAX_COPIES} separate messages.</p>
        </div>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={post.isPending || (check !== null && !check.isValid)}>
          {post.isPending ? 'Posting…' : 'Post'}
        </button>
      </div>
    </form>
  );
}
