// Staff analysis (#/analysis, analytics.read): the statistics tables of the public page, exact
// when the user holds crime_incidents.read (the server records every such request), hotspot
// layers with their parameters, the period against the year before, exports, and the exact
// incident points of the visible map for crime_incidents.read.
import type { Chart } from 'chart.js';
import '../styles/statistics.css';
import { fetchMunicipalities } from '../api';
import { onLangChange, t } from '../i18n';
import { apiUrl, fetchMeta, getJson, type Meta, type Query, type Table } from '../statistics/api';
import { destroyCharts } from '../statistics/charts';
import { countCell, fmtChange, fmtMonth, fmtPeriod, textCell, type Cell } from '../statistics/format';
import { timeSection, topSection, trendSection, type SectionCtx } from '../statistics/sections';
import { monthsBetween } from '../statistics/state';
import { dataTable, downloads } from '../statistics/table';
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h, setText } from './dom';
import { busy, checkbox, inputField, MessageBox, selectField, showFailure } from './forms';
import { card, pageHeading } from './layout';
import { createAnalysisMap, type AnalysisMap } from './view_analysis_map';
import { grantTown, hotspots, incidentPoints, staffTable, type HotspotMethod, type Hotspots } from './view_analysis_api';

const METHODS: HotspotMethod[] = ['grid', 'gi', 'kde', 'localmoran'];

