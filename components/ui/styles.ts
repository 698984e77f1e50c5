// Shared class lists for the HUD's controls, so every button and field looks and focuses alike.

const button =
  'inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60';

export const buttonStyles = {
  // Hover darkens rather than fades: a faded accent under the pointer falls below 4.5:1 contrast.
  primary: `${button} bg-accent text-on-accent hover:brightness-90`,
  secondary: `${button} border border-line bg-background hover:bg-surface`,
  danger: `${button} bg-danger text-on-danger hover:opacity-90`,
  /** Compact, for row actions in tables. */
  small: 'inline-flex items-center rounded border border-line px-2 py-1 text-xs font-medium hover:bg-surface',
  smallDanger: 'inline-flex items-center rounded border border-danger px-2 py-1 text-xs font-medium text-danger hover:bg-surface',
};

export const inputStyles =
  'block w-full rounded-md border border-line bg-background px-3 py-2 text-sm text-foreground placeholder:text-muted';

export const labelStyles = 'block text-sm font-medium';

export const hintStyles = 'mt-1 text-xs text-muted';

export const tableStyles = {
  wrapper: 'overflow-x-auto rounded-lg border border-line',
  table: 'w-full text-left text-sm',
  head: 'bg-surface text-xs uppercase tracking-wide text-muted',
  th: 'px-3 py-2 font-semibold',
  td: 'px-3 py-2 align-top',
  row: 'border-t border-line',
  /** The row actions' column: pinned to the right edge, so on a narrow screen they stay in view while the rest scrolls. */
  actionsTh: 'sticky right-0 bg-surface px-3 py-2',
  actionsTd: 'sticky right-0 bg-background px-3 py-2 align-top shadow-[-1px_0_0_var(--line)]',
};

export const linkStyles = 'font-medium text-accent underline-offset-2 hover:underline';
