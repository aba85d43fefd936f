// One user: details, roles (grant / revoke with a reason), deactivation, password reset link.
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h, setText, time } from './dom';
import { busy, MessageBox, requireFilled, showFailure, textareaField } from './forms';
import { roleLabel, scopeLabel } from './labels';
import { badge, card, dataTable, facts } from './layout';
import { shownOnce } from './once';
import type { AdminUser, GrantInfo } from './types';
import { grantFields } from './user_create';
import { userStatus } from './view_users';

export function userView(ctx: Ctx, id: number): View {
  const title = h('h1', { class: 'admin-title', t: 'admin.user.heading' });
  const message = new MessageBox();
  const body = h('div', { class: 'card-grid', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));

  async function load(): Promise<void> {
    try {
      const user = await ctx.api.user(id);
      title.textContent = user.name || user.email;
      delete title.dataset.t;
      body.replaceChildren(detailsCard(user), grantsCard(ctx, user, load), ctx.can('users.manage') ? accountCard(ctx, user, load) : '');
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      body.replaceChildren();
    }
    body.removeAttribute('aria-busy');
  }
  void load();

  const root = h(
    'div',
    { class: 'admin-page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/users', t: 'admin.user.back' })),
    h('header', { class: 'admin-page-head' }, title),
    message.el,
    body,
  );
  return { name: 'user', root, focus: title };
}

function detailsCard(user: AdminUser): HTMLElement {
  return card(
    'admin.user.details',
    { id: 'user-details' },
    facts([
      ['admin.field.email', user.email],
      ['admin.field.status', userStatus(user)],
      ['admin.field.totp', user.totp_enabled ? badge('admin.totp.on', 'ok') : badge('admin.totp.off', 'muted')],
      ['admin.field.created', time(user.created_at)],
      ['admin.field.last_login', time(user.last_login_at)],
    ]),
  );
}

function grantsCard(ctx: Ctx, user: AdminUser, reload: () => Promise<void>): HTMLElement {
  const message = new MessageBox();
  const canGrant = ctx.can('roles.grant');
  const rows = user.grants.map((g) => [roleLabel(g.role), scopeLabel(g.scope, g.scope_name), canGrant ? revokeControl(ctx, g, message, reload) : '']);
  const table = user.grants.length
    ? dataTable('admin.user.grants', [{ key: 'admin.field.role' }, { key: 'admin.field.scope' }, { key: 'admin.field.actions', class: 'col-actions' }], rows, { id: 'grants-table' })
    : h('p', { class: 'muted', t: 'admin.account.no_roles' });
  return card('admin.user.grants', { id: 'user-grants' }, table, message.el, canGrant ? grantForm(ctx, user, reload) : null);
}

/** "Revoke" opens a small form asking for the reason. */
function revokeControl(ctx: Ctx, grant: GrantInfo, message: MessageBox, reload: () => Promise<void>): HTMLElement {
  const open = h('button', { type: 'button', class: 'btn btn-ghost btn-small', t: 'admin.grant.revoke', 'data-grant': grant.id });
  const reason = textareaField(`revoke-${grant.id}-reason`, 'admin.field.reason', { attrs: { required: true, maxlength: 500 } });
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary btn-small', t: 'admin.grant.revoke.confirm' });
  const form = h('form', { class: 'admin-form revoke-form', novalidate: true, hidden: true }, reason.root, submit);
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) reason.control.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([reason], message)) return;
    void busy(submit, async () => {
      try {
        await ctx.api.revoke(grant.id, reason.value());
        ctx.notice('admin.grant.revoked');
        await reload();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { reason });
      }
    });
  });
  return h('div', { class: 'revoke' }, open, form);
}

function grantForm(ctx: Ctx, user: AdminUser, reload: () => Promise<void>): HTMLElement {
  const fields = grantFields(ctx, 'grant', true);
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'grant-submit', t: 'admin.grant.submit' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, id: 'grant-form' },
    h('div', { class: 'form-grid' }, fields.role.root, fields.scope.root),
    fields.reason.root,
    message.el,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([fields.role, fields.scope, fields.reason], message)) return;
    void busy(submit, async () => {
      try {
        await ctx.api.grant(user.id, fields.role.control.value, fields.scope.value(), fields.reason.value());
        ctx.notice('admin.grant.granted');
        await reload();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { role: fields.role, scope: fields.scope, reason: fields.reason });
      }
    });
  });
  return h('details', { class: 'admin-details open-form' }, h('summary', { t: 'admin.grant.heading' }), form);
}

function accountCard(ctx: Ctx, user: AdminUser, reload: () => Promise<void>): HTMLElement {
  const message = new MessageBox();
  const result = h('div', { class: 'once-slot' });
  const reason = textareaField('user-active-reason', 'admin.field.reason', { hint: 'admin.reason.hint', attrs: { required: true, maxlength: 500 } });
  const toggle = h('button', { type: 'submit', class: `btn ${user.active ? 'btn-danger' : 'btn-primary'}`, id: 'user-active-submit' });
  setText(toggle, user.active ? 'admin.user.deactivate' : 'admin.user.activate');
  const form = h('form', { class: 'admin-form', novalidate: true }, h('p', { class: 'hint', t: user.active ? 'admin.user.deactivate.hint' : 'admin.user.activate.hint' }), reason.root, toggle);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([reason], message)) return;
    void busy(toggle, async () => {
      try {
        await ctx.api.setActive(user.id, !user.active, reason.value());
        ctx.notice(user.active ? 'admin.user.deactivated' : 'admin.user.activated');
        await reload();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { reason });
      }
    });
  });

  const reset = h('button', { type: 'button', class: 'btn btn-secondary', id: 'user-reset', t: user.has_password ? 'admin.user.reset' : 'admin.user.reinvite' });
  reset.addEventListener('click', () => {
    message.clear();
    void busy(reset, async () => {
      try {
        const link = await ctx.api.passwordReset(user.id);
        result.replaceChildren(shownOnce('reset-link', user.has_password ? 'admin.user.reset.link' : 'admin.users.invitation', link.url, link.expires_at));
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message);
      }
    });
  });

  return card(
    'admin.user.account',
    { id: 'user-account' },
    h('h3', { class: 'admin-subtitle', t: 'admin.user.password' }),
    h('p', { class: 'hint', t: 'admin.user.reset.hint' }),
    h('div', { class: 'admin-actions' }, reset),
    result,
    h('h3', { class: 'admin-subtitle', t: user.active ? 'admin.user.deactivate' : 'admin.user.activate' }),
    form,
    message.el,
  );
}
