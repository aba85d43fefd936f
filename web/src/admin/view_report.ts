// One citizen report in the back office (#/reports/{id}): the original and the public text, the
// extra fields, photos, the place on a map, the facts (district, owner, deadlines), the full
// history with internal notes set apart, and, as the server allows this user (can_handle,
// can_escalate, can_reveal_contact), the actions: state (allowed next states only), public
// answer with templates, internal note, moderation, reassign, recategorise, move, escalate,
// reveal contact. Every action carries the version read; a 409 explains the conflict.
import '../styles/admin-reports.css';
import { hasKey, lang, type MessageKey } from '../i18n';
import { AdminApiError, SessionExpired } from './api';
import { reportsApi, type AnswerTemplate, type ReportCategory, type StaffReport } from './api_reports';
import type { Ctx, View } from './context';
import { focus, h, setText, time } from './dom';
import { errorMessage } from './forms';
import { facts } from './layout';
import { conflictNotice, doneKey, makeActor } from './report_act';
import { answerCard, noteCard } from './report_answer';
import { contactCard } from './report_contact';
import { historyCard } from './report_history';
import { flagBadges, inboxHash, levelBadge, stateBadge } from './report_labels';
import { categoryCard, escalateCard, moderationCard, moveCard, reassignCard } from './report_manage';
import { reportMap } from './report_map';
import { stateCard } from './report_state';

