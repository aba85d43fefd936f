// User administration: the list (with filters) and, for users.manage, "new user".
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h, setText, time } from './dom';
import { inputField, MessageBox, selectField, showFailure } from './forms';
import { grantLabel } from './labels';
import { badge, card, dataTable, pageHeading } from './layout';
import { roleOption } from './role_choices';
import type { AdminUser } from './types';
import { createUserCard } from './user_create';

interface Filters {
  text: string;
  status: string;
  role: string;
}

export function usersView(ctx: Ctx): View {
  const heading = pageHeading('admin.users.heading', 'admin.users.intro');
  const message = new MessageBox();
  const count = h('p', { class: 'hint', id: 'users-count', role: 'status' });
  const list = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  let users: AdminUser[] = [];

  const text = inputField('users-filter-text', 'admin.users.filter.text', { attrs: { type: 'search', autocomplete: 'off' } });
  const status = selectField('users-filter-status', 'admin.users.filter.status', [
    { value: '', t: 'admin.users.filter.all' },
    { value: 'active', t: 'admin.users.status.active' },
    { value: 'inactive', t: 'admin.users.status.inactive' },
    { value: 'invited', t: 'admin.users.status.invited' },
    { value: 'no_totp', t: 'admin.users.filter.no_totp' },
  ]);
  const role = selectField('users-filter-role', 'admin.users.filter.role', [{ value: '', t: 'admin.users.filter.all' }]);
  const filters = h('form', { class: 'filters', role: 'search', tAttr: { 'aria-label': 'admin.users.filter.label' } }, text.root, status.root, role.root);
  filters.addEventListener('submit', (event) => event.preventDefault());
  for (const control of [text.control, status.control, role.control]) control.addEventListener('input', render);

  function render(): void {
    const wanted: Filters = { text: text.value().toLowerCase(), status: status.control.value, role: role.control.value };
    const shown = users.filter((u) => matches(u, wanted));
    setText(count, 'admin.users.count', { shown: shown.length, total: users.length });
    list.replaceChildren(shown.length ? usersTable(shown) : h('p', { class: 'muted', t: 'admin.users.none' }));
  }

  function fillRoleFilter(): void {
    const keep = role.control.value;
    const roles = [...new Set(users.flatMap((u) => u.grants.map((g) => g.role)))].sort();
    for (const option of [...role.control.options].slice(1)) option.remove();
    role.control.append(...roles.map(roleOption));
    role.control.value = roles.includes(keep) ? keep : '';
  }

  async function load(): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      users = (await ctx.api.users()).users;
      fillRoleFilter();
      render();
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }
  void load();

  const root = h(
    'div',
    { class: 'admin-page' },
    heading,
    ctx.can('users.manage') ? createUserCard(ctx, () => void load()) : null,
    card('admin.users.list', { id: 'users-list' }, filters, count, message.el, list),
  );
  return { name: 'users', root, focus: heading.querySelector('h1') ?? undefined };
}

function matches(user: AdminUser, f: Filters): boolean {
  if (f.text && !`${user.name} ${user.email}`.toLowerCase().includes(f.text)) return false;
  if (f.role && !user.grants.some((g) => g.role === f.role)) return false;
  switch (f.status) {
    case 'active':
      return user.active;
    case 'inactive':
      return !user.active;
    case 'invited':
      return !user.has_password;
    case 'no_totp':
      return !user.totp_enabled;
    default:
      return true;
  }
}

export function userStatus(user: AdminUser): HTMLElement {
  if (!user.active) return badge('admin.users.status.inactive', 'danger');
  if (!user.has_password) return badge('admin.users.status.invited', 'warn');
  return badge('admin.users.status.active', 'ok');
}

function usersTable(users: AdminUser[]): HTMLElement {
  return dataTable(
    'admin.users.list',
    [
      { key: 'admin.field.name' },
      { key: 'admin.field.email' },
      { key: 'admin.field.roles' },
      { key: 'admin.field.status' },
      { key: 'admin.field.totp' },
      { key: 'admin.field.last_login' },
    ],
    users.map((u) => [
      h('a', { href: `#/users/${u.id}`, class: 'strong-link' }, u.name || u.email),
      h('span', { class: 'email' }, u.email),
      u.grants.length ? h('ul', { class: 'plain-list' }, ...u.grants.map((g) => h('li', {}, grantLabel(g)))) : h('span', { class: 'muted', t: 'admin.none' }),
      userStatus(u),
      u.totp_enabled ? badge('admin.totp.on', 'ok') : badge('admin.totp.off', 'muted'),
      time(u.last_login_at),
    ]),
    { id: 'users-table' },
  );
}
