// "New user": e-mail, name and optionally a first role; answers with the invitation link,
// shown once.
import { SessionExpired } from './api';
import type { Ctx } from './context';
import { h } from './dom';
import { busy, inputField, MessageBox, requireFilled, selectField, showFailure, textareaField, type Field } from './forms';
import { card } from './layout';
import { shownOnce } from './once';
import { fillRoleSelect } from './role_choices';

/** The scope a new grant most likely needs: the granter's own widest one. */
export function defaultScope(ctx: Ctx): string {
  const scopes = ctx.me()?.grants.map((g) => g.scope) ?? [];
  return scopes.includes('global') ? 'global' : (scopes[0] ?? 'global');
}

export interface GrantFields {
  role: Field<HTMLSelectElement>;
  scope: Field;
  reason: Field<HTMLTextAreaElement>;
}

export function grantFields(ctx: Ctx, prefix: string, roleRequired: boolean): GrantFields {
  const role = selectField(`${prefix}-role`, 'admin.field.role', [{ value: '', t: roleRequired ? 'admin.choose' : 'admin.users.create.no_role' }], {
    attrs: { required: roleRequired },
  });
  void fillRoleSelect(ctx, role.control);
  const scope = inputField(`${prefix}-scope`, 'admin.field.scope', {
    hint: 'admin.scope.hint',
    attrs: { value: defaultScope(ctx), autocomplete: 'off', spellcheck: 'false', required: true },
  });
  const reason = textareaField(`${prefix}-reason`, 'admin.field.reason', { hint: 'admin.reason.hint', attrs: { required: true, maxlength: 500 } });
  return { role, scope, reason };
}

export function createUserCard(ctx: Ctx, created: () => void): HTMLElement {
  const email = inputField('new-user-email', 'admin.field.email', { attrs: { type: 'email', autocomplete: 'off', spellcheck: 'false', required: true } });
  const name = inputField('new-user-name', 'admin.field.name', { attrs: { autocomplete: 'off', required: true, maxlength: 200 } });
  const grant = grantFields(ctx, 'new-user', false);
  const message = new MessageBox();
  const result = h('div', { class: 'once-slot' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'new-user-submit', t: 'admin.users.create.submit' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, id: 'new-user-form' },
    h('div', { class: 'form-grid' }, email.root, name.root, grant.role.root, grant.scope.root),
    grant.reason.root,
    message.el,
    submit,
  );

  // Scope and reason belong to the first role: shown once a role is chosen.
  const showGrantFields = () => {
    const withRole = grant.role.control.value !== '';
    grant.scope.root.hidden = !withRole;
    grant.reason.root.hidden = !withRole;
  };
  grant.role.control.addEventListener('change', showGrantFields);
  showGrantFields();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    result.replaceChildren();
    const withRole = grant.role.control.value !== '';
    const required = withRole ? [email, name, grant.scope, grant.reason] : [email, name];
    grant.scope.setError();
    grant.reason.setError();
    if (!requireFilled(required, message)) return;
    void busy(submit, async () => {
      try {
        const address = email.value();
        const answer = await ctx.api.createUser({
          email: address,
          name: name.value(),
          ...(withRole ? { role: grant.role.control.value, scope: grant.scope.value(), reason: grant.reason.value() } : {}),
        });
        message.ok('admin.users.created', { email: address });
        result.replaceChildren(shownOnce('invitation', 'admin.users.invitation', answer.invitation_url, answer.invitation_expires_at));
        for (const input of [email.control, name.control, grant.reason.control]) input.value = '';
        grant.role.control.value = '';
        showGrantFields();
        created();
      } catch (err) {
        if (err instanceof SessionExpired) return;
        showFailure(err, message, { email, name, role: grant.role, scope: grant.scope, reason: grant.reason });
      }
    });
  });

  return card(
    'admin.users.create',
    { id: 'new-user' },
    h('details', { class: 'admin-details open-form' }, h('summary', { t: 'admin.users.create.open' }), h('p', { class: 'hint', t: 'admin.users.create.hint' }), form),
    result,
  );
}
