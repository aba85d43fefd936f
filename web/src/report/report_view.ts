// One report as the public (or its reporter) sees it: state in words, the level of the
// escalation chain and who answers there, the deadlines, the text, photos and public history.
import { hasKey, t, type MessageKey } from '../i18n';
import { el, paragraphs } from '../district/dom';
import type { PublicReport, ReportUpdate } from './api';
import { dateTime, dayDate, levelText, pageHref, stateDetail, stateName, stateText } from './labels';

function row(list: HTMLElement, key: MessageKey, value: string | Node, className = ''): void {
  const dt = el('dt', '', t(key));
  const dd = el('dd', className);
  dd.append(value);
  list.append(dt, dd);
}

function authorText(update: ReportUpdate): string {
  if (update.author_name) return update.author_name;
  if (update.author_kind === 'citizen') return t('report.history.citizen');
  if (update.author_kind === 'staff') return t('report.history.staff');
  return t('report.history.system');
}

function updateHeadline(update: ReportUpdate): string {
  if (update.kind === 'escalated' && update.level !== null) return t('report.history.escalated', { level: update.level });
  const key = `report.history.kind.${update.kind}`;
  if (update.kind !== 'state' && hasKey(key)) return t(key);
  return update.to_state ? t('report.history.stateChange', { state: stateName(update.to_state) }) : '';
}

export function renderHistory(updates: ReportUpdate[]): HTMLElement {
  const box = el('section', 'report-history');
  box.setAttribute('aria-labelledby', 'report-history-heading');
  const h2 = el('h2', 'report-section-heading', t('report.history.heading'));
  h2.id = 'report-history-heading';
  box.append(h2);
  if (!updates.length) {
    box.append(el('p', 'report-muted', t('report.history.empty')));
    return box;
  }
  const list = el('ol', 'report-history-list');
  for (const update of updates) {
    const li = el('li', `report-update report-update-${update.author_kind}`);
    li.dataset.kind = update.kind;
    const head = el('p', 'report-update-head');
    const when = el('time', 'report-update-time', dateTime(update.created_at));
    when.dateTime = update.created_at;
    head.append(when, ' · ', el('strong', 'report-update-author', authorText(update)));
    const headline = updateHeadline(update);
    if (headline) head.append(' · ', el('span', 'report-update-what', headline));
    li.append(head);
    if (update.body) li.append(paragraphs(update.body, 'report-update-body'));
    list.append(li);
  }
  box.append(list);
  return box;
}

function photos(report: PublicReport, shown: boolean): HTMLElement | null {
  if (!report.photos?.length) return null;
  if (!shown) {
    // The server serves photos of public reports only.
    const note = el('p', 'report-muted', t('report.photo.pending', { count: report.photos.length }));
    note.id = 'report-photos-pending';
    return note;
  }
  const list = el('ul', 'report-photos');
  report.photos.forEach((photo, i) => {
    const li = el('li');
    const a = el('a');
    a.href = photo.url;
    const img = el('img');
    img.src = photo.thumb_url || photo.url;
    img.alt = t('report.photo.alt', { n: i + 1 });
    img.loading = 'lazy';
    a.append(img);
    li.append(a);
    list.append(li);
  });
  return list;
}

/** The report's heading, state box, facts, text and photos (history separately).
 * `photosShown`: false while the report is not public (its photos are not served yet). */
export function renderReport(report: PublicReport, photosShown = true, headingId = 'report-heading'): HTMLElement {
  const box = el('article', 'report-card');
  box.setAttribute('aria-labelledby', headingId);
  const h1 = el('h1', 'report-title', t('report.view.title', { id: report.id, category: report.category_name }));
  h1.id = headingId;
  box.append(h1);

  const state = el('div', 'report-state');
  state.dataset.state = report.state;
  const stateLine = el('p', 'report-state-line');
  stateLine.append(el('span', 'report-state-label', t('report.view.state')), ' ');
  const stateValue = el('strong', 'report-state-value', stateText(report));
  stateValue.id = 'report-state';
  stateLine.append(stateValue);
  state.append(stateLine);
  const detail = stateDetail(report);
  if (detail) state.append(el('p', 'report-state-detail', detail));
  if (report.state === 'resolved' && !report.fixed_confirmed) state.append(el('p', 'report-state-note', t('report.state.resolvedNote')));
  if (report.overdue) state.append(el('p', 'report-overdue', t('report.view.overdue')));
  box.append(state);

  const facts = el('dl', 'report-facts');
  const level = el('span', '', levelText(report));
  level.id = 'report-level';
  level.dataset.level = String(report.level);
  row(facts, 'report.view.level', level);
  const owner = el('span', '', report.owner_name ?? t('report.view.noOwner'));
  owner.id = 'report-owner';
  row(facts, 'report.view.owner', owner);
  if (report.district_id !== null) {
    const a = el('a', '', report.district_name ?? String(report.district_id));
    a.href = pageHref(`district=${report.district_id}`);
    row(facts, 'report.view.district', a);
  }
  if (report.address_text) row(facts, 'report.view.place', report.address_text);
  row(facts, 'report.view.created', dateTime(report.created_at));
  if (report.first_response_due) row(facts, 'report.view.firstResponseDue', dayDate(report.first_response_due));
  if (report.resolution_due) row(facts, 'report.view.resolutionDue', dayDate(report.resolution_due));
  if (report.level_due && report.level > 0) row(facts, 'report.view.levelDue', dayDate(report.level_due));
  if (report.reporter_name) row(facts, 'report.view.reporter', report.reporter_name);
  box.append(facts);

  const text = el('section', 'report-text');
  text.setAttribute('aria-label', t('report.view.description'));
  text.append(paragraphs(report.description, 'report-description'));
  const pics = photos(report, photosShown);
  if (pics) text.append(pics);
  box.append(text);
  return box;
}
