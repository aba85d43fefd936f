// The card's way to citizen reports (report.html): report a problem here, the district's
// public reports, and their RSS feed.
import { lang, t } from '../i18n';
import { el, section } from './dom';

/** `from` is the address point of the card's fragment, when the visitor came from a search. */
export function renderReportLinks(districtId: number, from: { lat: number; lon: number } | null): HTMLElement {
  const { root, body } = section('reports', t('report.link.heading'));
  body.append(el('p', 'card-text', t('report.link.text')));
  const query = lang() === 'cs' ? '' : `?lang=${lang()}`;
  const point = from ? `&lon=${from.lon}&lat=${from.lat}` : '&lon=&lat=';
  const report = el('a', 'btn btn-primary', t('report.link.district'));
  report.href = `/report.html${query}#district=${districtId}${point}`;
  report.id = 'district-report-link';
  const list = el('a', 'btn btn-ghost', t('report.link.districtReports'));
  list.href = `/report.html${query}#district=${districtId}`;
  list.id = 'district-reports-link';
  const rss = el('a', 'card-rss', t('report.link.rss'));
  rss.href = `/api/v1/districts/${districtId}/reports.rss`;
  rss.type = 'application/rss+xml';
  const actions = el('p', 'card-report-actions');
  actions.append(report, ' ', list);
  body.append(actions, el('p', 'card-text'));
  body.lastElementChild?.append(rss);
  return root;
}
