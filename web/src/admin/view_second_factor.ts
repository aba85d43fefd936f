// The second step of a sign-in: a code from the authenticator app, or a recovery code.
import { AdminApiError } from './api';
import type { Ctx, View } from './context';
import { h, setText } from './dom';
import { busy, inputField, MessageBox, requireFilled, showFailure } from './forms';

export function secondFactorView(ctx: Ctx): View {
  let useRecovery = false;
  const code = inputField('totp-code', 'admin.second.code', {
    hint: 'admin.second.code.hint',
    attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: 6, required: true, class: 'code-input' },
  });
  const recovery = inputField('recovery-code', 'admin.second.recovery', {
    hint: 'admin.second.recovery.hint',
    attrs: { autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', maxlength: 32, required: true, class: 'code-input' },
  });
  recovery.root.hidden = true;
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'second-submit', t: 'admin.second.submit' });
  const toggle = h('button', { type: 'button', class: 'btn btn-ghost', id: 'second-toggle', t: 'admin.second.use_recovery' });
  const cancel = h('button', { type: 'button', class: 'btn btn-ghost', t: 'admin.second.cancel' });
  const form = h('form', { class: 'admin-form', novalidate: true }, code.root, recovery.root, message.el, submit);

  toggle.addEventListener('click', () => {
    useRecovery = !useRecovery;
    code.root.hidden = useRecovery;
    recovery.root.hidden = !useRecovery;
    setText(toggle, useRecovery ? 'admin.second.use_code' : 'admin.second.use_recovery');
    message.clear();
    (useRecovery ? recovery : code).control.focus();
  });
  cancel.addEventListener('click', () => void ctx.logout(false));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const field = useRecovery ? recovery : code;
    if (!requireFilled([field], message)) return;
    const value = field.value().replace(/\s+/g, '');
    if (!useRecovery && !/^\d{6}$/.test(value)) {
      field.setError('admin.second.code.format');
      field.control.focus();
      return;
    }
    void busy(submit, async () => {
      try {
        await ctx.afterSignIn(await ctx.api.secondFactor(useRecovery ? { recovery_code: value } : { code: value }));
      } catch (err) {
        field.control.value = '';
        if (err instanceof AdminApiError && err.status === 401 && err.field) {
          field.setError(useRecovery ? 'admin.second.recovery.wrong' : 'admin.second.code.wrong');
          message.error('admin.error.fix');
          field.control.focus();
        } else if (err instanceof AdminApiError && err.status === 401) {
          ctx.showLogin('admin.notice.expired');
        } else {
          showFailure(err, message);
        }
      }
    });
  });

  const root = h(
    'section',
    { class: 'admin-card admin-card-narrow' },
    h('h1', { class: 'admin-title', t: 'admin.second.heading' }),
    h('p', { class: 'hint', t: 'admin.second.intro' }),
    form,
    h('div', { class: 'admin-actions' }, toggle, cancel),
  );
  return { name: 'second-factor', root, focus: code.control };
}
