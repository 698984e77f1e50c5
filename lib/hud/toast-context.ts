'use client';
// Short confirmations and failures after a write ("Queue created", the server's error sentence),
// announced to screen readers by the live region in components/ui/toast-provider.tsx.
import { createContext, useContext, useMemo } from 'react';

export type ToastKind = 'success' | 'error';

export interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
}

export const ToastContext = createContext<(kind: ToastKind, text: string) => void>(() => undefined);

export function useToast() {
  const show = useContext(ToastContext);
  return useMemo(
    () => ({ success: (text: string) => show('success', text), error: (text: string) => show('error', text) }),
    [show],
  );
}
