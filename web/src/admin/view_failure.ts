// Screens for when a screen cannot be shown: the server failed, or the role does not allow it.
import type { View } from './context';
import { h } from './dom';
import { errorMessage } from './forms';

export function failureView(err: unknown, retry: () => void): View {
  const [key, params] = errorMessage(err);
  const button = h('button', { type: 'button', class: 'btn btn-secondary', t: 'admin.retry' });
  button.addEventListener('click', retry);
  const root = h(
    'section',
    { class: 'admin-card admin-card-narrow' },
    h('h1', { class: 'admin-title', t: 'admin.failure.heading' }),
    h('p', { class: 'inline-message inline-message-error', role: 'alert', t: key, params }),
    h('div', { class: 'admin-actions' }, button),
  );
  return { name: 'failure', root };
}

export function forbiddenView(): View {
  const root = h(
    'section',
    { class: 'admin-card admin-card-narrow' },
    h('h1', { class: 'admin-title', t: 'admin.forbidden.heading' }),
    h('p', { t: 'admin.error.forbidden' }),
    h('p', {}, h('a', { href: '#/account', t: 'admin.nav.account' })),
  );
  return { name: 'forbidden', root };
}
