import type { ComponentChildren } from 'preact';

/** A table that may be wider than a phone: scrolls in its own focusable region. */
export function TableBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a named group, not a landmark (a page has many tables)
    <div class="table-box" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A data table in its scrollable box: the column headings (`null` for an empty corner cell) and the rows
 * (`<tr>` elements; a row may start with its own `<th scope="row">`).
 */
export function Table({
  label,
  head,
  class: cls,
  children,
}: {
  label: string;
  head: readonly (string | null)[];
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <TableBox label={label}>
      <table class={cls}>
        <thead>
          <tr>
            {head.map((h, i) =>
              h === null ? (
                <td key={i} />
              ) : (
                <th scope="col" key={i}>
                  {h}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableBox>
  );
}
