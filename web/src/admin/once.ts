// A secret shown once (an invitation or reset link, a machine token): read-only, with copy.
import type { MessageKey } from '../i18n';
import { h, time } from './dom';
import { MessageBox } from './forms';

export function shownOnce(id: string, title: MessageKey, value: string, expiresAt?: string | null): HTMLElement {
  const input = h('input', { type: 'text', id: `${id}-value`, class: 'once-value', readonly: true, value, spellcheck: 'false', 'aria-describedby': `${id}-hint` });
  const message = new MessageBox();
  const copy = h('button', { type: 'button', class: 'btn btn-secondary btn-small', t: 'admin.copy' });
  copy.addEventListener('click', () => {
    input.select();
    navigator.clipboard.writeText(value).then(
      () => message.ok('admin.copied'),
      () => message.error('admin.copy.failed'),
    );
  });
  return h(
    'div',
    { class: 'once', id },
    h('label', { for: `${id}-value`, class: 'once-title', t: title }),
    h('div', { class: 'once-row' }, input, copy),
    h(
      'p',
      { id: `${id}-hint`, class: 'hint' },
      h('span', { t: 'admin.once.hint' }),
      expiresAt ? ' ' : null,
      expiresAt ? h('span', { t: 'admin.once.expires' }) : null,
      expiresAt ? ' ' : null,
      expiresAt ? time(expiresAt) : null,
    ),
    message.el,
  );
}
