// Human names for the server's stable codes (roles, scopes, actions), with the code itself
// when this version of the page does not know it yet.
import { hasKey } from '../i18n';
import { h } from './dom';
import type { GrantInfo } from './types';

export function roleLabel(role: string): HTMLElement {
  const key = `admin.role.${role}`;
  return hasKey(key) ? h('span', { t: key, title: role }) : h('code', {}, role);
}

export function actionLabel(action: string): HTMLElement {
  const key = `admin.action.${action}`;
  return hasKey(key) ? h('span', { t: key, title: action }) : h('code', {}, action);
}

/** "global", or the scope's area name (its code "district:1234" as a tooltip). */
export function scopeLabel(scope: string, name?: string | null): HTMLElement {
  const kind = scope.split(':')[0] ?? scope;
  if (scope === 'global') return h('span', { t: 'admin.scope.global', title: scope });
  const kindKey = `admin.scope.${kind}`;
  const el = h('span', { title: scope });
  if (hasKey(kindKey)) el.append(h('span', { class: 'scope-kind', t: kindKey }), ' ');
  el.append(name || scope.slice(kind.length + 1) || scope);
  return el;
}

/** "Role · scope" for a grant. */
export function grantLabel(grant: GrantInfo): HTMLElement {
  return h('span', { class: 'grant' }, roleLabel(grant.role), h('span', { class: 'grant-sep', 'aria-hidden': 'true' }, ' · '), scopeLabel(grant.scope, grant.scope_name));
}
