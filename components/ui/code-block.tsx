'use client';
// A labelled block of text to paste elsewhere (iron.json, shell lines, curl), with a copy button.
import { CopyButton } from './copy-button';

export function CodeBlock({ title, code }: { title: string; code: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="flex items-center justify-between gap-2 text-sm font-medium">
        {title}
        <CopyButton value={code} label={`Copy ${title}`} />
      </figcaption>
      {/* Long lines wrap on a phone instead of scrolling sideways; the copy button copies them whole. */}
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded-md border border-line bg-surface p-3 font-mono text-xs [overflow-wrap:anywhere] sm:whitespace-pre" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
