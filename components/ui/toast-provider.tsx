'use client';
// Shows toasts raised through lib/hud/toast-context.ts in a corner; each fades after a few
// seconds and is announced by a live region (failures assertively).
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ToastContext, type ToastItem, type ToastKind } from '@/lib/hud/toast-context';

const TOAST_LIFETIME_MS = 5_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (kind: ToastKind, text: string) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, kind, text }]);
      setTimeout(() => dismiss(id), TOAST_LIFETIME_MS);
    },
    [dismiss],
  );

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 max-w-[calc(100%-2rem)] flex-col gap-2">
        <div role="status" aria-live="polite" className="flex flex-col gap-2">
          {toasts.filter((t) => t.kind === 'success').map((toast) => <Toast key={toast.id} toast={toast} onDismiss={dismiss} />)}
        </div>
        <div role="alert" aria-live="assertive" className="flex flex-col gap-2">
          {toasts.filter((t) => t.kind === 'error').map((toast) => <Toast key={toast.id} toast={toast} onDismiss={dismiss} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: number) => void }) {
  const border = toast.kind === 'error' ? 'border-danger' : 'border-ok';
  return (
    <div className={`pointer-events-auto flex items-start gap-3 rounded-md border-l-4 ${border} bg-surface px-3 py-2 text-sm shadow-lg`}>
      <p className="flex-1 break-words">{toast.text}</p>
      <button type="button" onClick={() => onDismiss(toast.id)} className="text-muted hover:text-foreground" aria-label="Dismiss notification">
        ×
      </button>
    </div>
  );
}
