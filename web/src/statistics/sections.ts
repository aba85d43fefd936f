// The statistics sections, each drawn from one answer of the table API: the trend by month
// with the same months a year earlier, hour of day, day of week, top categories, and the
// comparison of an area with the town. Shared by the public page and the staff analysis page.
import type { Chart } from 'chart.js';
import { lang, t } from '../i18n';
import { apiUrl, type AreaStat, type Query, type Table, type TableRow } from './api';
import { chartBlock } from './charts';
import { countCell, fmtMonth, rateCell, textCell, type Cell } from './format';
import type { Download } from './table';
import { dataTable, downloads, el, statSection } from './table';

export interface SectionCtx {
  /** "statistics/table" (public) or "admin/statistics/table" (staff): for the CSV links. */
  tablePath: string;
  minCount: number;
  charts: Chart[];
}

const BLUE = '#0b5cad';
const GREY = '#8a96a3';

/** The town-wide rows of a table for one category (or the total), by bucket key. */
export function townRows(table: Table, category: number | null): Map<string, TableRow> {
  const byBucket = new Map<string, TableRow>();
  const take = (wanted: number | null) => {
    for (const row of table.rows) {
      const townWide = row.area_id === null || table.level === 'town';
      if (!townWide || row.category_id !== wanted) continue;
      const key = row.bucket ?? '';
      if (!byBucket.has(key) || row.area_id === null) byBucket.set(key, row);
    }
  };
  take(category);
  if (!byBucket.size && category !== null) take(null);
  return byBucket;
}

export function csvLink(ctx: SectionCtx, query: Query): Download {
  return { label: 'CSV', href: apiUrl(ctx.tablePath, { ...query, format: 'csv' }), file: 'statistiky.csv' };
}

function bucketLabel(table: Table, key: string): string {
  if (table.bucket === 'month' && /^\d{4}-\d{2}$/.test(key)) return fmtMonth(key, true);
  if (table.bucket === 'hour' && /^\d{1,2}$/.test(key)) return `${Number(key)}:00`;
  if (table.bucket === 'weekday' && /^[1-7]$/.test(key)) {
    const monday = new Date(Date.UTC(2024, 0, 1 + Number(key) - 1));
    return new Intl.DateTimeFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(monday);
  }
  return table.buckets.find((b) => b.key === key)?.label ?? key;
}

function bucketKeys(table: Table, rows: Map<string, TableRow>): string[] {
  const keys = table.buckets.map((b) => b.key);
  return keys.length ? keys : [...rows.keys()].filter((k) => k !== '').sort();
}

export function trendSection(table: Table, category: number | null, query: Query, ctx: SectionCtx): HTMLElement {
  const { root, body } = statSection('stat-trend', t('stats.trend.heading'), t('stats.trend.intro'));
  const rows = townRows(table, category);
  const keys = bucketKeys(table, rows);
  const labels = keys.map((k) => bucketLabel(table, k));
  const current = keys.map((k) => rows.get(k));
  const hasPrevious = table.previous_period !== null;
  const series = [
    {
      label: t('stats.trend.current'),
      values: current.map((r) => r?.count ?? null),
      cells: current.map((r) => countCell(r, ctx.minCount)),
      color: BLUE,
    },
  ];
  if (hasPrevious) {
    series.push({
      label: t('stats.trend.previous'),
      values: current.map((r) => r?.previous ?? null),
      cells: current.map((r) => (r ? countCell({ count: r.previous ?? null, status: r.previous_status ?? 'ok' }, ctx.minCount) : countCell(null))),
      color: GREY,
      dashed: true,
    } as (typeof series)[number]);
  }
  body.append(
    chartBlock(
      {
        id: 'stat-trend-chart',
        kind: 'line',
        caption: t('stats.trend.caption'),
        labels,
        series,
        firstColumn: t('stats.col.month'),
        downloads: [csvLink(ctx, query)],
      },
      ctx.charts,
    ),
  );
  return root;
}

