'use client';
// A message body, raw or pretty-printed when it is JSON. Always a React text node: a body such
// as `<img src=x onerror=alert(1)>` shows as those characters and never becomes markup.
import { useState } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { prettyJsonOrNull } from '@/lib/hud/json-body';

export function MessageBody({ body }: { body: string }) {
  const pretty = prettyJsonOrNull(body);
  const [view, setView] = useState<'pretty' | 'raw'>('pretty');
  const shown = view === 'pretty' && pretty !== null ? pretty : body;
  const toggle = (target: 'pretty' | 'raw', label: string) => (
    <button
      type="button"
      aria-pressed={view === target}
      onClick={() => setView(target)}
      className={`rounded px-2 py-1 text-xs font-medium ${view === target ? 'bg-surface text-foreground' : 'text-muted'}`}
    >
      {label}
    </button>
  );
  return (
    <section aria-labelledby="message-body-heading">
      <div className="flex items-center gap-2">
        <h3 id="message-body-heading" className="mr-auto text-sm font-semibold">Body</h3>
        {pretty !== null && toggle('pretty', 'Pretty')}
        {pretty !== null && toggle('raw', 'Raw')}
        <CopyButton value={body} label="Copy body" />
      </div>
      <pre data-testid="message-body" tabIndex={0} className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md border border-line bg-surface p-3 font-mono text-xs">
        {shown}
      </pre>
    </section>
  );
}
