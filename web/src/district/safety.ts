// The district card's safety summary (issue 7): recorded offences in the district over the
// last 12 months with data, the change against the year before, the rate per 1,000 residents
// next to the town's, the top categories, and a link to the Statistiky page for the district.
// Figures come published (small counts hidden); the section fills itself when they arrive.
import '../styles/statistics.css';
import { ApiError } from '../api';
import { lang, t } from '../i18n';
import { fetchDistrictSummary, type DistrictSummary } from '../statistics/api';
import { fmtChange, fmtCount, fmtPeriod, fmtRate, hiddenReason } from '../statistics/format';
import { el, section } from './dom';

const answers = new Map<number, Promise<DistrictSummary | null>>();

function summary(id: number): Promise<DistrictSummary | null> {
  let pending = answers.get(id);
  if (!pending) {
    pending = fetchDistrictSummary(id).catch((err) => {
      if (!(err instanceof ApiError)) console.error(err);
      return null;
    });
    answers.set(id, pending);
  }
  return pending;
}

function figure(label: string, value: string, id: string): HTMLElement {
  const box = el('div', 'safety-figure');
  const dt = el('dt', undefined, label);
  const dd = el('dd', undefined, value);
  dd.id = id;
  box.append(dt, dd);
  return box;
}

function fill(body: HTMLElement, s: DistrictSummary, period: { from: string; to: string }, town: number): void {
  body.replaceChildren();
  body.append(el('p', 'card-text', t('district.safety.period', { period: fmtPeriod(period) })));
  const figures = el('dl', 'safety-figures');
  figures.append(figure(t('district.safety.total'), s.total === null ? hiddenReason(s.total_status) : fmtCount(s.total), 'safety-total'));
  if (s.change_percent !== null) figures.append(figure(t('district.safety.change'), fmtChange(s.change_percent), 'safety-change'));
  if (s.rate_per_1000 !== null) figures.append(figure(t('district.safety.rate'), fmtRate(s.rate_per_1000), 'safety-rate'));
  if (s.town_rate_per_1000 !== null) figures.append(figure(t('district.safety.townRate'), fmtRate(s.town_rate_per_1000), 'safety-town-rate'));
  figures.append(figure(t('district.safety.reports'), fmtCount(s.reports.count), 'safety-reports'));
  body.append(figures);
  if (s.rate_per_1000 !== null && s.town_rate_per_1000) {
    const ratio = s.rate_per_1000 / s.town_rate_per_1000;
    const key = ratio > 1.1 ? 'district.safety.higher' : ratio < 0.9 ? 'district.safety.lower' : 'district.safety.similar';
    body.append(el('p', 'card-text', t(key)));
  }
  if (s.top_categories.length) {
    body.append(el('h3', 'card-subheading', t('district.safety.top')));
    const list = el('ol', 'safety-top');
    for (const c of s.top_categories) {
      list.append(el('li', undefined, `${c.name}: ${c.count === null ? hiddenReason(c.status) : fmtCount(c.count)}`));
    }
    body.append(list);
  }
  body.append(el('p', 'card-text card-note', t('district.safety.note')));
  const link = el('a', 'btn btn-ghost', t('district.safety.link'));
  const query = new URLSearchParams({ town: String(town), level: 'district', area: String(s.district.id) });
  if (lang() !== 'cs') query.set('lang', lang());
  link.href = `/statistics.html?${query.toString()}`;
  link.id = 'district-statistics-link';
  body.append(el('p', 'card-report-actions'));
  body.lastElementChild?.append(link);
}

/** The section, empty at first; filled (or removed, without statistics) when the answer comes. */
export function renderSafety(districtId: number, town: number): HTMLElement {
  const { root, body } = section('safety', t('district.safety.heading'));
  body.setAttribute('aria-busy', 'true');
  body.append(el('p', 'card-text', t('district.loading')));
  void summary(districtId).then((s) => {
    body.removeAttribute('aria-busy');
    if (!s || !s.period) {
      root.remove();
      return;
    }
    fill(body, s, s.period, town);
    root.dataset.ready = 'true';
  });
  return root;
}
