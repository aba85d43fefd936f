// The signed-in navigation: only the screens the user's permissions open.
import type { MessageKey } from '../i18n';
import type { Ctx } from './context';
import { h } from './dom';
import type { Route } from './routes';

interface Item {
  hash: string;
  key: MessageKey;
  names: Array<Route['name']>;
  visible: (ctx: Ctx) => boolean;
}

const ITEMS: Item[] = [
  { hash: '#/reports', key: 'admin.reports.nav', names: ['reports', 'report', 'report_templates'], visible: (c) => c.can('reports.read') },
  { hash: '#/analysis', key: 'admin.nav.analysis', names: ['analysis', 'area_profile'], visible: (c) => c.can('analytics.read') },
  { hash: '#/districts', key: 'admin.nav.districts', names: ['districts', 'district'], visible: (c) => c.can('district_card.edit') },
  { hash: '#/users', key: 'admin.nav.users', names: ['users', 'user'], visible: (c) => c.can('users.read') },
  { hash: '#/roles', key: 'admin.nav.roles', names: ['roles'], visible: (c) => c.can('users.read') || c.can('roles.grant') },
  { hash: '#/tokens', key: 'admin.nav.tokens', names: ['tokens'], visible: (c) => c.can('tokens.manage') },
  { hash: '#/audit', key: 'admin.nav.audit', names: ['audit'], visible: (c) => c.can('audit.read') },
  { hash: '#/account', key: 'admin.nav.account', names: ['account'], visible: () => true },
];

export function renderNav(list: HTMLUListElement, ctx: Ctx, route: Route | null): void {
  list.replaceChildren(
    ...ITEMS.filter((item) => item.visible(ctx)).map((item) => {
      const current = route !== null && item.names.includes(route.name);
      return h('li', {}, h('a', { href: item.hash, t: item.key, 'aria-current': current ? 'page' : undefined, 'data-nav': item.names[0] }));
    }),
  );
}
