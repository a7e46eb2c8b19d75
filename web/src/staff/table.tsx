import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';

/**
 * A console table: its caption, a heading (scope=col) for each column and the rows given. With
 * count, a list that came back empty says so in a row of its own.
 */
export function Table(props: { caption: ComponentChildren; columns: ComponentChildren[]; count?: number; children: ComponentChildren }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.count === 0 && (
          <tr>
            <td colSpan={props.columns.length}>{t('staff.common.none')}</td>
          </tr>
        )}
        {props.children}
      </tbody>
    </table>
  );
}

/** A row of plain cells. */
export function Row(props: { cells: ComponentChildren[] }) {
  return (
    <tr>
      {props.cells.map((cell) => (
        <td>{cell}</td>
      ))}
    </tr>
  );
}