export function analysisView(ctx: Ctx): View {
  const exact = ctx.can('crime_incidents.read');
  const heading = pageHeading('admin.analysis.heading', 'admin.analysis.intro');
  const message = new MessageBox();
  const from = selectField('analysis-from', 'stats.controls.from', []);
  const to = selectField('analysis-to', 'stats.controls.to', []);
  const category = selectField('analysis-category', 'stats.controls.category', [{ value: '', t: 'stats.category.all' }]);
  const show = h('button', { type: 'submit', class: 'btn btn-primary', id: 'analysis-submit', t: 'admin.analysis.show' });
  const filters = h(
    'form',
    { class: 'admin-form', novalidate: true, id: 'analysis-filters', tAttr: { 'aria-label': 'admin.analysis.filters' } },
    h('div', { class: 'form-grid' }, from.root, to.root, category.root),
    h('div', { class: 'admin-actions' }, show),
  );
  const access = h('p', { class: exact ? 'inline-message inline-message-warn' : 'hint', id: 'analysis-access', t: exact ? 'admin.analysis.exactNote' : 'admin.analysis.publishedNote' });

  const method = selectField(
    'analysis-method',
    'admin.analysis.method',
    METHODS.map((m) => ({ value: m, t: `admin.analysis.method.${m}` as const })),
  );
  const cell = inputField('analysis-cell', 'admin.analysis.cell', { hint: 'admin.analysis.cell.hint', attrs: { type: 'number', min: 50, max: 2000, step: 50, value: 250, inputmode: 'numeric' } });
  const band = inputField('analysis-band', 'admin.analysis.band', { hint: 'admin.analysis.band.hint', attrs: { type: 'number', min: 0, max: 5000, step: 50, value: '', inputmode: 'numeric' } });
  const drawButton = h('button', { type: 'submit', class: 'btn btn-secondary', id: 'analysis-draw', t: 'admin.analysis.draw' });
  const hotspotForm = h('form', { class: 'admin-form', novalidate: true, id: 'analysis-hotspot-form', tAttr: { 'aria-label': 'admin.analysis.hotspots' } },
    h('div', { class: 'form-grid' }, method.root, cell.root, band.root),
    h('div', { class: 'admin-actions' }, drawButton),
  );
  if (!exact) {
    method.control.disabled = true;
    band.control.disabled = true;
  }
  const mapBox = h('div', { class: 'stats-map analysis-map', id: 'analysis-map', role: 'region', tAttr: { 'aria-label': 'admin.analysis.map' } });
  const legendBox = h('ul', { class: 'stat-legend', id: 'analysis-legend', tAttr: { 'aria-label': 'stats.map.legend' } });
  const summary = h('p', { class: 'hint', id: 'analysis-summary', role: 'status' });
  const exportBox = h('div', { id: 'analysis-export' });
  const hotspotMessage = new MessageBox();

  const points = exact ? checkbox('analysis-points', 'admin.analysis.points') : null;
  const pointsNote = h('p', { class: exact ? 'inline-message inline-message-warn' : 'hint', id: 'analysis-points-note', t: exact ? 'admin.analysis.points.audited' : 'admin.analysis.points.forbidden' });
  const pointsStatus = h('p', { class: 'hint', id: 'analysis-points-status', role: 'status' });

  const tables = h('div', { class: 'stats-sections', id: 'analysis-tables', 'data-state': 'loading' });
  const comparison = h('div', { id: 'analysis-comparison' });

  const charts: Chart[] = [];
  let meta: Meta | null = null;
  let town: number | null = grantTown(ctx.me()?.grants.map((g) => g.scope) ?? []);
  let map: AnalysisMap | null = null;
  let disposed = false;
  let last: { trend: Table; hours: Table; weekdays: Table; top: Table; queries: Record<string, Query> } | null = null;

  const base = (): Query => ({ town, from: from.control.value, to: to.control.value });
  const chosenCategory = () => (category.control.value ? Number(category.control.value) : null);

  function fillFilters(): void {
    if (!meta) return;
    const months = meta.periods ? monthsBetween(meta.periods.first, meta.periods.last) : [];
    const options = (selected: string | undefined) => months.map((m) => h('option', { value: m, selected: m === selected }, fmtMonth(m)));
    from.control.replaceChildren(...options(meta.default_period?.from));
    to.control.replaceChildren(...options(meta.default_period?.to));
    category.control.append(...meta.categories.filter((c) => c.parent_id === null).map((c) => h('option', { value: String(c.id) }, c.name)));
  }

  function renderTables(): void {
    destroyCharts(charts);
    if (!last) return;
    const sctx: SectionCtx = { tablePath: 'admin/statistics/table', minCount: meta?.rules.min_count ?? 3, charts };
    const cat = chosenCategory();
    tables.replaceChildren(
      trendSection(last.trend, cat, last.queries.trend, sctx),
      timeSection(last.hours, cat, last.queries.hours, sctx, 'hour'),
      timeSection(last.weekdays, cat, last.queries.weekdays, sctx, 'weekday'),
      topSection(last.top, last.queries.top, sctx, 15),
    );
    comparison.replaceChildren(periodComparison(last.top, sctx, last.queries.top));
    tables.dataset.state = 'ready';
  }

  async function loadTables(): Promise<void> {
    message.clear();
    tables.dataset.state = 'loading';
    const cat = chosenCategory() ?? undefined;
    const queries = {
      trend: { ...base(), level: 'town', bucket: 'month', compare: 'year_earlier', categories: cat },
      hours: { ...base(), level: 'town', bucket: 'hour', categories: cat },
      weekdays: { ...base(), level: 'town', bucket: 'weekday', categories: cat },
      top: { ...base(), level: 'town', bucket: 'period', category_level: 0, compare: 'year_earlier' },
    };
    try {
      const [trend, hours, weekdays, top] = await Promise.all([
        staffTable(ctx.api, queries.trend),
        staffTable(ctx.api, queries.hours),
        staffTable(ctx.api, queries.weekdays),
        staffTable(ctx.api, queries.top),
      ]);
      if (disposed) return;
      last = { trend, hours, weekdays, top, queries };
      renderTables();
    } catch (err) {
      tables.dataset.state = 'error';
      if (!(err instanceof SessionExpired)) showFailure(err, message, { from, to, categories: category });
    }
  }

  function hotspotQuery(): Query {
    const m = exact ? (method.control.value as HotspotMethod) : 'grid';
    return { ...base(), method: exact ? m : undefined, cell: cell.value() || undefined, band: exact ? band.value() || undefined : undefined, category: chosenCategory() ?? undefined };
  }

  async function drawHotspots(): Promise<void> {
    hotspotMessage.clear();
    cell.setError();
    band.setError();
    const query = hotspotQuery();
    try {
      map ??= await createAnalysisMap(mapBox);
      if (disposed) return;
      // Without crime_incidents.read: the public, published grid.
      const cells: Hotspots = exact ? await hotspots(ctx.api, query) : await getJson<Hotspots>('statistics/grid', query);
      if (disposed) return;
      const kind = exact ? (method.control.value as HotspotMethod) : 'public';
      const drawn = map.showCells(cells, kind);
      legendBox.replaceChildren(
        ...drawn.legend.map((item) => {
          const swatch = h('span', { class: 'stat-swatch' });
          swatch.style.background = item.color;
          return h('li', { class: 'stat-legend-item' }, swatch, h('span', {}, item.text));
        }),
      );
      const params = Object.entries(cells.parameters ?? (cells.cell_m ? { cell: cells.cell_m } : {}))
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      setText(summary, kind === 'gi' || kind === 'localmoran' ? 'admin.analysis.summary.significant' : 'admin.analysis.summary.cells', {
        cells: drawn.drawn,
        significant: drawn.significant,
        params: params || '–',
      });
      const path = exact ? 'admin/crime/hotspots' : 'statistics/grid';
      exportBox.replaceChildren(downloads([{ label: 'GeoJSON', href: apiUrl(path, query), file: 'hotspots.geojson' }]));
    } catch (err) {
      if (!(err instanceof SessionExpired)) showFailure(err, hotspotMessage, { cell, band, method });
    }
  }

  async function loadPoints(): Promise<void> {
    if (!points || !map) return;
    if (!points.input.checked) {
      map.showPoints(null);
      pointsStatus.textContent = '';
      return;
    }
    try {
      const answer = await incidentPoints(ctx.api, { ...base(), bbox: map.bbox(), category: chosenCategory() ?? undefined, limit: 5000 });
      if (disposed) return;
      map.showPoints(answer);
      setText(pointsStatus, 'admin.analysis.points.count', { count: answer.features.length });
    } catch (err) {
      points.input.checked = false;
      if (!(err instanceof SessionExpired)) showFailure(err, hotspotMessage, {});
    }
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(show, async () => {
      await Promise.all([loadTables(), drawHotspots()]);
      await loadPoints();
    });
  });
  hotspotForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(drawButton, drawHotspots);
  });
  points?.input.addEventListener('change', () => void loadPoints());
  onLangChange(() => {
    if (!disposed) renderTables();
  });

  async function start(): Promise<void> {
    try {
      town ??= (await fetchMunicipalities()).municipalities[0]?.code ?? null;
      meta = await fetchMeta(town);
      town = meta.town.code;
      fillFilters();
      if (!meta.periods) {
        tables.dataset.state = 'empty';
        message.ok('stats.noData');
        return;
      }
      await Promise.all([loadTables(), drawHotspots()]);
    } catch (err) {
      if (!(err instanceof SessionExpired)) showFailure(err, message);
    }
  }
  void start();

  const profileLink = ctx.can('area_profiles.edit') ? h('p', {}, h('a', { href: '#/analysis/profiles', id: 'analysis-profiles-link', t: 'admin.profile.link' })) : null;
  const root = h(
    'div',
    { class: 'admin-page analysis-page' },
    heading,
    access,
    profileLink,
    card('admin.analysis.filters', { id: 'analysis-filter-card' }, filters, message.el),
    card(
      'admin.analysis.hotspots',
      { id: 'analysis-hotspot-card' },
      h('p', { class: 'hint', t: exact ? 'admin.analysis.hotspots.intro' : 'admin.analysis.hotspots.public' }),
      hotspotForm,
      hotspotMessage.el,
      mapBox,
      legendBox,
      summary,
      exportBox,
      points?.root,
      pointsNote,
      pointsStatus,
    ),
    card('admin.analysis.comparison', { id: 'analysis-comparison-card' }, comparison),
    card('admin.analysis.tables', { id: 'analysis-tables-card' }, tables),
  );
  return {
    name: 'analysis',
    root,
    focus: heading.querySelector('h1') ?? undefined,
    dispose: () => {
      disposed = true;
      destroyCharts(charts);
      map?.destroy();
    },
  };
}

