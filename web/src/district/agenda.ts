// Priorities (what the community raised, what was done, did it work) and public meetings.
import { formatDate, lang, t, type MessageKey } from '../i18n';
import { calendarUrl, type MeetingEvent, type Priority } from './card_api';
import { el, paragraphs, section } from './dom';

function statusLabel(prefix: string, status: string): string {
  const key = `${prefix}.${status}` as MessageKey;
  const text = t(key);
  return text === key ? status : text;
}

function priorityItem(priority: Priority): HTMLElement {
  const li = el('li', 'priority');
  li.dataset.status = priority.status;
  const head = el('div', 'priority-head');
  head.append(el('h3', 'priority-title', priority.title));
  head.append(el('span', `badge badge-${priority.status.replace(/[^a-z_]/g, '')}`, statusLabel('district.priority.status', priority.status)));
  li.append(head);
  if (priority.raised_on) li.append(el('p', 'priority-date', t('district.priority.raised', { date: formatDate(priority.raised_on) })));
  if (priority.description) li.append(paragraphs(priority.description, 'priority-text'));
  if (priority.action_taken) {
    li.append(el('h4', 'contact-heading', t('district.priority.action')), paragraphs(priority.action_taken, 'priority-text'));
  }
  if (priority.evaluation) {
    const box = el('div', `priority-evaluation outcome-${priority.evaluation.outcome.replace(/[^a-z_]/g, '')}`);
    box.append(el('h4', 'contact-heading', t('district.priority.evaluation')));
    box.append(el('p', 'priority-outcome', statusLabel('district.priority.outcome', priority.evaluation.outcome)));
    if (priority.evaluation.text) box.append(paragraphs(priority.evaluation.text, 'priority-text'));
    li.append(box);
  }
  return li;
}

function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang() === 'cs' ? 'cs-CZ' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Prague',
  }).format(date);
}

function eventItem(event: MeetingEvent): HTMLElement {
  const li = el('li', 'meeting');
  li.dataset.status = event.status;
  const time = el('time', 'meeting-time', dateTime(event.starts_at));
  time.dateTime = event.starts_at;
  li.append(time, el('h3', 'meeting-title', event.title));
  if (event.status === 'cancelled') {
    li.append(el('p', 'meeting-cancelled', t('district.events.cancelled') + (event.cancel_reason ? ` ${event.cancel_reason}` : '')));
  }
  const where = [event.place_name, event.address].filter(Boolean).join(', ');
  if (where) li.append(el('p', 'meeting-place', where));
  if (event.agenda) li.append(el('h4', 'contact-heading', t('district.events.agenda')), paragraphs(event.agenda, 'meeting-agenda'));
  return li;
}

export function renderPriorities(priorities: Priority[]): HTMLElement {
  const { root, body } = section('priorities', t('district.priorities.heading'));
  body.append(el('p', 'card-lead', t('district.priorities.lead')));
  if (!priorities.length) {
    body.append(el('p', 'card-empty', t('district.priorities.none')));
    return root;
  }
  const list = el('ul', 'priority-list');
  for (const p of priorities) list.append(priorityItem(p));
  body.append(list);
  return root;
}

export function renderEvents(districtId: number, events: MeetingEvent[]): HTMLElement {
  const { root, body } = section('events', t('district.events.heading'));
  if (!events.length) {
    body.append(el('p', 'card-empty', t('district.events.none')));
  } else {
    const list = el('ul', 'meeting-list');
    for (const e of events) list.append(eventItem(e));
    body.append(list);
  }
  const subscribe = el('a', 'btn btn-secondary calendar-link', t('district.events.subscribe'));
  subscribe.href = calendarUrl(districtId);
  subscribe.setAttribute('download', `okrsek-${districtId}.ics`);
  body.append(subscribe);
  return root;
}
