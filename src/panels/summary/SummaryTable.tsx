/**
 * The "… as a table" disclosure of a summary: a closed `details` holding a captioned table whose
 * first cell of each row is its header (`th scope="row"`). Shared by the plan and map summaries.
 */
import type { ReactNode } from 'react';

export interface SummaryColumn {
  /** Header content (may hold visually hidden text). */
  label: ReactNode;
  /** A point column: left-aligned; other columns are right-aligned numbers. */
  point?: boolean;
}

export interface SummaryRow {
  key: string | number;
  /** One cell per column; the first is the row's header. */
  cells: ReactNode[];
}

export function SummaryTable(props: {
  title: string;
  caption: ReactNode;
  columns: SummaryColumn[];
  rows: SummaryRow[];
}) {
  const { title, caption, columns, rows } = props;
  const cls = (c: SummaryColumn) => (c.point ? 'pt-col' : undefined);
  return (
    <details className="explain summary-details">
      <summary>{title}</summary>
      <div className="numtable summary-table">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c, k) => (
                <th key={k} scope="col" className={cls(c)}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.cells[0]}</th>
                {row.cells.slice(1).map((cell, k) => (
                  <td key={k} className={cls(columns[k + 1])}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