/** Each top category in the period and the same months a year earlier, with the change. */
function periodComparison(top: Table, ctx: SectionCtx, query: Query): HTMLElement {
  const names = new Map(top.categories.map((c) => [c.id, c.name]));
  const seen = new Set<number>();
  const rows: Cell[][] = [];
  for (const r of [...top.rows].sort((a, b) => (b.count ?? -1) - (a.count ?? -1))) {
    if (r.category_id === null || seen.has(r.category_id)) continue;
    seen.add(r.category_id);
    const change =
      r.count !== null && typeof r.previous === 'number' && r.previous > 0 ? { text: fmtChange(((r.count - r.previous) / r.previous) * 100), numeric: true } : { text: '–', numeric: true };
    rows.push([textCell(names.get(r.category_id) ?? String(r.category_id)), countCell(r, ctx.minCount), countCell({ count: r.previous ?? null, status: r.previous_status ?? 'ok' }, ctx.minCount), change]);
  }
  const box = h('div', {});
  const periods = top.previous_period ? t('admin.analysis.comparison.periods', { current: fmtPeriod(top.period), previous: fmtPeriod(top.previous_period) }) : '';
  box.append(
    h('p', { class: 'hint' }, periods),
    dataTable(t('admin.analysis.comparison.caption'), [t('stats.col.category'), t('stats.trend.current'), t('stats.trend.previous'), t('admin.analysis.comparison.change')], rows, 'analysis-comparison-table'),
    downloads([{ label: 'CSV', href: apiUrl(ctx.tablePath, { ...query, format: 'csv' }), file: 'srovnani.csv' }]),
  );
  return box;
}
