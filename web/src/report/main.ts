// okrsek citizen reports (report.html): the report form, the reporter's tracking page, one
// public report, a district's reports, and the e-mailed links. Routes live in the fragment,
// so tokens never reach server logs or Referer headers:
//   (empty) | #new[&district=ID][&lon=..&lat=..]   the form (also #district=ID&lon=&lat=)
//   #t=TOKEN            tracking      #confirm=TOKEN   confirm, then tracking (read-only)
//   #id=N               public report #district=ID     the district's reports
//   #subscribe=TOKEN / #unsubscribe=TOKEN             area alerts
import 'leaflet/dist/leaflet.css';
import '../styles/base.css';
import '../styles/header.css';
import '../styles/controls.css';
import '../styles/footer.css';
import '../styles/address-search.css';
import '../styles/map.css';
import '../styles/district.css';
import '../styles/report.css';
import { initialLang, lang, onLangChange, setLang, t } from '../i18n';
import { districtView } from './district_list';
import { formView } from './form';
import { publicView } from './public_view';
import { subscriptionView } from './subscription_view';
import { trackingView } from './track';
import type { View } from './view';

declare global {
  interface Window {
    __okrsekReport?: { ready: Promise<void> };
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from report.html`);
  return node as T;
}

const ui = {
  langSwitch: byId<HTMLButtonElement>('lang-switch'),
  langSwitchText: byId<HTMLSpanElement>('lang-switch-text'),
  view: byId<HTMLElement>('report-view'),
};

let current: View | null = null;

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

function numberOf(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function route(hash: string): View {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = (key: string) => {
    const value = params.get(key);
    return value !== null && TOKEN.test(value) ? value : null;
  };
  const t1 = token('t') ?? token('track');
  if (t1) return trackingView(ui.view, t1, null);
  const confirm = token('confirm');
  if (confirm) return trackingView(ui.view, token('track'), confirm);
  const sub = token('subscribe');
  if (sub) return subscriptionView(ui.view, sub, 'subscribe');
  const unsub = token('unsubscribe');
  if (unsub) return subscriptionView(ui.view, unsub, 'unsubscribe');
  const id = numberOf(params.get('id'));
  if (id !== null && id > 0) return publicView(ui.view, id);
  const district = numberOf(params.get('district'));
  const wantsForm = params.has('new') || params.has('lon') || params.has('lat');
  if (district !== null && !wantsForm) return districtView(ui.view, district);
  const lat = numberOf(params.get('lat'));
  const lon = numberOf(params.get('lon'));
  const valid = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return formView(ui.view, { lat: valid ? lat : null, lon: valid ? lon : null, district });
}

function renderChrome(): void {
  ui.langSwitchText.textContent = t('lang.switch.label');
  ui.langSwitchText.lang = t('lang.switch.lang');
  document.title = t('report.meta.title');
}

async function show(): Promise<void> {
  ui.view.replaceChildren();
  delete ui.view.dataset.categories;
  delete ui.view.dataset.nearby;
  current = route(window.location.hash);
  renderChrome();
  await current.start();
}

async function start(): Promise<void> {
  const search = new URLSearchParams(window.location.search);
  setLang(initialLang(search), search.has('lang'));
  renderChrome();
  onLangChange(() => {
    renderChrome();
    current?.relabel();
  });
  ui.langSwitch.addEventListener('click', () => {
    const next = lang() === 'cs' ? 'en' : 'cs';
    setLang(next, true);
    const url = new URL(window.location.href);
    if (next === 'cs') url.searchParams.delete('lang');
    else url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
  });
  window.addEventListener('hashchange', () => {
    window.__okrsekReport = { ready: show() };
  });
  await show();
}

window.__okrsekReport = { ready: start() };
