'use client';
// Copies a value to the clipboard. The Clipboard API needs a secure context, and a HUD reached
// over plain http on another host is not one, so a hidden-textarea copy is the fallback.
import { useState } from 'react';
import { buttonStyles } from './styles';

function copyWithTextarea(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const isCopied = document.execCommand('copy');
  area.remove();
  return isCopied;
}

async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return copyWithTextarea(text);
    }
  }
  return copyWithTextarea(text);
}

/** `label` names what is copied, for screen readers ("Copy project id"). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    setStatus((await copyText(value)) ? 'copied' : 'failed');
    setTimeout(() => setStatus('idle'), 2_000);
  };
  return (
    <button type="button" onClick={copy} className={buttonStyles.small} aria-label={label}>
      <span aria-live="polite">{status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
