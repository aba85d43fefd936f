// The own account's security: turning two-factor sign-in on or off, new recovery codes,
// changing the password (which signs out the other sessions).
import { AdminApiError, SessionExpired } from './api';
import type { Ctx } from './context';
import { h } from './dom';
import { busy, inputField, MessageBox, requireFilled, showFailure } from './forms';
import { card } from './layout';
import { newPasswordFields } from './password';
import type { Me } from './types';

function currentPasswordField(id: string) {
  return inputField(id, 'admin.password.current', {
    attrs: { type: 'password', autocomplete: 'current-password', required: true },
  });
}

/** A hidden username field: password managers then know which account a form is for. */
function usernameField(ctx: Ctx): HTMLInputElement {
  return h('input', { type: 'email', autocomplete: 'username', value: ctx.me()?.user.email ?? '', hidden: true, readonly: true, tabindex: -1, 'aria-hidden': 'true' });
}

/** A form asking for the current password before `action`. */
function passwordConfirmedForm(ctx: Ctx, id: string, submitKey: 'admin.codes.regenerate' | 'admin.totp.disable', action: (password: string) => Promise<void>, message: MessageBox): HTMLFormElement {
  const password = currentPasswordField(`${id}-password`);
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary', id: `${id}-submit`, t: submitKey });
  const form = h('form', { class: 'admin-form', novalidate: true, id }, usernameField(ctx), password.root, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([password], message)) return;
    void busy(submit, async () => {
      try {
        await action(password.control.value);
      } catch (err) {
        if (err instanceof SessionExpired) return;
        password.control.value = '';
        if (err instanceof AdminApiError && err.status === 409) message.error('admin.totp.required_by_role');
        else if (err instanceof AdminApiError && (err.status === 401 || err.field === 'password')) {
          password.setError('admin.password.current.wrong');
          message.error('admin.error.fix');
          password.control.focus();
        } else showFailure(err, message);
      }
    });
  });
  return form;
}

export function accountTwoFactorCard(ctx: Ctx, me: Me): HTMLElement {
  const message = new MessageBox();
  if (!me.user.totp_enabled) {
    const setup = h('button', { type: 'button', class: 'btn btn-primary', id: 'totp-setup-start', t: 'admin.totp.enable' });
    setup.addEventListener('click', () => ctx.showTotpSetup(false));
    return card('admin.account.two_factor', { id: 'account-two-factor' }, h('p', { t: 'admin.account.two_factor.off' }), h('div', { class: 'admin-actions' }, setup));
  }
  const regenerate = passwordConfirmedForm(ctx, 'codes-regenerate', 'admin.codes.regenerate', async (password) => {
    const answer = await ctx.api.newRecoveryCodes(password);
    ctx.showRecoveryCodes(answer.recovery_codes, () => ctx.navigate('#/account'));
  }, message);
  const disable = passwordConfirmedForm(ctx, 'totp-disable', 'admin.totp.disable', async (password) => {
    await ctx.api.disableTotp(password);
    ctx.setMe(await ctx.api.refreshMe());
    ctx.navigate('#/account');
    ctx.notice('admin.totp.disabled');
  }, message);
  return card(
    'admin.account.two_factor',
    { id: 'account-two-factor' },
    h('p', { t: 'admin.account.two_factor.on' }),
    h('h3', { class: 'admin-subtitle', t: 'admin.codes.regenerate.heading' }),
    h('p', { class: 'hint', t: 'admin.codes.regenerate.hint' }),
    regenerate,
    h('details', { class: 'admin-details' }, h('summary', { t: 'admin.totp.disable.heading' }), h('p', { class: 'hint', t: 'admin.totp.disable.hint' }), disable),
    message.el,
  );
}

export function accountPasswordCard(ctx: Ctx): HTMLElement {
  const current = currentPasswordField('password-current');
  const fresh = newPasswordFields('account');
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'password-submit', t: 'admin.password.change' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: 'password-form' }, usernameField(ctx), current.root, fresh.password.root, fresh.repeat.root, message.el, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([current], message)) return;
    const password = fresh.read(message);
    if (password === null) return;
    void busy(submit, async () => {
      try {
        const answer = await ctx.api.changePassword(current.control.value, password);
        for (const input of [current.control, fresh.password.control, fresh.repeat.control]) input.value = '';
        if (answer.me?.permissions) ctx.setMe(answer.me);
        message.ok('admin.password.changed');
      } catch (err) {
        if (err instanceof SessionExpired) return;
        if (fresh.showRefusal(err, message)) return;
        if (err instanceof AdminApiError && (err.field === 'current_password' || err.status === 401)) {
          current.control.value = '';
          current.setError('admin.password.current.wrong');
          message.error('admin.error.fix');
          current.control.focus();
        } else showFailure(err, message);
      }
    });
  });
  return card('admin.account.password', { id: 'account-password' }, form);
}
