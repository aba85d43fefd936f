// The staff inbox of citizen reports (#/reports): the reports of my scope, newest first, on a
// map and as a list, with filters kept in the address, paging, the CSV export of the same
// filter, and bulk actions on the selected rows for those who handle reports.
import '../styles/admin-reports.css';
import { t } from '../i18n';
import { SessionExpired } from './api';
import { editableDistricts } from './api_directory';
import { csvUrl, PAGE_SIZE, reportsApi, type BulkResult, type StaffRow } from './api_reports';
import type { Ctx, View } from './context';
import { h, setText, time } from './dom';
import { checkbox, MessageBox, showFailure } from './forms';
import { pageHeading } from './layout';
import { bulkBar, type BulkBar } from './report_bulk';
import { filterForm } from './report_filter_form';
import { filterQuery, parseFilter } from './report_filters';
import { flagBadges, levelBadge, myTowns, rememberInbox, stateBadge } from './report_labels';
import { reportMap } from './report_map';

export function reportsView(ctx: Ctx, query: string): View {
  let filter = parseFilter(query);
  const api = reportsApi(ctx.api);
  const canHandle = ctx.can('reports.handle');
  const heading = pageHeading('admin.reports.heading', 'admin.reports.intro');
  const message = new MessageBox();
  const status = h('p', { class: 'reports-count', id: 'reports-count', role: 'status' });
  const csv = h('a', { class: 'btn btn-secondary btn-small', id: 'reports-csv', download: 'reports.csv', t: 'admin.reports.csv' });
  const tools = h('div', { class: 'reports-tools' }, status, csv);
  if (ctx.can('reports.configure')) tools.append(h('a', { class: 'btn btn-secondary btn-small', href: '#/reports/templates', id: 'reports-templates-link', t: 'admin.reports.templates.link' }));

  const form = filterForm(filter, (next) => {
    filter = { ...next, town: filter.town };
    void load();
  });
  const map = reportMap('reports-map', 'admin.reports.map.label', 'admin.reports.map.hint');
  map.onOpen = (id) => ctx.navigate(`#/reports/${id}`);

  let rows: StaffRow[] = [];
  const chosen = new Set<number>();
  let bulk: BulkBar | null = null;
  if (canHandle) {
    bulk = bulkBar(
      ctx,
      () => rows.filter((r) => chosen.has(r.id)),
      (results) => void afterBulk(results),
    );
  }
  const list = h('div', { class: 'reports-list', id: 'reports-list', 'aria-busy': 'true' });
  const pager = h('nav', { class: 'reports-pager', id: 'reports-pager', tAttr: { 'aria-label': 'admin.reports.pager.label' } });

  async function afterBulk(results: BulkResult[]): Promise<void> {
    for (const r of results) if (r.ok) chosen.delete(r.id);
    await load();
  }

  async function load(): Promise<void> {
    const hash = filterQuery(filter) ? `#/reports?${filterQuery(filter)}` : '#/reports';
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
    rememberInbox(hash);
    csv.setAttribute('href', csvUrl(filter));
    list.setAttribute('aria-busy', 'true');
    message.clear();
    try {
      const page = await api.inbox(filter);
      rows = page.reports;
      for (const id of [...chosen]) if (!rows.some((r) => r.id === id)) chosen.delete(id);
      setText(status, page.total === 0 ? 'admin.reports.count.none' : 'admin.reports.count', { total: page.total, shown: rows.length });
      list.replaceChildren(rows.length ? table() : h('p', { class: 'muted', id: 'reports-empty', t: 'admin.reports.empty' }));
      pagerLinks(page.total);
      map.setReports(rows);
      bulk?.refresh();
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }

  function table(): HTMLElement {
    // "Select all" sits above the table, not in its head: on phones the head is hidden.
    const all = checkbox('reports-select-all', 'admin.reports.select_all');
    all.input.checked = rows.length > 0 && rows.every((r) => chosen.has(r.id));
    all.input.addEventListener('change', () => {
      for (const row of rows) (all.input.checked ? chosen.add(row.id) : chosen.delete(row.id));
      for (const box of list.querySelectorAll<HTMLInputElement>('input[data-select]')) box.checked = all.input.checked;
      bulk?.refresh();
    });
    const columns = ['admin.reports.col.report', 'admin.reports.col.place', 'admin.reports.col.state', 'admin.reports.col.level', 'admin.reports.col.created', 'admin.reports.col.owner'] as const;
    const selectHead = h('th', { scope: 'col', class: 'col-select' }, h('span', { class: 'visually-hidden', id: 'reports-select-word', t: 'admin.reports.select' }));
    const head = h('tr', {}, canHandle ? selectHead : null, ...columns.map((key) => h('th', { scope: 'col', t: key })));
    const body = h('tbody', {}, ...rows.map((row) => rowOf(row, columns)));
    return h(
      'div',
      {},
      canHandle ? all.root : null,
      h(
        'div',
        { class: 'table-wrap' },
        h('table', { class: 'admin-table reports-table', id: 'reports-table' }, h('caption', { class: 'visually-hidden', t: 'admin.reports.heading' }), h('thead', {}, head), body),
      ),
    );
  }

  function rowOf(row: StaffRow, columns: readonly string[]): HTMLElement {
    const cell = (i: number, ...children: Array<Node | string | null>) =>
      // One wrapper per cell: on phones the cell is a two-column grid (its label, its content).
      h('td', { tAttr: { 'data-label': columns[i] as Parameters<typeof setText>[1] } }, h('div', { class: 'report-cell' }, ...children));
    const tr = h('tr', { 'data-report': row.id, 'data-state': row.state, class: row.overdue ? 'is-overdue' : undefined });
    if (canHandle) {
      const box = h('input', { type: 'checkbox', 'data-select': row.id, id: `reports-select-${row.id}`, 'aria-labelledby': `reports-select-word report-link-${row.id}` });
      box.checked = chosen.has(row.id);
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(row.id);
        else chosen.delete(row.id);
        bulk?.refresh();
      });
      tr.append(h('td', { class: 'col-select', tAttr: { 'data-label': 'admin.reports.select' } }, box));
    }
    const snippet = row.public_description.length > 140 ? `${row.public_description.slice(0, 140)}…` : row.public_description;
    tr.append(
      cell(0, h('a', { href: `#/reports/${row.id}`, class: 'report-link', id: `report-link-${row.id}` }, `#${row.id} ${row.category_name}`), h('span', { class: 'report-snippet' }, snippet)),
      cell(1, h('span', {}, row.district_name ?? ''), row.address_text ? h('span', { class: 'muted report-address' }, row.address_text) : null),
      cell(2, stateBadge(row.state), ...flagBadges(row)),
      cell(3, levelBadge(row)),
      cell(4, time(row.created_at)),
      cell(5, row.owner_name ?? h('span', { class: 'muted', t: 'admin.reports.owner.none' })),
    );
    return tr;
  }

  function pagerLinks(total: number): void {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.floor(filter.offset / PAGE_SIZE) + 1;
    const go = (to: number) => {
      filter = { ...filter, offset: (to - 1) * PAGE_SIZE };
      void load().then(() => list.querySelector<HTMLElement>('a.report-link')?.focus());
    };
    const button = (key: 'admin.reports.pager.previous' | 'admin.reports.pager.next', to: number, id: string) => {
      const b = h('button', { type: 'button', class: 'btn btn-secondary btn-small', id, t: key, disabled: to < 1 || to > pages });
      b.addEventListener('click', () => go(to));
      return b;
    };
    pager.replaceChildren(
      button('admin.reports.pager.previous', page - 1, 'reports-prev'),
      h('span', { class: 'reports-page', t: 'admin.reports.pager.page', params: { page, pages } }),
      button('admin.reports.pager.next', page + 1, 'reports-next'),
    );
    pager.hidden = pages === 1;
  }

  async function fillChoices(): Promise<void> {
    try {
      const towns = filter.town ? [filter.town] : await myTowns(ctx);
      const town = towns[0] ?? rows[0]?.town;
      if (town) {
        const [categories, levels] = await Promise.all([api.categories(town).catch(() => []), api.levels(town).catch(() => [])]);
        form.setCategories(categories.map((c) => ({ value: c.code, text: c.name })));
        form.setLevels([{ value: '0', text: `0 · ${t('admin.reports.level.team')}` }, ...levels.map((l) => ({ value: String(l.level), text: `${l.level} · ${l.name}` }))]);
      }
      if (ctx.can('district_card.edit')) {
        const { districts } = await editableDistricts(ctx.api);
        form.setDistricts(districts.map((d) => ({ value: String(d.id), text: d.city_part ? `${d.name} · ${d.city_part.name}` : d.name })));
      } else {
        form.setDistricts([]);
      }
    } catch (err) {
      if (!(err instanceof SessionExpired)) console.warn('report filter choices', err);
    }
  }

  void load().then(fillChoices);
  const root = h('div', { class: 'admin-page reports-page' }, heading, message.el, form.root, tools, map.root, bulk?.root ?? null, list, pager);
  return { name: 'reports', root, focus: heading.querySelector('h1') ?? undefined };
}
