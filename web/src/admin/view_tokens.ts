// Machine tokens (Open311 clients, imports): list, create (secret shown once), revoke.
import { SessionExpired } from './api';
import type { Ctx, View } from './context';
import { h, time } from './dom';
import { busy, inputField, MessageBox, requireFilled, selectField, showFailure, textareaField } from './forms';
import { badge, card, dataTable, pageHeading } from './layout';
import { shownOnce } from './once';
import type { MachineToken } from './types';

export function tokensView(ctx: Ctx): View {
  const heading = pageHeading('admin.tokens.heading', 'admin.tokens.intro');
  const message = new MessageBox();
  const list = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));

  async function load(): Promise<void> {
    try {
      const { tokens } = await ctx.api.tokens();
      list.replaceChildren(tokens.length ? tokensTable(ctx, tokens, message, load) : h('p', { class: 'muted', t: 'admin.tokens.none' }));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }
  void load();

  const root = h(
    'div',
    { class: 'admin-page' },
    heading,
    createTokenCard(ctx, () => void load()),
    card('admin.tokens.list', { id: 'tokens-list' }, message.el, list),
  );
  return { name: 'tokens', root, focus: heading.querySelector('h1') ?? undefined };
}

function tokenStatus(token: MachineToken): HTMLElement {
  if (token.revoked_at) return badge('admin.tokens.revoked', 'danger');
  if (token.expires_at && new Date(token.expires_at).getTime() < Date.now()) return badge('admin.tokens.expired', 'muted');
  return badge('admin.tokens.active', 'ok');
}

function tokensTable(ctx: Ctx, tokens: MachineToken[], message: MessageBox, reload: () => Promise<void>): HTMLElement {
  return dataTable(
    'admin.tokens.list',
    [
      { key: 'admin.field.name' },
      { key: 'admin.field.scope' },
      { key: 'admin.field.municipality' },
      { key: 'admin.field.status' },
      { key: 'admin.field.created' },
      { key: 'admin.field.expires' },
      { key: 'admin.tokens.last_used' },
      { key: 'admin.field.actions', class: 'col-actions' },
    ],
    tokens.map((tk) => [
      h('span', { class: 'strong' }, tk.name),
      h('code', {}, tk.scope),
      tk.municipality ? String(tk.municipality) : h('span', { class: 'muted', t: 'admin.tokens.all_towns' }),
      tokenStatus(tk),
      time(tk.created_at),
      time(tk.expires_at),
      time(tk.last_used_at),
      tk.revoked_at ? '' : revokeForm(ctx, tk, message, reload),
    ]),
    { id: 'tokens-table' },
  );
}

function revokeForm(ctx: Ctx, token: MachineToken, message: MessageBox, reload: () => Promise<void>): HTMLElement {
  const reason = textareaField(`token-${token.id}-reason`, 'admin.field.reason', { attrs: { required: true, maxlength: 500 } });
  const submit = h('button', { type: 'submit', class: 'btn btn-secondary btn-small', t: 'admin.tokens.revoke.confirm' });
  const form = h('form', { class: 'admin-form', novalidate: true }, reason.root, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    if (!requireFilled([reason], message)) return;
    void busy(submit, async () => {
      try {
        await ctx.api.revokeToken(token.id, reason.value());
        ctx.notice('admin.tokens.revoked.notice', { name: token.name });
        await reload();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { reason });
      }
    });
  });
  return h('details', { class: 'admin-details compact' }, h('summary', { t: 'admin.tokens.revoke' }), form);
}

function createTokenCard(ctx: Ctx, created: () => void): HTMLElement {
  const name = inputField('token-name', 'admin.field.name', { hint: 'admin.tokens.name.hint', attrs: { required: true, autocomplete: 'off', maxlength: 200 } });
  const scope = selectField('token-scope', 'admin.field.scope', [
    { value: 'open311', t: 'admin.tokens.scope.open311' },
    { value: 'import', t: 'admin.tokens.scope.import' },
  ]);
  const municipality = inputField('token-municipality', 'admin.field.municipality', {
    hint: 'admin.tokens.municipality.hint',
    attrs: { inputmode: 'numeric', pattern: '[0-9]*', autocomplete: 'off' },
  });
  const expires = inputField('token-expires', 'admin.field.expires', { hint: 'admin.tokens.expires.hint', attrs: { type: 'date' } });
  const message = new MessageBox();
  const result = h('div', { class: 'once-slot' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'token-submit', t: 'admin.tokens.create.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: 'token-form' }, h('div', { class: 'form-grid' }, name.root, scope.root, municipality.root, expires.root), message.el, submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    result.replaceChildren();
    municipality.setError();
    if (!requireFilled([name], message)) return;
    if (municipality.value() && !/^\d+$/.test(municipality.value())) {
      municipality.setError('admin.tokens.municipality.format');
      message.error('admin.error.fix');
      municipality.control.focus();
      return;
    }
    void busy(submit, async () => {
      try {
        const answer = await ctx.api.createToken({
          name: name.value(),
          scope: scope.control.value,
          ...(municipality.value() ? { municipality: Number(municipality.value()) } : {}),
          ...(expires.value() ? { expires_at: `${expires.value()}T23:59:59Z` } : {}),
        });
        result.replaceChildren(shownOnce('token-secret', 'admin.tokens.secret', answer.secret));
        name.control.value = '';
        created();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message, { name, scope, municipality, expires_at: expires });
      }
    });
  });

  return card(
    'admin.tokens.create',
    { id: 'new-token' },
    h('details', { class: 'admin-details open-form' }, h('summary', { t: 'admin.tokens.create.open' }), form),
    result,
  );
}
