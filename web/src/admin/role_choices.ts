// The roles to offer in "create user" and "grant a role" forms: the server's list when it
// answers, else the roles this page knows.
import { hasKey } from '../i18n';
import type { Ctx } from './context';
import { h } from './dom';
import type { RoleInfo } from './types';

const KNOWN_ROLES = [
  'administrator',
  'prevention_manager',
  'state_police_leadership',
  'municipal_police_leadership',
  'district_state_officer',
  'district_municipal_officer',
  'district_councillor',
  'security_commission_member',
  'case_worker',
];

export async function loadRoles(ctx: Ctx): Promise<RoleInfo[] | null> {
  try {
    return (await ctx.api.roles()).roles;
  } catch {
    return null;
  }
}

export function roleOption(role: string): HTMLOptionElement {
  const key = `admin.role.${role}`;
  if (hasKey(key)) return h('option', { value: role, t: key });
  const option = h('option', { value: role });
  option.textContent = role;
  return option;
}

/** Fills `select` (after its first option, "choose…") with the roles. */
export async function fillRoleSelect(ctx: Ctx, select: HTMLSelectElement): Promise<void> {
  const roles = await loadRoles(ctx);
  const keep = select.value;
  for (const option of [...select.options].slice(1)) option.remove();
  select.append(...(roles ? roles.map((r) => r.role) : KNOWN_ROLES).map(roleOption));
  select.value = keep;
}
