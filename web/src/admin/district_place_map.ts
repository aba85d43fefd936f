// The places editor's map (Leaflet, as on the public district card): the district's outline, its
// places, and one draggable marker for the place being edited. A click on the map or a dragged
// marker sets the point; keyboard users type the longitude and latitude in the form instead, and
// the marker follows them. The map is drawn once its box has a size (the section may start in a
// hidden tab).
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { fetchConfig } from '../api';
import { t } from '../i18n';
import type { LonLat, Place } from './api_agenda';
import { h } from './dom';

const dotIcon = (station: boolean) =>
  L.divIcon({
    className: `place-map-dot${station ? ' is-station' : ''}`,
    html: '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="7" stroke="#fff" stroke-width="3"/></svg>',
    iconSize: [20, 20],
    iconAnchor: [10, 10],
  });

const pickIcon = L.divIcon({
  className: 'place-map-pick',
  html:
    '<svg viewBox="0 0 32 44" width="32" height="44" aria-hidden="true" focusable="false">' +
    '<path d="M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1Z" ' +
    'fill="#c8102e" stroke="#fff" stroke-width="2"/><circle cx="16" cy="16" r="5.5" fill="#fff"/></svg>',
  iconSize: [32, 44],
  iconAnchor: [16, 43],
});

export interface PlaceMap {
  root: HTMLElement;
  /** Shows these places (the one being edited is left out by the caller). */
  setPlaces(places: Place[]): void;
  /** Puts the pick marker at `point` (null removes it); `pan` brings it into view. */
  setPick(point: LonLat | null, pan?: boolean): void;
  /** Called with the new point when the map is clicked or the marker dragged. */
  onPick: (point: LonLat) => void;
}

const round = (value: number) => Math.round(value * 1e7) / 1e7;

export function placeMap(outline: Promise<GeoJSON.Feature | null>): PlaceMap {
  const box = h('div', { class: 'place-map', id: 'place-map', role: 'region', tAttr: { 'aria-label': 'admin.places.map.label' } });
  const root = h('div', { class: 'place-map-wrap' }, box, h('p', { class: 'hint', id: 'place-map-hint', t: 'admin.places.map.hint' }));
  let map: L.Map | null = null;
  let dots: L.LayerGroup | null = null;
  let pick: L.Marker | null = null;
  let places: Place[] = [];
  let pickPoint: LonLat | null = null;

  const api: PlaceMap = {
    root,
    setPlaces(next) {
      places = next;
      drawDots();
    },
    setPick(point, pan = false) {
      pickPoint = point;
      drawPick(pan);
    },
    onPick: () => undefined,
  };

  function drawDots(): void {
    if (!map || !dots) return;
    dots.clearLayers();
    for (const place of places) {
      L.marker([place.position.lat, place.position.lon], { icon: dotIcon(place.kind.station), keyboard: false, title: place.name, interactive: false }).addTo(dots);
    }
  }

  function drawPick(pan: boolean): void {
    if (!map) return;
    if (!pickPoint) {
      pick?.remove();
      pick = null;
      return;
    }
    const at = L.latLng(pickPoint.lat, pickPoint.lon);
    if (!pick) {
      pick = L.marker(at, { icon: pickIcon, draggable: true, keyboard: false, autoPan: true, title: t('admin.places.map.marker') });
      pick.on('dragend', () => {
        const where = pick!.getLatLng();
        pickPoint = { lon: round(where.lng), lat: round(where.lat) };
        api.onPick(pickPoint);
      });
      pick.addTo(map);
    } else {
      pick.setLatLng(at);
    }
    if (pan && !map.getBounds().contains(at)) map.panTo(at);
  }

  async function draw(): Promise<void> {
    const [config, shape] = await Promise.all([fetchConfig().catch(() => null), outline.catch(() => null)]);
    const m = L.map(box, { zoomSnap: 0.25, attributionControl: false, scrollWheelZoom: false, zoomAnimation: false, keyboard: false });
    map = m;
    if (config?.tiles) {
      L.tileLayer(config.tiles.url, { maxZoom: 19 }).addTo(m);
      if (config.tiles.attribution) L.control.attribution({ prefix: false }).addAttribution(config.tiles.attribution).addTo(m);
    }
    const bounds = L.latLngBounds([]);
    if (shape) {
      const layer = L.geoJSON(shape, { interactive: false, style: { color: '#0b4f9c', weight: 2, fillColor: '#2f7de1', fillOpacity: 0.12 } }).addTo(m);
      bounds.extend(layer.getBounds());
    }
    for (const place of places) bounds.extend([place.position.lat, place.position.lon]);
    if (bounds.isValid()) m.fitBounds(bounds, { padding: [12, 12], maxZoom: 17 });
    else m.setView([config?.center.lat ?? 50.08, config?.center.lon ?? 14.44], config?.zoom ?? 12);
    dots = L.layerGroup().addTo(m);
    m.on('click', (event: L.LeafletMouseEvent) => {
      pickPoint = { lon: round(event.latlng.lng), lat: round(event.latlng.lat) };
      drawPick(false);
      api.onPick(pickPoint);
    });
    drawDots();
    drawPick(false);
    box.dataset.ready = 'true';
  }

  // Leaflet needs a box with a size: start when it gets one, follow later resizes.
  const observer = new ResizeObserver(() => {
    if (box.clientWidth === 0 || box.clientHeight === 0) return;
    if (!map && !box.dataset.drawing) {
      box.dataset.drawing = 'true';
      void draw();
    } else {
      map?.invalidateSize();
    }
  });
  observer.observe(box);
  return api;
}
