// New recovery codes, shown once: copy or download them, then confirm they are saved.
import { t } from '../i18n';
import type { View } from './context';
import { h } from './dom';
import { checkbox, MessageBox } from './forms';

export function recoveryCodesView(codes: string[], done: () => void): View {
  const heading = h('h1', { class: 'admin-title', t: 'admin.codes.heading' });
  const list = h('ol', { class: 'recovery-codes', id: 'recovery-codes' }, ...codes.map((code) => h('li', {}, h('code', {}, code))));
  const message = new MessageBox();
  const copy = h('button', { type: 'button', class: 'btn btn-secondary', t: 'admin.codes.copy' });
  const download = h('button', { type: 'button', class: 'btn btn-secondary', t: 'admin.codes.download' });
  const saved = checkbox('codes-saved', 'admin.codes.saved');
  const next = h('button', { type: 'submit', class: 'btn btn-primary', id: 'codes-continue', t: 'admin.codes.continue' });
  const form = h('form', { class: 'admin-form', novalidate: true }, saved.root, next);
  const text = () => `${t('admin.codes.file.title')}\n\n${codes.join('\n')}\n`;

  copy.addEventListener('click', () => {
    navigator.clipboard.writeText(text()).then(
      () => message.ok('admin.codes.copied'),
      () => message.error('admin.copy.failed'),
    );
  });
  download.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
    const link = h('a', { href: url, download: 'okrsek-recovery-codes.txt', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!saved.input.checked) {
      message.error('admin.codes.confirm_first');
      saved.input.focus();
      return;
    }
    done();
  });

  const root = h(
    'section',
    { class: 'admin-card admin-card-medium' },
    heading,
    h('p', { t: 'admin.codes.intro' }),
    h('p', { class: 'hint', t: 'admin.codes.once' }),
    list,
    h('div', { class: 'admin-actions' }, copy, download),
    message.el,
    form,
  );
  return { name: 'recovery-codes', root, focus: heading };
}