export function timeSection(table: Table, category: number | null, query: Query, ctx: SectionCtx, kind: 'hour' | 'weekday'): HTMLElement {
  const prefix = kind === 'hour' ? 'stats.hour' : 'stats.weekday';
  const { root, body } = statSection(`stat-${kind}`, t(`${prefix}.heading` as 'stats.hour.heading'), t(`${prefix}.intro` as 'stats.hour.intro'));
  const rows = townRows(table, category);
  const keys = bucketKeys(table, rows);
  const current = keys.map((k) => rows.get(k));
  body.append(
    chartBlock(
      {
        id: `stat-${kind}-chart`,
        kind: 'bar',
        caption: t(`${prefix}.caption` as 'stats.hour.caption'),
        labels: keys.map((k) => bucketLabel(table, k)),
        series: [{ label: t('stats.col.count'), values: current.map((r) => r?.count ?? null), cells: current.map((r) => countCell(r, ctx.minCount)), color: BLUE }],
        firstColumn: t(kind === 'hour' ? 'stats.col.hour' : 'stats.col.weekday'),
        downloads: [csvLink(ctx, query)],
      },
      ctx.charts,
    ),
  );
  return root;
}

export function topSection(table: Table, query: Query, ctx: SectionCtx, limit = 10): HTMLElement {
  const { root, body } = statSection('stat-top', t('stats.top.heading'), t('stats.top.intro'));
  const names = new Map(table.categories.map((c) => [c.id, c.name]));
  const rows = table.rows.filter((r) => r.category_id !== null && (r.area_id === null || table.level === 'town'));
  const unique = new Map<number, TableRow>();
  for (const r of rows) if (!unique.has(r.category_id as number)) unique.set(r.category_id as number, r);
  const sorted = [...unique.values()].sort((a, b) => (b.count ?? -1) - (a.count ?? -1)).slice(0, limit);
  body.append(
    chartBlock(
      {
        id: 'stat-top-chart',
        kind: 'hbar',
        caption: t('stats.top.caption'),
        labels: sorted.map((r) => names.get(r.category_id as number) ?? String(r.category_id)),
        series: [{ label: t('stats.col.count'), values: sorted.map((r) => r.count), cells: sorted.map((r) => countCell(r, ctx.minCount)), color: BLUE }],
        firstColumn: t('stats.col.category'),
        downloads: [csvLink(ctx, query)],
      },
      ctx.charts,
    ),
  );
  return root;
}

/** The chosen area next to the town: count, rate per 1,000 and the share of the town's count. */
export function comparisonSection(area: AreaStat | null, town: TableRow | null, townName: string, ctx: SectionCtx): HTMLElement {
  const { root, body } = statSection('stat-compare', t('stats.compare.heading'), t('stats.compare.intro'));
  if (!area) {
    body.append(el('p', 'stat-note', t('stats.compare.pick')));
    return root;
  }
  const townRate = town?.rate_per_1000 ?? null;
  const rows: Cell[][] = [
    [textCell(area.name), countCell(area, ctx.minCount), rateCell(area.rate_per_1000, area.count === null)],
    [textCell(townName), countCell(town, ctx.minCount), rateCell(townRate, town?.count === null)],
  ];
  body.append(dataTable(t('stats.compare.caption', { area: area.name }), [t('stats.col.area'), t('stats.col.count'), t('stats.col.rate')], rows, 'stat-compare-table'));
  let sentence: string;
  if (area.count === null) sentence = t('stats.compare.hidden');
  else if (area.rate_per_1000 === null || townRate === null || townRate === 0) sentence = t('stats.compare.noRate');
  else {
    const ratio = area.rate_per_1000 / townRate;
    sentence =
      ratio > 1.1
        ? t('stats.compare.higher', { area: area.name, times: ratio.toFixed(1) })
        : ratio < 0.9
          ? t('stats.compare.lower', { area: area.name })
          : t('stats.compare.similar', { area: area.name });
  }
  body.append(el('p', 'stat-note', sentence));
  return root;
}

/** The map's figures as a table: every area with count, rate and population. */
export function areasTable(features: AreaStat[], levelName: string, links: Download[], ctx: SectionCtx): HTMLElement {
  const box = el('div', 'stat-areas');
  const sorted = [...features].sort((a, b) => a.name.localeCompare(b.name, lang()));
  const rows: Cell[][] = sorted.map((a) => [
    textCell(a.name),
    countCell(a, ctx.minCount),
    rateCell(a.rate_per_1000, a.count === null),
    a.population === null ? { text: '–', numeric: true } : { text: new Intl.NumberFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB').format(a.population), numeric: true },
  ]);
  const details = el('details', 'stat-chart-data');
  details.append(el('summary', undefined, t('stats.map.table')));
  details.append(dataTable(t('stats.map.caption', { level: levelName }), [t('stats.col.area'), t('stats.col.count'), t('stats.col.rate'), t('stats.col.population')], rows, 'stat-areas-table'));
  box.append(details, downloads(links));
  return box;
}
