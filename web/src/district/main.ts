// okrsek district card (/districts/{id}): the district's team with photos and contacts, its
// stations and info boxes on a small map, priorities, upcoming meetings, how to reach the team,
// and the emergency numbers. /districts/{id}/print?format=card|leaflet gives the printable
// business card and A5 leaflet with a QR code.
import 'leaflet/dist/leaflet.css';
import '../styles/base.css';
import '../styles/header.css';
import '../styles/controls.css';
import '../styles/footer.css';
import '../styles/district.css';
import '../styles/district-print.css';
import '../styles/report-link.css';
import { ApiError } from '../api';
import { initialLang, lang, onLangChange, setLang, t } from '../i18n';
import { renderEvents, renderPriorities } from './agenda';
import { districtIdFromPath, fetchCard, fetchOutline, type DistrictCard } from './card_api';
import { drawCardMap } from './card_map';
import { el, section } from './dom';
import { fromPoint, renderPlaces } from './places';
import { renderPrint, type PrintFormat } from './print';
import { renderReportLinks } from './reports_link';
import { renderSafety } from './safety';
import { renderTeam } from './team';

declare global {
  interface Window {
    __okrsekDistrict?: { ready: Promise<void> };
  }
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from district.html`);
  return node as T;
}

const ui = {
  langSwitch: byId<HTMLButtonElement>('lang-switch'),
  langSwitchText: byId<HTMLSpanElement>('lang-switch-text'),
  status: byId<HTMLDivElement>('district-status'),
  card: byId<HTMLElement>('district-card'),
};

let card: DistrictCard | null = null;
let outline: GeoJSON.Feature | null = null;
let failure: string | null = null;

function printFormat(): PrintFormat | null {
  if (!/\/print\/?$/.test(window.location.pathname)) return null;
  const format = new URLSearchParams(window.location.search).get('format');
  return format === 'leaflet' ? 'leaflet' : 'card';
}

function pageUrl(id: number): string {
  return new URL(`/districts/${id}`, window.location.href).toString();
}

function header(c: DistrictCard): HTMLElement {
  const head = el('header', 'district-head');
  head.append(el('p', 'district-kicker', t('district.kicker')));
  const h1 = el('h1', 'district-name', c.district.name);
  h1.id = 'district-heading';
  head.append(h1);
  const where = [c.city_part?.name, c.municipality.name].filter((x): x is string => Boolean(x));
  if (where.length) head.append(el('p', 'district-where', where.join(' · ')));
  return head;
}

function contactUs(c: DistrictCard): HTMLElement {
  const { root, body } = section('contact', t('district.contact.heading'));
  body.append(el('p', 'card-text', t('district.contact.text')));
  const emails = c.team.map((m) => m.contact.email).filter((e): e is string => Boolean(e));
  if (emails.length) {
    const write = el('a', 'btn btn-primary', t('district.contact.writeAll'));
    write.href = `mailto:${emails.join(',')}`;
    body.append(write);
  }
  body.append(el('p', 'card-text card-note', t('district.contact.notEmergency')));
  return root;
}

function tools(c: DistrictCard): HTMLElement {
  const box = el('nav', 'card-tools');
  box.setAttribute('aria-label', t('district.tools.label'));
  const print = el('button', 'btn btn-ghost', t('district.tools.print'));
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  const share = el('button', 'btn btn-ghost', t('district.tools.share'));
  share.type = 'button';
  const message = el('span', 'card-tools-message');
  message.setAttribute('role', 'status');
  share.addEventListener('click', () => {
    navigator.clipboard
      .writeText(pageUrl(c.district.id))
      .then(() => (message.textContent = t('result.shareDone')))
      .catch(() => (message.textContent = t('result.shareFailed')));
  });
  const vizitka = el('a', 'btn btn-ghost', t('district.tools.businessCard'));
  vizitka.href = `/districts/${c.district.id}/print?format=card&lang=${lang()}`;
  const leaflet = el('a', 'btn btn-ghost', t('district.tools.leaflet'));
  leaflet.href = `/districts/${c.district.id}/print?format=leaflet&lang=${lang()}`;
  box.append(print, share, vizitka, leaflet, message);
  return box;
}

function render(): void {
  ui.langSwitchText.textContent = t('lang.switch.label');
  ui.langSwitchText.lang = t('lang.switch.lang');
  if (failure) {
    ui.card.hidden = true;
    ui.status.className = 'district-status is-error';
    ui.status.textContent = t(failure === 'not_found' ? 'district.error.notFound' : 'district.error.load');
    document.title = t('meta.title');
    return;
  }
  if (!card) {
    ui.status.textContent = t('district.loading');
    return;
  }
  ui.status.textContent = '';
  ui.status.className = 'district-status';
  document.title = t('district.meta.title', { name: card.district.name });
  const format = printFormat();
  if (format) {
    document.body.classList.add('print-layout');
    ui.card.replaceChildren(renderPrint(card, format, pageUrl(card.district.id)));
    ui.card.hidden = false;
    return;
  }
  const mapBox = el('div', 'card-map');
  mapBox.id = 'card-map';
  ui.card.setAttribute('aria-labelledby', 'district-heading');
  ui.card.replaceChildren(
    header(card),
    tools(card),
    renderTeam(card.team),
    contactUs(card),
    renderReportLinks(card.district.id, fromPoint(window.location.hash)),
    renderSafety(card.district.id, card.municipality.code),
    renderPlaces(card.places, card.nearest_stations, mapBox, fromPoint(window.location.hash)),
    renderPriorities(card.priorities),
    renderEvents(card.district.id, card.events),
  );
  ui.card.hidden = false;
  void drawCardMap(mapBox, outline, [...card.places, ...card.nearest_stations]);
}

async function start(): Promise<void> {
  const search = new URLSearchParams(window.location.search);
  onLangChange(render);
  setLang(initialLang(search), search.has('lang'));
  ui.langSwitch.addEventListener('click', () => setLang(lang() === 'cs' ? 'en' : 'cs', true));
  const id = districtIdFromPath(window.location.pathname);
  if (id === null) {
    failure = 'not_found';
    render();
    return;
  }
  try {
    const [loaded, shape] = await Promise.all([fetchCard(id), fetchOutline(id).catch(() => null)]);
    card = loaded;
    outline = shape;
  } catch (err) {
    failure = err instanceof ApiError && err.status === 404 ? 'not_found' : 'load';
    if (!(err instanceof ApiError)) console.error(err);
  }
  render();
}

window.__okrsekDistrict = { ready: start() };
