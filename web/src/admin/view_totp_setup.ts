// Setting up the authenticator app: QR code, the secret in groups of four and the otpauth URI,
// then a first code to confirm. Required right after login for sensitive roles.
import { AdminApiError, SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h } from './dom';
import { busy, inputField, MessageBox, requireFilled, showFailure } from './forms';
import { groupSecret, qrCanvas } from './qr';

export function totpSetupView(ctx: Ctx, forced: boolean): View {
  const heading = h('h1', { class: 'admin-title', t: 'admin.totp.heading' });
  const body = h('div', { class: 'totp-body', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.totp.preparing' }));
  const leave = h('button', { type: 'button', class: 'btn btn-ghost', t: forced ? 'admin.second.cancel' : 'admin.cancel' });
  leave.addEventListener('click', () => (forced ? void ctx.logout(false) : ctx.navigate('#/account')));

  const root = h(
    'section',
    { class: 'admin-card admin-card-medium' },
    heading,
    h('p', { class: 'hint', t: forced ? 'admin.totp.intro.forced' : 'admin.totp.intro' }),
    body,
    h('div', { class: 'admin-actions' }, leave),
  );

  async function prepare(): Promise<void> {
    const message = new MessageBox();
    try {
      const setup = await ctx.api.totpSetup();
      body.replaceChildren(...steps(ctx, setup.secret, setup.otpauth_uri));
      body.removeAttribute('aria-busy');
    } catch (err) {
      if (err instanceof SessionExpired) return;
      if (err instanceof AdminApiError && err.status === 401) {
        ctx.showLogin('admin.notice.expired');
        return;
      }
      showFailure(err, message);
      const retry = h('button', { type: 'button', class: 'btn btn-secondary', t: 'admin.retry' });
      retry.addEventListener('click', () => void prepare());
      body.replaceChildren(message.el, retry);
      body.removeAttribute('aria-busy');
    }
  }
  void prepare();
  return { name: 'totp-setup', root, focus: heading };
}

function steps(ctx: Ctx, secret: string, uri: string): HTMLElement[] {
  const code = inputField('totp-confirm-code', 'admin.totp.code', {
    hint: 'admin.totp.code.hint',
    attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: 6, required: true, class: 'code-input' },
  });
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'totp-confirm-submit', t: 'admin.totp.confirm' });
  const form = h('form', { class: 'admin-form', novalidate: true }, code.root, message.el, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([code], message)) return;
    const value = code.value().replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      code.setError('admin.second.code.format');
      code.control.focus();
      return;
    }
    void busy(submit, async () => {
      try {
        const answer = await ctx.api.totpConfirm(value);
        ctx.showRecoveryCodes(answer.recovery_codes, () => void ctx.afterSignIn(answer));
      } catch (err) {
        if (err instanceof SessionExpired) return;
        code.control.value = '';
        if (err instanceof AdminApiError && (err.code === 'invalid_input' || err.code === 'invalid_argument') && err.field === 'code') {
          code.setError('admin.totp.code.wrong');
          message.error('admin.error.fix');
          code.control.focus();
        } else {
          showFailure(err, message);
        }
      }
    });
  });

  const qr = qrCanvas(uri);
  qr.setAttribute('role', 'img');
  qr.setAttribute('aria-labelledby', 'totp-qr-caption');
  return [
    h('ol', { class: 'totp-steps' },
      h('li', {},
        h('p', { t: 'admin.totp.step.app' })),
      h('li', {},
        h('p', { t: 'admin.totp.step.scan' }),
        h('figure', { class: 'qr-figure' }, qr, h('figcaption', { id: 'totp-qr-caption', class: 'visually-hidden', t: 'admin.totp.qr.label' })),
        h('p', { t: 'admin.totp.step.type' }),
        h('p', { class: 'secret-line' }, h('code', { id: 'totp-secret', class: 'secret', 'data-secret': secret }, groupSecret(secret))),
        h('p', { class: 'hint' }, h('span', { t: 'admin.totp.uri' }), ' ', h('a', { href: uri, id: 'totp-uri', class: 'uri' }, uri))),
      h('li', {},
        h('p', { t: 'admin.totp.step.confirm' }),
        form)),
  ];
}
