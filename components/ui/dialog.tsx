'use client';
// A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and
// returns focus to the opener. Content mounts only while open, so each opening starts fresh.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** Wider dialogs for JSON bodies and snippets. */
  isWide?: boolean;
}

export function Dialog({ isOpen, onClose, title, children, isWide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={`m-auto w-[calc(100%-2rem)] rounded-lg border border-line bg-background p-0 text-foreground shadow-xl ${isWide ? 'max-w-3xl' : 'max-w-lg'}`}
    >
      {isOpen && (
        <div className="p-5">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button type="button" onClick={onClose} className="rounded px-2 text-xl leading-none text-muted hover:text-foreground" aria-label="Close">
              ×
            </button>
          </div>
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
