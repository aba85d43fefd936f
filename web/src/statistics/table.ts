// Data tables of the statistics pages: a caption, numeric columns aligned right, hidden figures
// marked (with the reason for screen readers and on hover), and download links to the API.
import { t } from '../i18n';
import type { Cell } from './format';

export interface Download {
  label: string;
  href: string;
  /** The file name the browser suggests. */
  file?: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export { el };

function cellNode(tag: 'td' | 'th', cell: Cell): HTMLTableCellElement {
  const node = el(tag);
  if (cell.numeric) node.className = 'num';
  if (cell.hidden) {
    const mark = el('span', 'stat-hidden', cell.text);
    mark.title = cell.hidden;
    const reason = el('span', 'visually-hidden', ` (${cell.hidden})`);
    node.append(mark, reason);
    node.dataset.hidden = 'true';
  } else {
    node.textContent = cell.text;
  }
  return node;
}

/** A table whose first column names the rows (row headers). */
export function dataTable(caption: string, headers: string[], rows: Cell[][], id?: string): HTMLElement {
  // The wrapper scrolls long and wide tables, so it takes the focus for keyboard scrolling.
  const wrap = el('div', 'stat-table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', caption);
  const table = el('table', 'stat-table');
  if (id) table.id = id;
  table.append(el('caption', undefined, caption));
  const head = el('tr');
  headers.forEach((text, i) => {
    const th = el('th', i > 0 ? 'num' : undefined, text);
    th.scope = 'col';
    head.append(th);
  });
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      const node = cellNode(i === 0 ? 'th' : 'td', cell);
      if (i === 0) (node as HTMLTableCellElement).scope = 'row';
      tr.append(node);
    });
    body.append(tr);
  }
  table.append(body);
  if (!rows.length) {
    const empty = el('tr');
    const td = el('td', 'stat-empty', t('stats.table.empty'));
    td.colSpan = headers.length;
    empty.append(td);
    body.append(empty);
  }
  wrap.append(table);
  return wrap;
}

export function downloads(links: Download[]): HTMLElement {
  const box = el('p', 'stat-downloads');
  box.append(el('span', 'stat-downloads-label', t('stats.download.label')));
  for (const link of links) {
    const a = el('a', 'stat-download', link.label);
    a.href = link.href;
    if (link.file) a.download = link.file;
    box.append(' ', a);
  }
  return box;
}

/** A titled section of the page with an id for links and tests. */
export function statSection(id: string, heading: string, intro?: string): { root: HTMLElement; body: HTMLElement } {
  const root = el('section', 'stat-section');
  root.id = id;
  const h2 = el('h2', 'stat-heading', heading);
  h2.id = `${id}-heading`;
  root.setAttribute('aria-labelledby', h2.id);
  root.append(h2);
  if (intro) root.append(el('p', 'stat-intro', intro));
  const body = el('div', 'stat-section-body');
  root.append(body);
  return { root, body };
}
