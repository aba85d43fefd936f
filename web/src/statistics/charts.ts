// Charts (Chart.js) with the same figures as an accessible table right under them. Hidden
// figures are gaps in a chart (never a value) and marked in the table.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { t } from '../i18n';
import type { Cell } from './format';
import { dataTable, downloads, el, type Download } from './table';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface Series {
  label: string;
  values: Array<number | null>;
  /** The table's cells for this series (hidden ones explained). */
  cells: Cell[];
  color: string;
  dashed?: boolean;
}

export interface ChartSpec {
  id: string;
  kind: 'line' | 'bar' | 'hbar';
  /** What the chart shows, for screen readers and as the table caption. */
  caption: string;
  labels: string[];
  series: Series[];
  firstColumn: string;
  downloads?: Download[];
}

/** A chart (kept in `charts` for destroy()) followed by its data table and download links. */
export function chartBlock(spec: ChartSpec, charts: Chart[]): HTMLElement {
  const box = el('figure', 'stat-chart');
  box.id = spec.id;
  const frame = el('div', `stat-chart-frame stat-chart-${spec.kind}`);
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${spec.caption}. ${t('stats.chart.seeTable')}`);
  frame.append(canvas);
  if (spec.kind === 'hbar') frame.style.height = `${Math.max(160, spec.labels.length * 28 + 60)}px`;
  const caption = el('figcaption', 'stat-chart-caption', spec.caption);
  box.append(caption, frame);
  const rows = spec.labels.map((label, i) => [{ text: label } as Cell, ...spec.series.map((s) => s.cells[i] ?? { text: '–', numeric: true })]);
  const details = el('details', 'stat-chart-data');
  details.open = true;
  details.append(el('summary', undefined, t('stats.chart.table')));
  details.append(dataTable(spec.caption, [spec.firstColumn, ...spec.series.map((s) => s.label)], rows, `${spec.id}-table`));
  box.append(details);
  if (spec.downloads?.length) box.append(downloads(spec.downloads));
  // The chart needs its canvas in the document to measure it.
  queueMicrotask(() => charts.push(draw(canvas, spec)));
  return box;
}

function draw(canvas: HTMLCanvasElement, spec: ChartSpec): Chart {
  const horizontal = spec.kind === 'hbar';
  const type = spec.kind === 'line' ? 'line' : 'bar';
  return new Chart(canvas, {
    type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: type === 'line' ? s.color : `${s.color}cc`,
        borderDash: s.dashed ? [6, 4] : [],
        borderWidth: 2,
        pointRadius: type === 'line' ? 3 : 0,
        spanGaps: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { legend: { display: spec.series.length > 1, position: 'bottom', labels: { usePointStyle: true } } },
      scales: horizontal
        ? { x: { beginAtZero: true, ticks: { precision: 0 } } }
        : { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

export function destroyCharts(charts: Chart[]): void {
  for (const chart of charts.splice(0)) chart.destroy();
}
