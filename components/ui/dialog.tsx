'use client';
// A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and
// returns focus to the opener. Content mounts only while open, so each opening starts fresh.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface DialogProps {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** Wider dialogs for JSON bodies and snippets. */
  isWide?: boolean;
  /** A full-height panel on the right instead of a centred box. */
  isDrawer?: boolean;
}

const DRAWER_CLASSES = 'my-0 ml-auto mr-0 h-dvh max-h-none w-full max-w-2xl';

export function Dialog({ isOpen, onClose, title, children, isWide = false, isDrawer = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // The body mounts only once the dialog is modal: an autoFocus field focused while the dialog
  // is still closed would lose focus to the first button when showModal() runs.
  const [isModal, setModal] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
    setModal(isOpen);
  }, [isOpen]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // The native close event arrives a task after close(): if the dialog was opened again in
      // between (a quick second click), that stale event must not close the new one.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      className={`${isDrawer ? DRAWER_CLASSES : `m-auto w-[calc(100%-2rem)] rounded-lg ${isWide ? 'max-w-3xl' : 'max-w-lg'}`} border border-line bg-background p-0 text-foreground shadow-xl`}
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
          {isModal && <div className="mt-4">{children}</div>}
        </div>
      )}
    </dialog>
  );
}
