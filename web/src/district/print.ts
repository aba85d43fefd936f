// Printable paper channel: a business card (vizitka, 85 × 55 mm, ten to an A4 sheet) and an A5
// leaflet, each with a QR code (made by the server with libqrencode) linking to the card page.
import { lang, t } from '../i18n';
import { officeHoursText, qrUrl, type DistrictCard, type TeamMember } from './card_api';
import { el } from './dom';

export type PrintFormat = 'card' | 'leaflet';

function qr(card: DistrictCard, size: string): HTMLImageElement {
  const img = el('img', 'print-qr');
  img.src = qrUrl(card.district.id);
  img.alt = t('district.print.qrAlt');
  img.style.width = size;
  img.style.height = size;
  return img;
}

function roleName(member: TeamMember): string {
  return member.role.name[lang()] || member.role.name.cs;
}

function businessCard(card: DistrictCard, url: string): HTMLElement {
  const box = el('div', 'vizitka');
  const text = el('div', 'vizitka-text');
  text.append(el('p', 'vizitka-kicker', t('district.kicker')));
  text.append(el('p', 'vizitka-name', card.district.name));
  for (const member of card.team) {
    const line = el('p', 'vizitka-member');
    line.append(el('strong', undefined, member.holder?.name ?? t('district.team.vacant')));
    line.append(document.createTextNode(` · ${roleName(member)}`));
    const phone = member.contact.phone ?? member.holder?.phone;
    if (phone) line.append(el('br'), document.createTextNode(phone));
    text.append(line);
  }
  text.append(el('p', 'vizitka-url', url.replace(/^https?:\/\//, '')));
  text.append(el('p', 'vizitka-emergency', t('district.print.emergency')));
  box.append(text, qr(card, '22mm'));
  return box;
}

function leaflet(card: DistrictCard, url: string): HTMLElement {
  const page = el('div', 'leaflet');
  page.append(el('p', 'leaflet-kicker', t('district.kicker')));
  page.append(el('h1', 'leaflet-title', card.district.name));
  const where = [card.city_part?.name, card.municipality.name].filter(Boolean).join(' · ');
  if (where) page.append(el('p', 'leaflet-where', where));
  page.append(el('p', 'leaflet-lead', t('district.print.leafletLead')));
  const team = el('ul', 'leaflet-team');
  for (const member of card.team) {
    const li = el('li');
    li.append(el('p', 'leaflet-role', roleName(member)));
    li.append(el('p', 'leaflet-person', member.holder?.name ?? t('district.team.vacant')));
    const contacts = [member.contact.phone, member.contact.email].filter(Boolean).join(' · ');
    if (contacts) li.append(el('p', 'leaflet-contact', contacts));
    const hours = member.holder ? officeHoursText(member.holder.office_hours, member.holder.office_hours_note) : '';
    if (hours) li.append(el('p', 'leaflet-hours', hours));
    team.append(li);
  }
  page.append(team);
  const station = card.places[0] ?? card.nearest_stations[0];
  if (station) {
    page.append(el('h2', 'leaflet-heading', t('district.print.station')));
    page.append(el('p', 'leaflet-station', [station.name, station.address].filter(Boolean).join(', ')));
    if (station.opening_hours) page.append(el('p', 'leaflet-hours', station.opening_hours));
  }
  const foot = el('div', 'leaflet-foot');
  const more = el('div', 'leaflet-more');
  more.append(el('p', undefined, t('district.print.scan')), el('p', 'leaflet-url', url.replace(/^https?:\/\//, '')));
  foot.append(qr(card, '32mm'), more);
  page.append(foot);
  page.append(el('p', 'leaflet-emergency', t('district.print.emergency')));
  return page;
}

export function renderPrint(card: DistrictCard, format: PrintFormat, url: string): HTMLElement {
  const root = el('div', `print-sheet print-${format}`);
  const bar = el('div', 'print-bar');
  const print = el('button', 'btn btn-primary', t('district.tools.print'));
  print.type = 'button';
  print.addEventListener('click', () => window.print());
  const back = el('a', 'btn btn-ghost', t('district.print.back'));
  back.href = `/districts/${card.district.id}${lang() === 'cs' ? '' : '?lang=' + lang()}`;
  bar.append(print, back, el('p', 'print-hint', t(format === 'card' ? 'district.print.cardHint' : 'district.print.leafletHint')));
  root.append(bar);
  if (format === 'card') {
    const sheet = el('div', 'vizitka-sheet');
    for (let i = 0; i < 10; i++) sheet.append(businessCard(card, url));
    root.append(sheet);
  } else {
    root.append(leaflet(card, url));
  }
  return root;
}
