// Page parts shared by the signed-in screens: headings, cards, tables that stack on phones.
import type { MessageKey } from '../i18n';
import { h, type Child, type Params } from './dom';

export function pageHeading(title: MessageKey, intro?: MessageKey, params?: Params): HTMLElement {
  return h(
    'header',
    { class: 'admin-page-head' },
    h('h1', { class: 'admin-title', t: title, params }),
    intro ? h('p', { class: 'hint', t: intro }) : null,
  );
}

export function card(title: MessageKey, props: Record<string, unknown>, ...children: Child[]): HTMLElement {
  const id = `card-${title.replace(/[^a-z0-9]+/gi, '-')}`;
  return h('section', { class: 'admin-card', 'aria-labelledby': id, ...props }, h('h2', { id, class: 'admin-card-title', t: title }), ...children);
}

export interface Column {
  key: MessageKey;
  class?: string;
}

/** A table; on narrow screens each row becomes a block whose cells carry their column's name. */
export function dataTable(caption: MessageKey, columns: Column[], rows: Child[][], props: Record<string, unknown> = {}): HTMLElement {
  const head = h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.class, t: c.key })));
  const body = h(
    'tbody',
    {},
    ...rows.map((cells) =>
      h('tr', {}, ...cells.map((cell, i) => h('td', { class: columns[i]?.class, tAttr: columns[i] ? { 'data-label': columns[i].key } : undefined }, cell))),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: 'admin-table', ...props }, h('caption', { class: 'visually-hidden', t: caption }), h('thead', {}, head), body),
  );
}

/** A definition list of label → value pairs. */
export function facts(pairs: Array<[MessageKey, Child]>): HTMLElement {
  return h('dl', { class: 'facts' }, ...pairs.flatMap(([key, value]) => [h('dt', { t: key }), h('dd', {}, value)]));
}

export function badge(key: MessageKey, tone: 'ok' | 'warn' | 'muted' | 'danger'): HTMLElement {
  return h('span', { class: `badge badge-${tone}`, t: key });
}
