// okrsek "Statistiky" (statistics.html): recorded offences of a town by area and time, published
// with the town's rules (small counts hidden, sensitive categories only town-wide). A town and
// period chooser, the area level, the category; a choropleth with its table, the trend against
// the year before, hour and weekday, top categories and an area compared with the town. The
// state lives in the URL (state.ts).
import type { Chart } from 'chart.js';
import 'leaflet/dist/leaflet.css';
import '../styles/base.css';
import '../styles/header.css';
import '../styles/controls.css';
import '../styles/footer.css';
import '../styles/statistics.css';
import { ApiError, fetchConfig, fetchMunicipalities, DEFAULT_CONFIG, type Municipality, type SiteConfig } from '../api';
import { initialLang, lang, onLangChange, setLang, t } from '../i18n';
import { apiUrl, fetchAreaStats, fetchMeta, fetchTable, type AreaStats, type Category, type Meta, type Query, type Table } from './api';
import { destroyCharts } from './charts';
import { createChoropleth, classBreaks, legend, valueOf, type Choropleth } from './choropleth';
import { fmtMonth, fmtPeriod } from './format';
import { areasTable, comparisonSection, timeSection, topSection, townRows, trendSection, type SectionCtx } from './sections';
import { monthsBetween, readState, writeState, type StatState } from './state';
import { el } from './table';

