// The audit log, newest first, with filters and "older" paging (next_before_id).
import { hasKey } from '../i18n';
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h, setText, time } from './dom';
import { busy, inputField, MessageBox, selectField, showFailure } from './forms';
import { card, dataTable, pageHeading } from './layout';
import type { AuditEntry } from './types';

const PAGE_SIZE = 50;

/** "2025-03-01T14:30" (a datetime-local value in the browser's time) → "2025-03-01T13:30:00Z". */
export function toUtcIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 19) + 'Z';
}

export function auditView(ctx: Ctx): View {
  const heading = pageHeading('admin.audit.heading', 'admin.audit.intro');
  const message = new MessageBox();
  const count = h('p', { class: 'hint', id: 'audit-count', role: 'status' });
  const list = h('div', {});
  const older = h('button', { type: 'button', class: 'btn btn-secondary', id: 'audit-older', t: 'admin.audit.older', hidden: true });
  let entries: AuditEntry[] = [];
  let nextBefore: number | null = null;

  const action = inputField('audit-action', 'admin.audit.action', { hint: 'admin.audit.action.hint', attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const actorKind = selectField('audit-actor-kind', 'admin.audit.actor_kind', [
    { value: '', t: 'admin.audit.any' },
    ...(['user', 'token', 'system', 'cli'] as const).map((k) => ({ value: k, t: `admin.audit.actor.${k}` as const })),
  ]);
  const actorId = inputField('audit-actor-id', 'admin.audit.actor_id', { attrs: { inputmode: 'numeric', autocomplete: 'off' } });
  const objectType = inputField('audit-object-type', 'admin.audit.object_type', { attrs: { autocomplete: 'off', spellcheck: 'false' } });
  const objectId = inputField('audit-object-id', 'admin.audit.object_id', { attrs: { autocomplete: 'off' } });
  const from = inputField('audit-from', 'admin.audit.from', { attrs: { type: 'datetime-local' } });
  const until = inputField('audit-until', 'admin.audit.until', { attrs: { type: 'datetime-local' } });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'audit-submit', t: 'admin.audit.show' });
  const reset = h('button', { type: 'reset', class: 'btn btn-ghost', t: 'admin.audit.reset' });
  const filters = h(
    'form',
    { class: 'admin-form', role: 'search', novalidate: true, id: 'audit-filters', tAttr: { 'aria-label': 'admin.audit.filters' } },
    h('div', { class: 'form-grid form-grid-wide' }, action.root, actorKind.root, actorId.root, objectType.root, objectId.root, from.root, until.root),
    h('div', { class: 'admin-actions' }, submit, reset),
  );

  function query(before?: number): Record<string, string | number | undefined> {
    return {
      action: action.value(),
      actor_kind: actorKind.control.value,
      actor_id: actorId.value(),
      object_type: objectType.value(),
      object_id: objectId.value(),
      from: toUtcIso(from.control.value),
      until: toUtcIso(until.control.value),
      before_id: before,
      limit: PAGE_SIZE,
    };
  }

  function render(): void {
    setText(count, 'admin.audit.count', { count: entries.length });
    list.replaceChildren(entries.length ? auditTable(entries) : h('p', { class: 'muted', t: 'admin.audit.none' }));
    older.hidden = nextBefore === null;
  }

  async function load(more: boolean, button: HTMLButtonElement): Promise<void> {
    message.clear();
    list.setAttribute('aria-busy', 'true');
    await busy(button, async () => {
      try {
        const page = await ctx.api.audit(query(more ? (nextBefore ?? undefined) : undefined));
        entries = more ? [...entries, ...page.entries] : page.entries;
        nextBefore = page.next_before_id;
        render();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { action, actor_kind: actorKind, actor_id: actorId, object_type: objectType, object_id: objectId, from, until });
      }
    });
    list.removeAttribute('aria-busy');
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(false, submit);
  });
  filters.addEventListener('reset', () => setTimeout(() => void load(false, submit)));
  older.addEventListener('click', () => void load(true, older));
  void load(false, submit);

  const root = h(
    'div',
    { class: 'admin-page' },
    heading,
    card('admin.audit.filters', { id: 'audit-filter-card' }, filters),
    card('admin.audit.entries', { id: 'audit-entries' }, message.el, count, list, h('div', { class: 'admin-actions' }, older)),
  );
  return { name: 'audit', root, focus: heading.querySelector('h1') ?? undefined };
}

function actor(entry: AuditEntry): HTMLElement {
  const key = `admin.audit.actor.${entry.actor_kind}`;
  const kind = hasKey(key) ? h('span', { t: key }) : h('span', {}, entry.actor_kind);
  if (entry.actor_id === null || entry.actor_id === undefined) return kind;
  const id = entry.actor_kind === 'user' ? h('a', { href: `#/users/${entry.actor_id}` }, `#${entry.actor_id}`) : h('span', {}, `#${entry.actor_id}`);
  return h('span', {}, kind, ' ', id);
}

function details(entry: AuditEntry): HTMLElement | string {
  const hasDetails = entry.details && typeof entry.details === 'object' && Object.keys(entry.details).length > 0;
  if (!hasDetails) return '';
  return h('details', { class: 'admin-details compact' }, h('summary', { t: 'admin.audit.details' }), h('pre', { class: 'json' }, JSON.stringify(entry.details, null, 2)));
}

function auditTable(entries: AuditEntry[]): HTMLElement {
  return dataTable(
    'admin.audit.entries',
    [
      { key: 'admin.audit.time' },
      { key: 'admin.audit.actor' },
      { key: 'admin.audit.action' },
      { key: 'admin.audit.object' },
      { key: 'admin.audit.address' },
      { key: 'admin.field.reason' },
      { key: 'admin.audit.details' },
    ],
    entries.map((e) => [
      time(e.occurred_at),
      actor(e),
      h('code', { class: 'audit-action' }, e.action),
      e.object_type ? h('span', {}, h('code', {}, e.object_type), e.object_id !== null && e.object_id !== undefined ? ` #${e.object_id}` : '') : '',
      e.client_address ?? '',
      e.reason ?? '',
      details(e),
    ]),
    { id: 'audit-table' },
  );
}
