'use client';
// Every HUD write: run the BFF call, then invalidate (or drop) the affected queries by key and
// tell the person what happened in a toast. Screens add their own onSuccess for navigation.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { errorMessage } from './fetch-json';
import { useToast } from './toast-context';

export interface HudMutationOptions<TVariables, TData> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** Keys whose data this write changes; each is refetched. */
  invalidates: (variables: TVariables) => QueryKey[];
  /** Keys of things this write deleted: dropped, so nothing refetches a 404. */
  removes?: (variables: TVariables) => QueryKey[];
  successText: (data: TData, variables: TVariables) => string;
  /** The screen shows the failure beside the form instead (a dialog is modal: a toast is behind it). */
  isErrorShownInline?: boolean;
}

export function useHudMutation<TVariables, TData>(options: HudMutationOptions<TVariables, TData>) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: options.mutationFn,
    onSuccess: async (data, variables) => {
      for (const queryKey of options.removes?.(variables) ?? []) queryClient.removeQueries({ queryKey });
      toast.success(options.successText(data, variables));
      await Promise.all(options.invalidates(variables).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (error) => {
      if (!options.isErrorShownInline) toast.error(errorMessage(error));
    },
  });
}
