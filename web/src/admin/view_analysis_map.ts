// The analysis page's map: one hotspot layer (grid counts, Gi* hot and cold cells significant
// after FDR, kernel density, local Moran quadrants) and, for holders of crime_incidents.read,
// the exact incident points of the visible area (the server records every such request).
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { fetchConfig } from '../api';
import { t, type MessageKey } from '../i18n';
import { fmtCount } from '../statistics/format';
import type { HotspotCell, HotspotMethod, Hotspots, IncidentPoints } from './view_analysis_api';

const SEQUENTIAL = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];
const HOT = '#c62828';
const COLD = '#1565c0';
const QUADRANTS: Record<string, { color: string; key: MessageKey }> = {
  HH: { color: '#c62828', key: 'admin.analysis.quadrant.HH' },
  LL: { color: '#1565c0', key: 'admin.analysis.quadrant.LL' },
  HL: { color: '#ef6c00', key: 'admin.analysis.quadrant.HL' },
  LH: { color: '#64b5f6', key: 'admin.analysis.quadrant.LH' },
};

export interface LegendItem {
  color: string;
  text: string;
}

export interface AnalysisMap {
  map: L.Map;
  /** Draws the cells; returns the legend and how many cells are drawn / significant. */
  showCells(cells: Hotspots, method: HotspotMethod | 'public'): { legend: LegendItem[]; drawn: number; significant: number };
  showPoints(points: IncidentPoints | null): void;
  /** "minlon,minlat,maxlon,maxlat" of the visible map. */
  bbox(): string;
  destroy(): void;
}

function quantiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 1; i < SEQUENTIAL.length; i++) out.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / SEQUENTIAL.length))] ?? 0);
  return out;
}

const classOf = (v: number, breaks: number[]) => Math.min(breaks.filter((b) => v >= b).length, SEQUENTIAL.length - 1);

function isSignificant(p: HotspotCell): boolean {
  return p.significant === true;
}

export async function createAnalysisMap(container: HTMLElement): Promise<AnalysisMap> {
  const config = await fetchConfig().catch(() => null);
  const map = L.map(container, { zoomAnimation: false, scrollWheelZoom: false, attributionControl: false, zoomSnap: 0.25 });
  if (config?.tiles) {
    L.tileLayer(config.tiles.url, { maxZoom: 19, opacity: 0.6 }).addTo(map);
    if (config.tiles.attribution) L.control.attribution({ prefix: false }).addAttribution(config.tiles.attribution).addTo(map);
  }
  map.setView([config?.center.lat ?? 50.08, config?.center.lon ?? 14.44], config?.zoom ?? 11);
  let cellsLayer: L.GeoJSON | null = null;
  let pointsLayer: L.LayerGroup | null = null;
  let fitted = false;

  function showCells(cells: Hotspots, method: HotspotMethod | 'public') {
    cellsLayer?.remove();
    const value = (p: HotspotCell) => (method === 'kde' ? (p.density ?? null) : p.count);
    const values = cells.features.map((f) => value(f.properties)).filter((v): v is number => typeof v === 'number');
    const breaks = quantiles(values);
    let significant = 0;
    let drawn = 0;
    cellsLayer = L.geoJSON(cells, {
      filter: (feature) => {
        const p = feature.properties as HotspotCell;
        if (method === 'gi') return isSignificant(p) && (p.hot === true || p.cold === true);
        if (method === 'localmoran') return isSignificant(p) && typeof p.quadrant === 'string' && p.quadrant in QUADRANTS;
        return true;
      },
      style: (feature) => {
        const p = feature?.properties as HotspotCell;
        let fill = '#f4f4f4';
        if (method === 'gi') fill = p.hot ? HOT : COLD;
        else if (method === 'localmoran') fill = QUADRANTS[p.quadrant ?? '']?.color ?? '#999';
        else {
          const v = value(p);
          if (v !== null) fill = SEQUENTIAL[classOf(v, breaks)];
        }
        return { color: '#5d4037', weight: 0.5, fillColor: fill, fillOpacity: 0.65, className: p.count === null ? 'stat-area-hidden' : undefined };
      },
      onEachFeature: (feature, layer) => {
        const p = feature.properties as HotspotCell;
        drawn += 1;
        if (isSignificant(p)) significant += 1;
        const parts = [`${t('admin.analysis.cell.count')}: ${p.count === null ? t('stats.hidden.short') : fmtCount(p.count)}`];
        if (typeof p.z === 'number') parts.push(`z = ${p.z.toFixed(2)}`);
        if (typeof p.p === 'number') parts.push(`p = ${p.p.toPrecision(2)}`);
        if (typeof p.density === 'number') parts.push(`${t('admin.analysis.cell.density')}: ${p.density.toPrecision(3)}`);
        if (p.quadrant) parts.push(p.quadrant);
        layer.bindTooltip(parts.join(' · '), { sticky: true });
      },
    }).addTo(map);
    if (!fitted && cellsLayer.getBounds().isValid()) {
      map.fitBounds(cellsLayer.getBounds(), { padding: [8, 8] });
      fitted = true;
    }
    container.dataset.cells = String(drawn);
    container.dataset.ready = 'true';
    let legend: LegendItem[];
    if (method === 'gi') legend = [{ color: HOT, text: t('admin.analysis.legend.hot') }, { color: COLD, text: t('admin.analysis.legend.cold') }];
    else if (method === 'localmoran') legend = Object.values(QUADRANTS).map((q) => ({ color: q.color, text: t(q.key) }));
    else {
      const low = [0, ...breaks];
      legend = low.map((v, i) => ({
        color: SEQUENTIAL[i],
        text: i + 1 < low.length ? `${v.toPrecision(3).replace(/\.?0+$/, '')} – ${low[i + 1].toPrecision(3).replace(/\.?0+$/, '')}` : `≥ ${v.toPrecision(3).replace(/\.?0+$/, '')}`,
      }));
    }
    return { legend, drawn, significant };
  }

  function showPoints(points: IncidentPoints | null) {
    pointsLayer?.remove();
    pointsLayer = null;
    container.dataset.points = points ? String(points.features.length) : '0';
    if (!points) return;
    pointsLayer = L.layerGroup(
      points.features.map((f) => {
        const [lon, lat] = f.geometry.coordinates;
        return L.circleMarker([lat, lon], { radius: 4, color: '#1b1b1b', weight: 1, fillColor: '#ffeb3b', fillOpacity: 0.9, className: 'analysis-point' }).bindTooltip(
          `${f.properties.occurred_at} · ${f.properties.types.join(', ')}`,
        );
      }),
    ).addTo(map);
  }

  function bbox(): string {
    const b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
  }

  return { map, showCells, showPoints, bbox, destroy: () => map.remove() };
}
