// The choropleth: the level's areas coloured by count or rate per 1,000 (five classes, legend
// under the map), hidden figures hatched. The same figures are in the table under the map, so
// the map itself is a picture for screen readers.
import L from 'leaflet';
import type { SiteConfig } from '../api';
import { t } from '../i18n';
import type { AreaStat, AreaStats } from './api';
import { fmtCount, fmtRate, hiddenReason } from './format';
import { el } from './table';

export type Measure = 'count' | 'rate';

const COLORS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const HATCH_ID = 'stat-hatch';

export interface Choropleth {
  map: L.Map;
  show(stats: AreaStats, measure: Measure, selected: number | null, minCount: number): void;
  destroy(): void;
}

export function valueOf(area: AreaStat, measure: Measure): number | null {
  return measure === 'rate' ? area.rate_per_1000 : area.count;
}

/**
 * Lower bounds of the classes, ascending: a class of its own for 0 (when there are zeros), then
 * up to four classes of equal numbers of areas (quantiles) among the positive values.
 */
export function classBreaks(values: number[]): number[] {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  const lows: number[] = values.some((v) => v <= 0) ? [0] : [];
  const classes = COLORS.length - lows.length;
  for (let i = 0; i < classes && positive.length; i++) {
    const v = positive[Math.floor((i * positive.length) / classes)];
    if (!lows.includes(v)) lows.push(v);
  }
  return lows;
}

function classOf(value: number, lows: number[]): number {
  let i = 0;
  while (i + 1 < lows.length && value >= lows[i + 1]) i++;
  return Math.min(i, COLORS.length - 1);
}

function addHatch(map: L.Map): void {
  const svg = map.getPanes().overlayPane.querySelector('svg');
  if (!svg || svg.querySelector(`#${HATCH_ID}`)) return;
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', HATCH_ID);
  pattern.setAttribute('width', '8');
  pattern.setAttribute('height', '8');
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '8');
  bg.setAttribute('height', '8');
  bg.setAttribute('fill', '#f4f4f4');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '8');
  line.setAttribute('stroke', '#7a7a7a');
  line.setAttribute('stroke-width', '3');
  pattern.append(bg, line);
  defs.append(pattern);
  svg.prepend(defs);
}

export function legend(breaks: number[], measure: Measure, minCount: number, hasHidden: boolean): HTMLElement {
  const box = el('ul', 'stat-legend');
  box.setAttribute('aria-label', t('stats.map.legend'));
  const fmt = (v: number) => (measure === 'rate' ? fmtRate(v) : fmtCount(v));
  breaks.forEach((low, i) => {
    const next = breaks[i + 1];
    const item = el('li', 'stat-legend-item');
    const swatch = el('span', 'stat-swatch');
    swatch.style.background = COLORS[i];
    let text: string;
    if (next === undefined) text = `${fmt(low)} ${t('stats.map.andMore')}`;
    else if (low === 0 && i === 0) text = fmt(0);
    else if (measure === 'count') text = next - 1 > low ? `${fmt(low)} – ${fmt(next - 1)}` : fmt(low);
    else text = `${fmt(low)} – ${fmt(next)}`;
    item.append(swatch, el('span', undefined, text));
    box.append(item);
  });
  if (hasHidden) {
    const item = el('li', 'stat-legend-item');
    item.append(el('span', 'stat-swatch stat-swatch-hidden'), el('span', undefined, hiddenReason('suppressed', minCount)));
    box.append(item);
  }
  return box;
}

export function createChoropleth(container: HTMLElement, config: SiteConfig, onPick: (id: number) => void): Choropleth {
  const map = L.map(container, { zoomAnimation: false, scrollWheelZoom: false, attributionControl: false, zoomSnap: 0.25 });
  if (config.tiles) {
    L.tileLayer(config.tiles.url, { maxZoom: 19, opacity: 0.6 }).addTo(map);
    if (config.tiles.attribution) L.control.attribution({ prefix: false }).addAttribution(config.tiles.attribution).addTo(map);
  }
  map.setView([config.center.lat, config.center.lon], config.zoom);
  let layer: L.GeoJSON | null = null;
  let fitted = '';

  function show(stats: AreaStats, measure: Measure, selected: number | null, minCount: number): void {
    layer?.remove();
    const values = stats.features.map((f) => valueOf(f.properties, measure)).filter((v): v is number => v !== null);
    const breaks = classBreaks(values);
    layer = L.geoJSON(stats, {
      style: (feature) => {
        const p = feature?.properties as AreaStat;
        const value = valueOf(p, measure);
        const hidden = p.count === null;
        const chosen = p.id === selected;
        return {
          color: chosen ? '#f5b700' : '#34495e',
          weight: chosen ? 4 : 1,
          fillColor: value === null ? '#f4f4f4' : COLORS[classOf(value, breaks)],
          fillOpacity: hidden ? 1 : 0.75,
          className: hidden ? 'stat-area stat-area-hidden' : 'stat-area',
        };
      },
      onEachFeature: (feature, shape) => {
        const p = feature.properties as AreaStat;
        const value = valueOf(p, measure);
        const text =
          p.count === null
            ? `${p.name}: ${hiddenReason(p.status, minCount)}`
            : value === null
              ? `${p.name}: ${fmtCount(p.count)}`
              : `${p.name}: ${measure === 'rate' ? `${fmtRate(value)} ${t('stats.unit.per1000')}` : fmtCount(value)}`;
        shape.bindTooltip(text, { sticky: true });
        shape.on('click', () => onPick(p.id));
      },
    }).addTo(map);
    addHatch(map);
    const key = stats.features.map((f) => f.properties.id).join(',');
    if (key !== fitted && layer.getBounds().isValid()) {
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      fitted = key;
    }
    container.dataset.ready = 'true';
    container.dataset.areas = String(stats.features.length);
    container.dataset.hidden = String(stats.features.filter((f) => f.properties.count === null).length);
  }

  return { map, show, destroy: () => map.remove() };
}
