// okrsek back office: sign-in (with a second factor), own account, user administration,
// roles, machine tokens and the audit log. Served at /admin/.
// One stylesheet: the public page's base parts, then the back office's own (see the file).
import '../styles/admin-page.css';
import { initialLang, lang, onLangChange, setLang, t } from '../i18n';
import { App } from './app';
import { retranslate } from './dom';

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from admin/index.html`);
  return node as T;
}

const langSwitch = byId<HTMLButtonElement>('lang-switch');
const langSwitchText = byId<HTMLSpanElement>('lang-switch-text');

function renderLang(): void {
  langSwitchText.textContent = t('lang.switch.label');
  langSwitchText.lang = t('lang.switch.lang');
  retranslate(document.body);
  document.title = t('admin.meta.title');
}

const search = new URLSearchParams(window.location.search);
onLangChange(renderLang);
setLang(initialLang(search), search.has('lang'));
langSwitch.addEventListener('click', () => setLang(lang() === 'cs' ? 'en' : 'cs', true));

const app = new App({
  view: byId('admin-view'),
  notice: byId('admin-notice'),
  bar: byId('admin-bar'),
  navList: byId<HTMLUListElement>('admin-nav-list'),
  userName: byId('admin-user-name'),
  logout: byId<HTMLButtonElement>('admin-logout'),
});
void app.start();
