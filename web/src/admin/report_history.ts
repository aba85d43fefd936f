// A report's whole history, oldest first: public updates as the reporter sees them, internal
// notes set apart (a badge and a frame) so that no one mistakes them for public text.
import type { ReportUpdate } from './api_reports';
import { h, time } from './dom';
import { stateKey, updateKindKey } from './report_labels';

export function historyCard(updates: ReportUpdate[]): HTMLElement {
  const items = updates.map((u) =>
    h(
      'li',
      { class: `report-update${u.public ? '' : ' report-update-internal'}`, 'data-kind': u.kind, 'data-public': String(u.public) },
      h(
        'p',
        { class: 'report-update-head' },
        time(u.created_at),
        ' · ',
        h('span', { class: 'report-update-kind', t: updateKindKey(u.kind) }),
        u.author_name ? h('span', { class: 'report-update-author' }, ` · ${u.author_name}`) : null,
        u.public ? null : h('span', { class: 'badge badge-internal', t: 'admin.reports.internal' }),
      ),
      u.from_state || u.to_state
        ? h(
            'p',
            { class: 'report-update-states' },
            u.from_state ? h('span', { t: stateKey(u.from_state) }) : null,
            u.from_state && u.to_state ? ' → ' : null,
            u.to_state ? h('span', { t: stateKey(u.to_state) }) : null,
          )
        : null,
      u.level !== null && u.kind === 'escalated' ? h('p', { t: 'admin.reports.level.short', params: { level: u.level } }) : null,
      u.body ? h('p', { class: 'report-update-body pre-line' }, u.body) : null,
    ),
  );
  return h(
    'section',
    { class: 'admin-card report-card', 'aria-labelledby': 'report-history-title' },
    h('h2', { class: 'admin-card-title', id: 'report-history-title', t: 'admin.reports.history.heading' }),
    items.length ? h('ol', { class: 'report-history', id: 'report-history' }, ...items) : h('p', { class: 'muted', t: 'admin.reports.history.none' }),
  );
}
