// Sign-in with e-mail and password.
import { AdminApiError } from './api';
import type { Ctx, View } from './context';
import { h } from './dom';
import { busy, inputField, MessageBox, requireFilled, showFailure } from './forms';

/** `email` fills the form in again (after the session expired). */
export function loginView(ctx: Ctx, email = ''): View {
  const emailField = inputField('login-email', 'admin.login.email', {
    attrs: { type: 'email', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'none', value: email || undefined },
  });
  const password = inputField('login-password', 'admin.login.password', {
    attrs: { type: 'password', autocomplete: 'current-password', required: true },
  });
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'login-submit', t: 'admin.login.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true, 'aria-labelledby': 'login-heading' }, emailField.root, password.root, message.el, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([emailField, password], message)) return;
    void busy(submit, async () => {
      try {
        const answer = await ctx.api.login(emailField.value(), password.control.value);
        await ctx.afterSignIn(answer);
      } catch (err) {
        password.control.value = '';
        if (err instanceof AdminApiError && err.status === 401) {
          message.error('admin.login.wrong');
          emailField.control.focus();
        } else {
          showFailure(err, message);
        }
      }
    });
  });

  const root = h(
    'section',
    { class: 'admin-card admin-card-narrow' },
    h('h1', { id: 'login-heading', class: 'admin-title', t: 'admin.login.heading' }),
    h('p', { class: 'hint', t: 'admin.login.intro' }),
    form,
  );
  return { name: 'login', root, focus: email ? password.control : emailField.control };
}