export function reportView(ctx: Ctx, id: number): View {
  const api = reportsApi(ctx.api);
  const title = h('h1', { class: 'admin-title', id: 'report-title', t: 'admin.reports.report.heading', params: { id } });
  const badges = h('p', { class: 'report-badges', id: 'report-badges' });
  const conflict = h('div', { class: 'report-conflict-slot' });
  const body = h('div', { class: 'report-body', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  let categories: ReportCategory[] = [];
  let templates: AnswerTemplate[] = [];
  let extrasLoaded = false;

  async function load(): Promise<void> {
    body.setAttribute('aria-busy', 'true');
    try {
      const report = await api.report(id);
      if (!extrasLoaded) {
        extrasLoaded = true;
        [categories, templates] = await Promise.all([
          api.categories(report.town).catch(() => []),
          report.can_handle ? api.templates(report.town).catch(() => []) : Promise.resolve([]),
        ]);
      }
      conflict.replaceChildren();
      render(report);
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showProblem(err);
    }
    body.removeAttribute('aria-busy');
  }

  function render(report: StaffReport): void {
    setText(title, 'admin.reports.report.heading_category', { id: report.id, category: report.category_name });
    badges.replaceChildren(stateBadge(report.state), levelBadge(report), ...flagBadges(report));
    body.dataset.state = report.state;
    body.dataset.version = String(report.version);
    const actor = makeActor(
      ctx,
      report,
      {
        changed(next, action) {
          render(next);
          ctx.notice(doneKey(action));
          focus(title);
        },
        conflict() {
          conflict.replaceChildren(conflictNotice(() => void load()));
          conflict.scrollIntoView({ block: 'nearest' });
        },
      },
      (input) => api.act(report.id, report.version, input),
    );
    const map = reportMap('report-map', 'admin.reports.map.report_label', report.can_handle ? 'admin.reports.map.move_hint' : 'admin.reports.map.report_hint');
    map.setPoint({ lon: report.lon, lat: report.lat }, report.can_handle);
    const side: Array<HTMLElement | null> = [factsCard(report)];
    if (report.can_handle) {
      side.push(stateCard(actor, templates), answerCard(actor, templates), noteCard(actor), moderationCard(actor), reassignCard(actor), categoryCard(actor, categories));
    }
    if (report.can_escalate && report.level < 4) side.push(escalateCard(actor));
    if (report.can_reveal_contact) side.push(contactCard(ctx, report.id));
    const main = [
      textsCard(report, categories),
      h(
        'section',
        { class: 'admin-card report-card', 'aria-labelledby': 'report-place-title' },
        h('h2', { class: 'admin-card-title', id: 'report-place-title', t: 'admin.reports.place.heading' }),
        report.address_text ? h('p', {}, report.address_text) : null,
        map.root,
        report.can_handle ? moveCard(actor, map) : null,
      ),
      historyCard(report.updates),
    ];
    body.replaceChildren(h('div', { class: 'report-grid' }, h('div', { class: 'report-main' }, ...main), h('div', { class: 'report-side' }, ...side)));
    if (!report.can_handle) body.prepend(h('p', { class: 'hint report-readonly', id: 'report-readonly', t: 'admin.reports.readonly' }));
  }

  function showProblem(err: unknown): void {
    const status = err instanceof AdminApiError ? err.status : 0;
    const key: MessageKey | null = status === 404 ? 'admin.reports.not_found' : status === 403 ? 'admin.reports.not_allowed' : null;
    body.dataset.state = status === 404 ? 'not_found' : status === 403 ? 'not_allowed' : 'failed';
    if (key) {
      body.replaceChildren(h('p', { class: 'inline-message inline-message-error', id: 'report-refused', role: 'alert', t: key }));
      return;
    }
    const [message, params] = errorMessage(err);
    body.replaceChildren(h('p', { class: 'inline-message inline-message-error', role: 'alert', t: message, params }));
  }

  void load();
  const root = h(
    'div',
    { class: 'admin-page report-page', 'data-report': id },
    h('p', { class: 'breadcrumb' }, h('a', { href: inboxHash(), id: 'report-back', t: 'admin.reports.back' })),
    h('header', { class: 'admin-page-head' }, title, badges),
    conflict,
    body,
  );
  return { name: 'report', root, focus: title };
}

function factsCard(report: StaffReport): HTMLElement {
  const pairs: Array<[MessageKey, HTMLElement | string]> = [
    ['admin.reports.fact.district', report.district_name ?? h('span', { class: 'muted', t: 'admin.reports.fact.no_district' })],
    ['admin.reports.owner', report.owner_name ?? h('span', { class: 'muted', t: 'admin.reports.owner.none' })],
    ['admin.reports.fact.created', time(report.created_at)],
    ['admin.reports.fact.first_response_due', time(report.first_response_due)],
    ['admin.reports.fact.resolution_due', time(report.resolution_due)],
  ];
  if (report.level_due) pairs.push(['admin.reports.fact.level_due', time(report.level_due)]);
  if (report.reporter_name) pairs.push(['admin.reports.fact.reporter_name', report.reporter_name]);
  if (report.passed_to) pairs.push(['admin.reports.fact.passed_to', report.passed_to]);
  if (report.duplicate_of) pairs.push(['admin.reports.fact.duplicate_of', h('a', { href: `#/reports/${report.duplicate_of}` }, `#${report.duplicate_of}`)]);
  if (report.state_reason) pairs.push(['admin.reports.fact.state_reason', report.state_reason]);
  if (report.fixed_confirmed) pairs.push(['admin.reports.fact.fixed', h('span', { t: 'admin.reports.fact.fixed_yes' })]);
  return h(
    'section',
    { class: 'admin-card report-card', 'aria-labelledby': 'report-facts-title' },
    h('h2', { class: 'admin-card-title', id: 'report-facts-title', t: 'admin.reports.fact.heading' }),
    facts(pairs),
  );
}

function textsCard(report: StaffReport, categories: ReportCategory[]): HTMLElement {
  const edited = report.public_description !== report.description;
  const card = h(
    'section',
    { class: 'admin-card report-card', 'aria-labelledby': 'report-text-title' },
    h('h2', { class: 'admin-card-title', id: 'report-text-title', t: 'admin.reports.text.heading' }),
    h('h3', { class: 'report-subheading', t: 'admin.reports.text.original' }),
    h('p', { class: 'report-text pre-line', id: 'report-original' }, report.description),
  );
  if (edited) {
    card.append(h('h3', { class: 'report-subheading', t: 'admin.reports.text.public' }), h('p', { class: 'report-text pre-line', id: 'report-public' }, report.public_description));
  }
  const extras = extraFacts(report, categories);
  if (extras) card.append(h('h3', { class: 'report-subheading', t: 'admin.reports.text.extra' }), extras);
  if (report.photos.length) {
    card.append(
      h('h3', { class: 'report-subheading', t: 'admin.reports.photos' }),
      h(
        'ul',
        { class: 'report-photos', id: 'report-photos' },
        ...report.photos.map((photo, i) =>
          h(
            'li',
            {},
            h('a', { href: photo.url, target: '_blank', rel: 'noopener' }, h('img', { src: photo.thumb_url, alt: '', loading: 'lazy', width: 160 }), h('span', { class: 'visually-hidden', t: 'admin.reports.photo', params: { n: i + 1 } })),
          ),
        ),
      ),
    );
  }
  return card;
}

/** The category's extra fields with their labels (the stored key when the category lacks it). */
function extraFacts(report: StaffReport, categories: ReportCategory[]): HTMLElement | null {
  const entries = Object.entries(report.extra).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0) return null;
  const fields = categories.find((c) => c.code === report.category)?.extra_fields ?? [];
  const en = lang() === 'en';
  const dl = h('dl', { class: 'facts', id: 'report-extra' });
  for (const [key, value] of entries) {
    const field = fields.find((f) => f.key === key);
    const label = field ? (en ? field.label_en : field.label_cs) || key : key;
    const raw = String(value);
    const option = field?.options?.find((o) => o.value === raw);
    const tod = `admin.reports.time_of_day.${raw}`;
    const shown: HTMLElement | string = option ? (en ? option.label_en : option.label_cs) || raw : hasKey(tod) ? h('span', { t: tod }) : raw;
    dl.append(h('dt', {}, label), h('dd', {}, shown));
  }
  return dl;
}