declare global {
  interface Window {
    __okrsekStats?: { ready: Promise<void> };
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from statistics.html`);
  return node as T;
}

const ui = {
  langSwitch: byId<HTMLButtonElement>('lang-switch'),
  langSwitchText: byId<HTMLSpanElement>('lang-switch-text'),
  form: byId<HTMLFormElement>('stats-controls'),
  town: byId<HTMLSelectElement>('stats-town'),
  from: byId<HTMLSelectElement>('stats-from'),
  to: byId<HTMLSelectElement>('stats-to'),
  level: byId<HTMLSelectElement>('stats-level'),
  category: byId<HTMLSelectElement>('stats-category'),
  area: byId<HTMLSelectElement>('stats-area'),
  status: byId<HTMLDivElement>('stats-status'),
  map: byId<HTMLDivElement>('stats-map'),
  mapIntro: byId<HTMLParagraphElement>('stat-map-intro'),
  mapLegend: byId<HTMLDivElement>('stat-map-legend'),
  mapTable: byId<HTMLDivElement>('stat-map-table'),
  sections: byId<HTMLDivElement>('stats-sections'),
  explainHidden: byId<HTMLParagraphElement>('stat-explain-hidden'),
  sources: byId<HTMLUListElement>('stat-sources'),
};

interface Loaded {
  areas: AreaStats | null;
  trend: Table;
  hours: Table;
  weekdays: Table;
  top: Table;
  queries: Record<'trend' | 'hours' | 'weekdays' | 'top', Query>;
}

let state: StatState = readState(new URLSearchParams(window.location.search));
let config: SiteConfig = DEFAULT_CONFIG;
let towns: Municipality[] = [];
let meta: Meta | null = null;
let loaded: Loaded | null = null;
let choropleth: Choropleth | null = null;
let failure: ApiError | null = null;
const charts: Chart[] = [];
let generation = 0;

const categoryById = () => new Map((meta?.categories ?? []).map((c) => [c.id, c]));
const chosenCategory = (): Category | null => (state.category === null ? null : (categoryById().get(state.category) ?? null));

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = el('option', undefined, text);
  o.value = value;
  o.selected = selected;
  return o;
}

/** Categories depth-first under their parents, indented by depth. */
function categoryOptions(categories: Category[]): HTMLOptionElement[] {
  const children = new Map<number | null, Category[]>();
  for (const c of categories) {
    const parent = c.parent_id !== null && categories.some((p) => p.id === c.parent_id) ? c.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: HTMLOptionElement[] = [option('', t('stats.category.all'), state.category === null)];
  const walk = (parent: number | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      const label = `${'\u00a0\u00a0\u00a0'.repeat(depth)}${c.name}${c.sensitive ? ` (${t('stats.category.townOnly')})` : ''}`;
      out.push(option(String(c.id), label, c.id === state.category));
      if (depth < 4) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function fillControls(): void {
  ui.town.replaceChildren(...towns.map((m) => option(String(m.code), m.name, m.code === state.town)));
  const months = meta?.periods ? monthsBetween(meta.periods.first, meta.periods.last) : [];
  ui.from.replaceChildren(...months.map((m) => option(m, fmtMonth(m), m === state.from)));
  ui.to.replaceChildren(...months.map((m) => option(m, fmtMonth(m), m === state.to)));
  ui.level.value = state.level;
  ui.category.replaceChildren(...categoryOptions(meta?.categories ?? []));
  byId<HTMLInputElement>(state.measure === 'rate' ? 'stats-measure-rate' : 'stats-measure-count').checked = true;
  const areas = loaded?.areas?.features.map((f) => f.properties) ?? [];
  const sorted = [...areas].sort((a, b) => a.name.localeCompare(b.name, lang()));
  ui.area.replaceChildren(option('', t('stats.area.none'), state.area === null), ...sorted.map((a) => option(String(a.id), a.name, a.id === state.area)));
}

function baseQuery(): Query {
  return { town: state.town, from: state.from, to: state.to };
}

async function loadData(): Promise<void> {
  const mine = ++generation;
  ui.sections.dataset.state = 'loading';
  ui.status.textContent = t('stats.loading');
  const category = state.category ?? undefined;
  const sensitive = chosenCategory()?.sensitive ?? false;
  const queries = {
    trend: { ...baseQuery(), level: 'town', bucket: 'month', compare: 'year_earlier', categories: category },
    hours: { ...baseQuery(), level: 'town', bucket: 'hour', categories: category },
    weekdays: { ...baseQuery(), level: 'town', bucket: 'weekday', categories: category },
    top: { ...baseQuery(), level: 'town', bucket: 'period', category_level: 0 },
  };
  try {
    const [areas, trend, hours, weekdays, top] = await Promise.all([
      sensitive ? Promise.resolve(null) : fetchAreaStats({ ...baseQuery(), level: state.level, category }),
      fetchTable(queries.trend),
      fetchTable(queries.hours),
      fetchTable(queries.weekdays),
      fetchTable(queries.top),
    ]);
    if (mine !== generation) return;
    loaded = { areas, trend, hours, weekdays, top, queries };
    failure = null;
  } catch (err) {
    if (mine !== generation) return;
    failure = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
    loaded = null;
  }
  render();
}

function renderMap(): void {
  const minCount = meta?.rules.min_count ?? 3;
  const levelName = t(state.level === 'city_part' ? 'stats.level.city_part' : 'stats.level.district');
  const period = loaded?.trend.period;
  if (!loaded?.areas) {
    ui.mapIntro.textContent = t('stats.map.sensitive');
    ui.mapLegend.replaceChildren();
    ui.mapTable.replaceChildren();
    ui.map.hidden = true;
    return;
  }
  ui.map.hidden = false;
  const areas = loaded.areas;
  ui.mapIntro.textContent = t(state.measure === 'rate' ? 'stats.map.introRate' : 'stats.map.introCount', {
    level: levelName,
    period: period ? fmtPeriod(period) : '',
  });
  choropleth ??= createChoropleth(ui.map, config, (id) => {
    state = { ...state, area: state.area === id ? null : id };
    writeState(state);
    render();
  });
  choropleth.show(areas, state.measure, state.area, minCount);
  const values = areas.features.map((f) => valueOf(f.properties, state.measure)).filter((v): v is number => v !== null);
  const hidden = areas.features.some((f) => f.properties.count === null);
  ui.mapLegend.replaceChildren(legend(classBreaks(values), state.measure, minCount, hidden));
  const query = { ...baseQuery(), level: state.level, category: state.category ?? undefined };
  ui.mapTable.replaceChildren(
    areasTable(
      areas.features.map((f) => f.properties),
      levelName,
      [
        { label: 'CSV', href: apiUrl('statistics/areas', { ...query, format: 'csv' }), file: 'oblasti.csv' },
        { label: 'GeoJSON', href: apiUrl('statistics/areas', { ...query, format: 'geojson' }), file: 'oblasti.geojson' },
      ],
      { tablePath: 'statistics/table', minCount, charts },
    ),
  );
}

function renderSections(): void {
  destroyCharts(charts);
  if (!loaded) {
    ui.sections.replaceChildren();
    return;
  }
  const ctx: SectionCtx = { tablePath: 'statistics/table', minCount: meta?.rules.min_count ?? 3, charts };
  const area = loaded.areas?.features.find((f) => f.properties.id === state.area)?.properties ?? null;
  // The town's figure for the period: the trend's total over months (bucket null).
  const townTotal =
    townRows(loaded.trend, state.category).get('') ??
    (state.category === null ? (townRows(loaded.top, null).get('') ?? null) : (loaded.top.rows.find((r) => r.category_id === state.category) ?? null));
  ui.sections.replaceChildren(
    comparisonSection(area, townTotal, meta?.town.name ?? '', ctx),
    trendSection(loaded.trend, state.category, loaded.queries.trend, ctx),
    timeSection(loaded.hours, state.category, loaded.queries.hours, ctx, 'hour'),
    timeSection(loaded.weekdays, state.category, loaded.queries.weekdays, ctx, 'weekday'),
    topSection(loaded.top, loaded.queries.top, ctx),
  );
  // The API's notes are English; the page explains the same in its own words (stat-explain).
  if (!loaded.areas) {
    const box = el('p', 'stat-notes', t('stats.map.sensitive'));
    ui.sections.prepend(box);
  }
}

function renderExplanations(): void {
  const rules = meta?.rules;
  ui.explainHidden.textContent = t('stats.explain.hidden', { min: rules?.min_count ?? 3 });
  ui.sources.replaceChildren(
    ...(meta?.sources ?? []).map((s) => el('li', undefined, [s.attribution || s.name, s.licence].filter(Boolean).join(' · '))),
  );
}

function render(): void {
  ui.langSwitchText.textContent = t('lang.switch.label');
  ui.langSwitchText.lang = t('lang.switch.lang');
  document.title = t('stats.meta.title');
  fillControls();
  renderExplanations();
  if (failure) {
    ui.status.className = 'stats-status is-error';
    ui.status.setAttribute('role', 'alert');
    ui.status.textContent = failure.status === 404 ? t('stats.error.noTown') : failure.field ? t('stats.error.field', { field: failure.field }) : t('stats.error.load');
    ui.sections.dataset.state = 'error';
    renderSections();
    return;
  }
  if (!meta?.periods) {
    ui.status.className = 'stats-status';
    ui.status.textContent = t('stats.noData');
    ui.sections.dataset.state = 'empty';
    return;
  }
  if (!loaded) return;
  ui.status.className = 'stats-status';
  ui.status.setAttribute('role', 'status');
  ui.status.textContent = t('stats.showing', { town: meta.town.name, period: fmtPeriod(loaded.trend.period) });
  renderMap();
  renderSections();
  ui.sections.dataset.state = 'ready';
}

async function loadTown(): Promise<void> {
  try {
    meta = await fetchMeta(state.town);
    state.town = meta.town.code;
    const period = meta.default_period;
    if (!state.from || !state.to || state.from > state.to) {
      state.from = period?.from ?? null;
      state.to = period?.to ?? null;
    }
    failure = null;
  } catch (err) {
    failure = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
    meta = null;
  }
  writeState(state);
  if (meta?.periods) await loadData();
  else render();
}

function onControlsChange(event: Event): void {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  const next = { ...state };
  switch (target.name) {
    case 'town':
      next.town = Number(target.value);
      next.from = next.to = null;
      next.area = next.category = null;
      break;
    case 'from':
    case 'to':
      next[target.name] = target.value;
      if (next.from && next.to && next.from > next.to) {
        if (target.name === 'from') next.to = next.from;
        else next.from = next.to;
      }
      break;
    case 'level':
      next.level = target.value === 'city_part' ? 'city_part' : 'district';
      next.area = null;
      break;
    case 'category':
      next.category = target.value ? Number(target.value) : null;
      break;
    case 'measure':
      next.measure = target.value === 'rate' ? 'rate' : 'count';
      break;
    case 'area':
      next.area = target.value ? Number(target.value) : null;
      break;
    default:
      return;
  }
  const townChanged = next.town !== state.town;
  const needsData = townChanged || next.from !== state.from || next.to !== state.to || next.level !== state.level || next.category !== state.category;
  state = next;
  writeState(state);
  if (townChanged) void loadTown();
  else if (needsData) void loadData();
  else render();
}

async function start(): Promise<void> {
  const search = new URLSearchParams(window.location.search);
  onLangChange(() => render());
  setLang(initialLang(search), search.has('lang'));
  ui.langSwitch.addEventListener('click', () => {
    setLang(lang() === 'cs' ? 'en' : 'cs', true);
    writeState(state);
  });
  ui.form.addEventListener('change', onControlsChange);
  ui.form.addEventListener('submit', (e) => e.preventDefault());
  const [conf, list] = await Promise.all([fetchConfig().catch(() => DEFAULT_CONFIG), fetchMunicipalities().catch(() => ({ municipalities: [] }))]);
  config = conf;
  towns = list.municipalities;
  if (state.town === null && towns.length) state.town = towns[0].code;
  await loadTown();
}

window.__okrsekStats = { ready: start() };
