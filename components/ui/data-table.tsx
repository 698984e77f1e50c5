// The HUD's tables: a scrolling frame, a caption for screen readers, a header row from a list of
// columns, and the body rows the caller renders. One place for the table's markup and styles.
import type { ReactNode } from 'react';
import { tableStyles } from './styles';

export interface Column {
  label: string;
  /** Numbers line up on the right. */
  isNumeric?: boolean;
  /** Extra classes, e.g. a column that only appears from some width on. */
  className?: string;
}

/** The row actions' column: pinned to the right edge, named for screen readers only. */
export const ACTIONS_COLUMN: Column = { label: 'Actions' };

function headerCell(column: Column) {
  if (column === ACTIONS_COLUMN) {
    return <th key={column.label} scope="col" className={tableStyles.actionsTh}><span className="sr-only">{column.label}</span></th>;
  }
  const classes = [tableStyles.th, column.isNumeric ? 'text-right' : '', column.className ?? ''].filter(Boolean).join(' ');
  return <th key={column.label} scope="col" className={classes}>{column.label}</th>;
}

interface DataTableProps {
  caption: string;
  columns: Column[];
  /** A focusable, labelled region, so keyboard users can scroll a wide table. */
  isScrollRegion?: boolean;
  /** The body rows. */
  children: ReactNode;
}

export function DataTable({ caption, columns, isScrollRegion = false, children }: DataTableProps) {
  const region = isScrollRegion ? { role: 'region', 'aria-label': caption, tabIndex: 0 } : {};
  return (
    <div className={tableStyles.wrapper} {...region}>
      <table className={tableStyles.table}>
        <caption className="sr-only">{caption}</caption>
        <thead className={tableStyles.head}>
          <tr>{columns.map(headerCell)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
