// okrsek public page: pick a place (map click, own location, typed coordinates) and show the
// municipal-police district, city part and town that contain it.
// Leaflet's stylesheet first, so our overrides of its controls win at equal specificity.
import 'leaflet/dist/leaflet.css';
// Styles in cascade order; desktop.css holds the wide-screen overrides and stays last.
import './styles/base.css';
import './styles/header.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/form.css';
import './styles/address-search.css';
import './styles/result.css';
import './styles/footer.css';
import './styles/map.css';
import './styles/report-link.css';
import './styles/desktop.css';
import {
  ApiError,
  DEFAULT_CONFIG,
  fetchConfig,
  fetchDistricts,
  fetchLayers,
  fetchMunicipalities,
  lookup,
  type AddressMatch,
  type LayerInfo,
} from './api';
import { createAddressSearch, type AddressSearch } from './address_search';
import { parseCoordinates, type FieldName, type FieldProblem } from './coords';
import { LocateError, locate } from './geolocate';
import { formatCount, formatDate, initialLang, lang, onLangChange, setLang, t, type MessageKey } from './i18n';
import { createMap, type DistrictMap } from './map';
import { fromHash, renderPanel, type PanelState } from './result_panel';
import { readPoint, writeUrl } from './url_state';

declare global {
  interface Window {
    __okrsekMap?: import('leaflet').Map;
    __okrsek?: { ready: Promise<void>; select: (lat: number, lon: number) => Promise<void> };
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from index.html`);
  return node as T;
}

const ui = {
  langSwitch: byId<HTMLButtonElement>('lang-switch'),
  langSwitchText: byId<HTMLSpanElement>('lang-switch-text'),
  locate: byId<HTMLButtonElement>('locate'),
  locateText: byId<HTMLSpanElement>('locate-text'),
  locateMessage: byId<HTMLParagraphElement>('locate-message'),
  form: byId<HTMLFormElement>('coord-form'),
  lat: byId<HTMLInputElement>('lat'),
  lon: byId<HTMLInputElement>('lon'),
  latError: byId<HTMLParagraphElement>('lat-error'),
  lonError: byId<HTMLParagraphElement>('lon-error'),
  result: byId<HTMLElement>('result'),
  resultBody: byId<HTMLElement>('result-body'),
  resultActions: byId<HTMLElement>('result-actions'),
  share: byId<HTMLButtonElement>('share'),
  clear: byId<HTMLButtonElement>('clear'),
  shareMessage: byId<HTMLParagraphElement>('share-message'),
  map: byId<HTMLDivElement>('map'),
  mapStatus: byId<HTMLDivElement>('map-status'),
  stats: byId<HTMLParagraphElement>('data-stats'),
  addressForm: byId<HTMLFormElement>('address-form'),
  addressInput: byId<HTMLInputElement>('address-input'),
  addressList: byId<HTMLUListElement>('address-list'),
  addressStatus: byId<HTMLParagraphElement>('address-status'),
};

let panel: PanelState = { kind: 'empty' };
let districtMap: DistrictMap | null = null;
let addressSearch: AddressSearch | null = null;
let lookupSeq = 0;
let lookupAbort: AbortController | null = null;
let coveredTowns: string[] = [];
let districtLayer: LayerInfo | null = null;
let locateState: 'idle' | 'busy' | { failed: MessageKey } = 'idle';
let mapStatusKey: MessageKey | null = null;
const fieldProblems: Partial<Record<FieldName, FieldProblem>> = {};

// ---- rendering -------------------------------------------------------------------------

function showPanel(next: PanelState): void {
  panel = next;
  renderPanel(
    { section: ui.result, body: ui.resultBody, actions: ui.resultActions, onRetry: retry },
    panel,
  );
}

function renderLangSwitch(): void {
  ui.langSwitchText.textContent = t('lang.switch.label');
  ui.langSwitchText.lang = t('lang.switch.lang');
}

function renderLocate(): void {
  const busy = locateState === 'busy';
  ui.locate.setAttribute('aria-busy', String(busy));
  ui.locate.disabled = busy;
  ui.locateText.textContent = t(busy ? 'locate.busy' : 'locate.button');
  if (typeof locateState === 'object') {
    ui.locateMessage.textContent = t(locateState.failed);
    ui.locateMessage.hidden = false;
  } else {
    ui.locateMessage.textContent = '';
    ui.locateMessage.hidden = true;
  }
}

function renderFieldErrors(): void {
  for (const [field, input, out] of [
    ['lat', ui.lat, ui.latError],
    ['lon', ui.lon, ui.lonError],
  ] as const) {
    const problem = fieldProblems[field];
    if (problem) {
      out.textContent = t(`form.error.${field}.${problem}` as MessageKey);
      out.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    } else {
      out.textContent = '';
      out.hidden = true;
      input.removeAttribute('aria-invalid');
    }
  }
}

function renderMapStatus(): void {
  ui.mapStatus.textContent = mapStatusKey ? t(mapStatusKey) : '';
  ui.mapStatus.hidden = mapStatusKey === null;
  ui.mapStatus.classList.toggle('is-error', mapStatusKey === 'map.loadFailed');
}

function renderStats(): void {
  if (!districtLayer) {
    ui.stats.hidden = true;
    return;
  }
  ui.stats.hidden = false;
  ui.stats.textContent = t('footer.stats', {
    count: formatCount(districtLayer.area_count),
    date: formatDate(districtLayer.updated_at),
  });
}

function renderAll(): void {
  renderLangSwitch();
  renderLocate();
  renderFieldErrors();
  renderMapStatus();
  renderStats();
  districtMap?.relabel();
  addressSearch?.relabel();
  showPanel(panel);
}

// ---- selection -------------------------------------------------------------------------

function currentPoint(): { lat: number | null; lon: number | null } {
  return panel.kind === 'empty' ? { lat: null, lon: null } : { lat: panel.lat, lon: panel.lon };
}

async function select(lat: number, lon: number, opts: { pan: boolean }): Promise<void> {
  const seq = ++lookupSeq;
  lookupAbort?.abort();
  lookupAbort = new AbortController();
  ui.shareMessage.textContent = '';
  showPanel({ kind: 'loading', lat, lon });
  writeUrl({ lat, lon }, lang());
  districtMap?.select(lat, lon, null);
  if (opts.pan) districtMap?.focusOn(lat, lon);
  try {
    const result = await lookup(lat, lon, lookupAbort.signal);
    if (seq !== lookupSeq) return;
    const district = result.areas.find((a) => a.layer === 'districts');
    districtMap?.highlight(district ? district.id : null);
    if (district && !opts.pan) districtMap?.reveal(district.id);
    showPanel({ kind: 'result', lat, lon, result });
  } catch (err) {
    if (seq !== lookupSeq) return;
    if (err instanceof DOMException && err.name === 'AbortError') return;
    const code = err instanceof ApiError ? err.code : 'network';
    if (!(err instanceof ApiError)) console.error(err);
    districtMap?.highlight(null);
    showPanel({ kind: 'error', lat, lon, code, towns: coveredTowns });
  }
  revealResultOnSmallScreens();
}

function retry(): void {
  if (panel.kind === 'error') void select(panel.lat, panel.lon, { pan: false });
}

function clearSelection(): void {
  lookupSeq++;
  lookupAbort?.abort();
  districtMap?.clear();
  ui.shareMessage.textContent = '';
  showPanel({ kind: 'empty' });
  writeUrl({ lat: null, lon: null }, lang());
}

/** On a phone the panel sits under the map: bring the answer into view when it arrives. */
function revealResultOnSmallScreens(): void {
  if (!window.matchMedia('(max-width: 47.99rem)').matches) return;
  const rect = ui.result.getBoundingClientRect();
  if (rect.bottom > window.innerHeight || rect.top < 0) {
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    ui.result.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  }
}

// ---- controls --------------------------------------------------------------------------

function onSubmit(event: SubmitEvent): void {
  event.preventDefault();
  const parsed = parseCoordinates(ui.lat.value, ui.lon.value);
  if (parsed.split) {
    ui.lat.value = parsed.split[0];
    ui.lon.value = parsed.split[1];
  }
  fieldProblems.lat = parsed.errors.lat;
  fieldProblems.lon = parsed.errors.lon;
  renderFieldErrors();
  if (parsed.lat === undefined || parsed.lon === undefined) {
    (parsed.errors.lat ? ui.lat : ui.lon).focus();
    return;
  }
  void select(parsed.lat, parsed.lon, { pan: true });
}

function onPaste(event: ClipboardEvent, input: HTMLInputElement): void {
  const text = event.clipboardData?.getData('text') ?? '';
  const other = input === ui.lat ? ui.lon : ui.lat;
  if (other.value.trim() !== '' || input.value.trim() !== '') return;
  const parsed = parseCoordinates(text, '');
  if (!parsed.split) return;
  event.preventDefault();
  ui.lat.value = parsed.split[0];
  ui.lon.value = parsed.split[1];
}

async function onLocate(): Promise<void> {
  locateState = 'busy';
  renderLocate();
  try {
    const { lat, lon } = await locate();
    locateState = 'idle';
    renderLocate();
    await select(lat, lon, { pan: true });
  } catch (err) {
    const reason = err instanceof LocateError ? err.reason : 'unavailable';
    locateState = { failed: `locate.${reason}` as MessageKey };
    renderLocate();
  }
}

async function onShare(): Promise<void> {
  try {
    await navigator.clipboard.writeText(window.location.href);
    ui.shareMessage.textContent = t('result.shareDone');
  } catch {
    ui.shareMessage.textContent = t('result.shareFailed');
  }
}

function onLangSwitch(): void {
  setLang(lang() === 'cs' ? 'en' : 'cs', true);
  const point = currentPoint();
  writeUrl(point, lang());
}

/** An address picked from the suggestions: its district's card, or the place on the map. */
function onAddressPicked(address: AddressMatch): void {
  if (address.district) {
    const url = new URL(`/districts/${address.district.id}`, window.location.href);
    if (lang() !== 'cs') url.searchParams.set('lang', lang());
    if (address.position) url.hash = fromHash(address.position.lat, address.position.lon);
    window.location.assign(url.toString());
    return;
  }
  if (address.position) void select(address.position.lat, address.position.lon, { pan: true });
}

// ---- start -----------------------------------------------------------------------------

async function start(): Promise<void> {
  const search = new URLSearchParams(window.location.search);
  onLangChange(renderAll);
  setLang(initialLang(search), search.has('lang'));

  ui.langSwitch.addEventListener('click', onLangSwitch);
  ui.locate.addEventListener('click', () => void onLocate());
  ui.form.addEventListener('submit', onSubmit);
  ui.lat.addEventListener('paste', (e) => onPaste(e, ui.lat));
  ui.lon.addEventListener('paste', (e) => onPaste(e, ui.lon));
  ui.share.addEventListener('click', () => void onShare());
  ui.clear.addEventListener('click', clearSelection);
  addressSearch = createAddressSearch({
    form: ui.addressForm,
    input: ui.addressInput,
    list: ui.addressList,
    status: ui.addressStatus,
    onPick: onAddressPicked,
  });

  const config = await fetchConfig().catch((err: unknown) => {
    console.error('config', err);
    return DEFAULT_CONFIG;
  });
  districtMap = createMap(ui.map, config, (lat, lon) => void select(lat, lon, { pan: false }));
  window.__okrsekMap = districtMap.map;

  void fetchMunicipalities()
    .then((r) => (coveredTowns = r.municipalities.map((m) => m.name)))
    .catch(() => undefined);
  void fetchLayers()
    .then((r) => {
      districtLayer = r.layers.find((l) => l.name === config.default_layer) ?? null;
      renderStats();
    })
    .catch(() => undefined);

  const initial = readPoint(search);
  const selecting = initial ? select(initial.lat, initial.lon, { pan: false }) : Promise.resolve();
  if (initial) districtMap.map.setView([initial.lat, initial.lon], 14, { animate: false });

  mapStatusKey = 'map.loading';
  renderMapStatus();
  try {
    const districts = await fetchDistricts(config.default_layer || 'districts');
    districtMap.showDistricts(districts);
    if (!initial) districtMap.fitDistricts();
    mapStatusKey = null;
  } catch (err) {
    console.error('districts', err);
    mapStatusKey = 'map.loadFailed';
  }
  renderMapStatus();
  ui.map.dataset.ready = 'true';
  await selecting;
}

const ready = start();
window.__okrsek = { ready, select: (lat, lon) => select(lat, lon, { pan: false }) };
