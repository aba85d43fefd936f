// An invitation or password-reset link (#invite=TOKEN, #reset=TOKEN): check it, then set the
// password once; the account's sessions end, so the person signs in afresh.
import { AdminApiError } from './api';
import type { Ctx, View } from './context';
import { h, time } from './dom';
import { busy, inputField, MessageBox, showFailure } from './forms';
import { newPasswordFields } from './password';
import type { OneTimeLink } from './routes';
import type { LinkInfo } from './types';

export function linkView(ctx: Ctx, link: OneTimeLink): View {
  const invite = link.purpose === 'invite';
  const heading = h('h1', { class: 'admin-title', t: invite ? 'admin.link.invite.heading' : 'admin.link.reset.heading' });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.link.checking' }));
  const root = h('section', { class: 'admin-card admin-card-narrow' }, heading, body);

  const toLogin = () => {
    const a = h('a', { href: '/admin/', t: 'admin.link.to_login' });
    a.addEventListener('click', (event) => {
      event.preventDefault();
      ctx.showLogin();
    });
    return h('p', {}, a);
  };

  void (async () => {
    try {
      const info = await ctx.api.checkLink(link.token, link.purpose);
      body.replaceChildren(...passwordForm(ctx, link, info));
    } catch (err) {
      const message = new MessageBox();
      if (err instanceof AdminApiError && err.field === 'token') message.error('admin.link.invalid');
      else showFailure(err, message);
      body.replaceChildren(message.el, toLogin());
    }
    body.removeAttribute('aria-busy');
  })();
  return { name: 'link', root, focus: heading };
}

function passwordForm(ctx: Ctx, link: OneTimeLink, info: LinkInfo): HTMLElement[] {
  const account = inputField('link-email', 'admin.login.email', {
    attrs: { type: 'email', autocomplete: 'username', readonly: true, value: info.email },
  });
  const fields = newPasswordFields('link');
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'link-submit', t: 'admin.link.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true }, account.root, fields.password.root, fields.repeat.root, message.el, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const password = fields.read(message);
    if (password === null) return;
    void busy(submit, async () => {
      try {
        await ctx.api.completeLink(link.token, link.purpose, password);
        ctx.showLogin('admin.notice.password_set');
      } catch (err) {
        if (fields.showRefusal(err, message)) return;
        if (err instanceof AdminApiError && err.field === 'token') message.error('admin.link.invalid');
        else showFailure(err, message);
      }
    });
  });

  return [
    h('p', { t: 'admin.link.for', params: { name: info.name, email: info.email } }),
    h('p', { class: 'hint' }, h('span', { t: 'admin.link.expires' }), ' ', time(info.expires_at)),
    form,
  ];
}
