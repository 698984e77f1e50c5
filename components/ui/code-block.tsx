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
      <pre className="mt-1 overflow-x-auto rounded-md border border-line bg-surface p-3 font-mono text-xs" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
