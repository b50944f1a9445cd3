import type { ReactNode } from 'react';

/** A table of the console: its column heads (a head may be hidden text, for a column of buttons), then its rows. */
export function ConsoleTable({
  testId,
  columns,
  className,
  children,
}: {
  testId: string;
  columns: ReactNode[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `console-table ${className}` : 'console-table'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={index}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
