// Bulk actions on the inbox's selected reports (POST admin/reports/bulk): acknowledge, start,
// close as a duplicate of another report, assign to me. Each report goes with the version the
// list read; the answer says per report whether it worked, and why not (changed meanwhile,
// not allowed, not possible in its state), shown as a list under the bar.
import { SessionExpired } from './api';
import { reportsApi, type BulkResult, type ReportActionInput, type StaffRow } from './api_reports';
import type { Ctx } from './context';
import { h, setText } from './dom';
import { busy, MessageBox, showFailure } from './forms';
import { bulkErrorKey } from './report_labels';

const ACTIONS = ['acknowledge', 'start', 'close_duplicate', 'assign_me'] as const;
type BulkAction = (typeof ACTIONS)[number];

export interface BulkBar {
  root: HTMLElement;
  /** The selection changed: update the count and the button. */
  refresh(): void;
}

export function bulkBar(ctx: Ctx, selected: () => StaffRow[], done: (results: BulkResult[]) => void): BulkBar {
  const message = new MessageBox();
  const count = h('p', { class: 'reports-bulk-count', id: 'reports-bulk-count', 'aria-live': 'polite' });
  const action = h('select', { id: 'reports-bulk-action', name: 'reports-bulk-action' }, ...ACTIONS.map((a) => h('option', { value: a, t: `admin.reports.bulk.${a}` as const })));
  const duplicate = h('input', { type: 'text', id: 'reports-bulk-duplicate', inputmode: 'numeric', pattern: '[0-9]*', autocomplete: 'off', maxlength: 15 });
  const duplicateField = h('div', { class: 'field', hidden: true }, h('label', { for: 'reports-bulk-duplicate', t: 'admin.reports.bulk.duplicate_of' }), duplicate);
  const apply = h('button', { type: 'submit', class: 'btn btn-primary', id: 'reports-bulk-apply', t: 'admin.reports.bulk.apply' });
  const results = h('ul', { class: 'reports-bulk-results plain-list', id: 'reports-bulk-results', hidden: true });

  action.addEventListener('change', () => {
    duplicateField.hidden = action.value !== 'close_duplicate';
  });

  function input(kind: BulkAction): ReportActionInput | null {
    if (kind === 'assign_me') return { action: 'reassign', owner_user_id: ctx.me()?.user.id };
    if (kind === 'close_duplicate') {
      if (!/^\d{1,15}$/.test(duplicate.value.trim())) return null;
      return { action: 'close_duplicate', duplicate_of: Number(duplicate.value.trim()) };
    }
    return { action: kind };
  }

  const form = h(
    'form',
    { class: 'reports-bulk', id: 'reports-bulk', tAttr: { 'aria-label': 'admin.reports.bulk.label' } },
    count,
    h('div', { class: 'field' }, h('label', { for: 'reports-bulk-action', t: 'admin.reports.bulk.action' }), action),
    duplicateField,
    apply,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const rows = selected();
    if (rows.length === 0) {
      message.error('admin.reports.bulk.none');
      return;
    }
    const what = input(action.value as BulkAction);
    if (!what) {
      duplicate.setAttribute('aria-invalid', 'true');
      message.error('admin.reports.bulk.duplicate_missing');
      duplicate.focus();
      return;
    }
    duplicate.removeAttribute('aria-invalid');
    void busy(apply, async () => {
      try {
        const answer = await reportsApi(ctx.api).bulk(rows.map((r) => ({ id: r.id, version: r.version, ...what })));
        show(answer);
        done(answer);
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message);
      }
    });
  });

  function show(answer: BulkResult[]): void {
    const ok = answer.filter((r) => r.ok).length;
    if (ok === answer.length) message.ok('admin.reports.bulk.done', { count: ok });
    else message.error('admin.reports.bulk.partly', { ok, total: answer.length });
    results.replaceChildren(
      ...answer.map((r) =>
        h(
          'li',
          { class: r.ok ? 'bulk-ok' : 'bulk-failed', 'data-report': r.id, 'data-ok': String(r.ok) },
          h('a', { href: `#/reports/${r.id}` }, `#${r.id}`),
          ': ',
          h('span', { t: r.ok ? 'admin.reports.bulk.row_ok' : bulkErrorKey(r.error) }),
        ),
      ),
    );
    results.hidden = answer.length === 0;
  }

  function refresh(): void {
    const n = selected().length;
    setText(count, 'admin.reports.bulk.selected', { count: n });
  }
  refresh();
  return { root: h('div', { class: 'admin-card reports-bulk-card' }, form, message.el, results), refresh };
}
