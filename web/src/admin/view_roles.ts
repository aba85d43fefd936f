// The roles: what each allows, where it can be granted, and whether it needs a second factor
// (deployment-wide administrators can change that, with a reason).
import { hasKey } from '../i18n';
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h } from './dom';
import { busy, MessageBox, requireFilled, showFailure, textareaField } from './forms';
import { actionLabel, roleLabel } from './labels';
import { badge, card, dataTable, pageHeading } from './layout';
import type { RoleInfo } from './types';

function isDeploymentAdmin(ctx: Ctx): boolean {
  return ctx.me()?.grants.some((g) => g.role === 'administrator' && g.scope === 'global') ?? false;
}

export function rolesView(ctx: Ctx): View {
  const heading = pageHeading('admin.roles.heading', 'admin.roles.intro');
  const message = new MessageBox();
  const list = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));

  async function load(): Promise<void> {
    try {
      const { roles } = await ctx.api.roles();
      list.replaceChildren(rolesTable(ctx, roles, message, load));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }
  void load();

  const root = h('div', { class: 'admin-page' }, heading, card('admin.roles.list', { id: 'roles-list' }, message.el, list));
  return { name: 'roles', root, focus: heading.querySelector('h1') ?? undefined };
}

function scopeKinds(kinds: string[]): HTMLElement {
  return h('span', {}, ...kinds.flatMap((kind, i) => {
    const key = `admin.scope.${kind}`;
    return [i ? ', ' : '', hasKey(key) ? h('span', { t: key }) : kind];
  }));
}

function rolesTable(ctx: Ctx, roles: RoleInfo[], message: MessageBox, reload: () => Promise<void>): HTMLElement {
  const canChange = isDeploymentAdmin(ctx);
  return dataTable(
    'admin.roles.list',
    [{ key: 'admin.field.role' }, { key: 'admin.roles.sensitive' }, { key: 'admin.roles.grantable_at' }, { key: 'admin.roles.actions' }],
    roles.map((r) => [
      h('span', { class: 'strong' }, roleLabel(r.role), h('br'), h('code', { class: 'muted' }, r.role)),
      h('div', {}, r.sensitive ? badge('admin.roles.sensitive.yes', 'warn') : badge('admin.roles.sensitive.no', 'muted'), canChange ? sensitiveForm(ctx, r, message, reload) : null),
      scopeKinds(r.grantable_at),
      h('ul', { class: 'plain-list compact' }, ...r.actions.map((a) => h('li', {}, actionLabel(a)))),
    ]),
    { id: 'roles-table' },
  );
}

function sensitiveForm(ctx: Ctx, role: RoleInfo, message: MessageBox, reload: () => Promise<void>): HTMLElement {
  const reason = textareaField(`sensitive-${role.role}-reason`, 'admin.field.reason', { attrs: { required: true, maxlength: 500 } });
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary btn-small', t: role.sensitive ? 'admin.roles.make_plain' : 'admin.roles.make_sensitive' });
  const form = h('form', { class: 'admin-form', novalidate: true }, reason.root, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([reason], message)) return;
    void busy(submit, async () => {
      try {
        await ctx.api.setSensitive(role.role, !role.sensitive, reason.value());
        ctx.notice('admin.roles.changed');
        await reload();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { reason });
      }
    });
  });
  return h('details', { class: 'admin-details compact' }, h('summary', { t: 'admin.roles.change' }), form);
}
