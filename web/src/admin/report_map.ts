// The reports' map (Leaflet, as the places editor's): the inbox's reports as dots (a click opens
// the report; keyboard users have the list, which holds the same reports), or one report's
// place with a draggable marker for moving it (keyboard users type the coordinates instead).
// Drawn once its box has a size.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { fetchConfig } from '../api';
import { t, type MessageKey } from '../i18n';
import type { StaffRow } from './api_reports';
import { h } from './dom';

const dot = (tone: string) =>
  L.divIcon({
    className: `report-map-dot report-map-dot-${tone}`,
    html: '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="7" stroke="#fff" stroke-width="3"/></svg>',
    iconSize: [20, 20],
    iconAnchor: [10, 10],
  });

const pin = L.divIcon({
  className: 'report-map-pin',
  html:
    '<svg viewBox="0 0 32 44" width="32" height="44" aria-hidden="true" focusable="false">' +
    '<path d="M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1Z" ' +
    'fill="#c8102e" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="5.5" fill="#fff"/></svg>',
  iconSize: [32, 44],
  iconAnchor: [16, 43],
});

export interface LonLat {
  lon: number;
  lat: number;
}

export interface ReportMap {
  root: HTMLElement;
  /** The inbox's reports (dots). */
  setReports(rows: StaffRow[]): void;
  /** One report's place; `movable` lets the marker be dragged and the map be clicked. */
  setPoint(point: LonLat | null, movable?: boolean): void;
  /** Called with the new point when the map is clicked or the marker dragged (movable only). */
  onPick: (point: LonLat) => void;
  /** Called with a report id when its dot is clicked. */
  onOpen: (id: number) => void;
}

const round = (value: number) => Math.round(value * 1e7) / 1e7;

export function reportMap(id: string, label: MessageKey, hint: MessageKey): ReportMap {
  const box = h('div', { class: 'report-map', id, role: 'region', tAttr: { 'aria-label': label } });
  const root = h('div', { class: 'report-map-wrap' }, box, h('p', { class: 'hint', t: hint }));
  let map: L.Map | null = null;
  let layer: L.LayerGroup | null = null;
  let rows: StaffRow[] = [];
  let point: LonLat | null = null;
  let movable = false;
  let marker: L.Marker | null = null;

  const api: ReportMap = {
    root,
    setReports(next) {
      rows = next;
      draw();
    },
    setPoint(next, canMove = false) {
      point = next;
      movable = canMove;
      draw();
    },
    onPick: () => undefined,
    onOpen: () => undefined,
  };

  function draw(): void {
    if (!map || !layer) return;
    layer.clearLayers();
    marker = null;
    const bounds = L.latLngBounds([]);
    for (const row of rows) {
      const tone = row.overdue ? 'overdue' : row.visibility === 'pending' ? 'pending' : 'open';
      const m = L.marker([row.lat, row.lon], { icon: dot(tone), keyboard: false, title: `#${row.id} ${row.category_name}` });
      m.on('click', () => api.onOpen(row.id));
      m.addTo(layer);
      bounds.extend([row.lat, row.lon]);
    }
    if (point) {
      const at = L.latLng(point.lat, point.lon);
      marker = L.marker(at, { icon: pin, draggable: movable, keyboard: false, autoPan: true, title: t('admin.reports.map.marker') });
      marker.on('dragend', () => {
        const where = marker!.getLatLng();
        point = { lon: round(where.lng), lat: round(where.lat) };
        api.onPick(point);
      });
      marker.addTo(layer);
      bounds.extend(at);
    }
    if (rows.length > 1 && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    else if (bounds.isValid() && !map.getBounds().contains(bounds)) map.setView(bounds.getCenter(), 16);
  }

  async function start(): Promise<void> {
    const config = await fetchConfig().catch(() => null);
    const m = L.map(box, { zoomSnap: 0.25, attributionControl: false, scrollWheelZoom: false, zoomAnimation: false, keyboard: false });
    map = m;
    if (config?.tiles) {
      L.tileLayer(config.tiles.url, { maxZoom: 19 }).addTo(m);
      if (config.tiles.attribution) L.control.attribution({ prefix: false }).addAttribution(config.tiles.attribution).addTo(m);
    }
    m.setView([point?.lat ?? config?.center.lat ?? 50.08, point?.lon ?? config?.center.lon ?? 14.44], point ? 16 : (config?.zoom ?? 12));
    layer = L.layerGroup().addTo(m);
    m.on('click', (event: L.LeafletMouseEvent) => {
      if (!movable) return;
      point = { lon: round(event.latlng.lng), lat: round(event.latlng.lat) };
      draw();
      api.onPick(point);
    });
    draw();
    box.dataset.ready = 'true';
  }

  const observer = new ResizeObserver(() => {
    if (box.clientWidth === 0 || box.clientHeight === 0) return;
    if (!map && !box.dataset.drawing) {
      box.dataset.drawing = 'true';
      void start();
    } else {
      map?.invalidateSize();
    }
  });
  observer.observe(box);
  return api;
}
