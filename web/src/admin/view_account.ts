// "My account": who I am and with which roles, two-factor sign-in, password, sessions.
import { accountPasswordCard, accountTwoFactorCard } from './account_security';
import { accountSessionsCard } from './account_sessions';
import type { Ctx, View } from './context';
import { h, time } from './dom';
import { badge, card, facts, pageHeading } from './layout';
import { grantLabel } from './labels';

export function accountView(ctx: Ctx): View {
  const me = ctx.me();
  const root = h('div', { class: 'admin-page' });
  if (!me) return { name: 'account', root };
  const heading = pageHeading('admin.account.heading');
  const grants = me.grants.length
    ? h('ul', { class: 'plain-list', id: 'account-grants' }, ...me.grants.map((g) => h('li', {}, grantLabel(g))))
    : h('span', { class: 'muted', t: 'admin.account.no_roles' });

  const profile = card(
    'admin.account.profile',
    { id: 'account-profile' },
    facts([
      ['admin.field.name', me.user.name],
      ['admin.field.email', me.user.email],
      ['admin.field.roles', grants],
      [
        'admin.field.totp',
        me.user.totp_enabled ? badge('admin.totp.on', 'ok') : badge('admin.totp.off', 'warn'),
      ],
      ['admin.field.last_login', time(me.user.last_login_at)],
    ]),
  );

  const signOut = card(
    'admin.account.sign_out',
    {},
    h('p', { class: 'hint', t: 'admin.account.sign_out.hint' }),
    h(
      'div',
      { class: 'admin-actions' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'account-logout', t: 'admin.logout', on: { click: () => void ctx.logout(false) } }),
      h('button', { type: 'button', class: 'btn btn-ghost', id: 'account-logout-everywhere', t: 'admin.logout.everywhere', on: { click: () => void ctx.logout(true) } }),
    ),
  );

  root.append(
    heading,
    h('div', { class: 'card-grid' }, profile, accountTwoFactorCard(ctx, me), accountPasswordCard(ctx), accountSessionsCard(ctx), signOut),
  );
  return { name: 'account', root, focus: heading.querySelector('h1') ?? undefined };
}
