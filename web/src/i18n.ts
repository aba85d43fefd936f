// UI language: every user-facing string comes from src/locales/*.json.
import cs from './locales/cs.json';
import en from './locales/en.json';

export type Lang = 'cs' | 'en';
export type MessageKey = keyof typeof cs;

const catalogs: Record<Lang, Record<MessageKey, string>> = { cs, en };
export const DEFAULT_LANG: Lang = 'cs';
const STORAGE_KEY = 'okrsek.lang';

let current: Lang = DEFAULT_LANG;
const listeners: Array<(lang: Lang) => void> = [];

export function isLang(value: unknown): value is Lang {
  return value === 'cs' || value === 'en';
}

/** The language to start with: ?lang= in the URL, then the stored choice, then Czech. */
export function initialLang(search: URLSearchParams): Lang {
  const fromUrl = search.get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policies): the default is fine then.
  }
  return DEFAULT_LANG;
}

export function lang(): Lang {
  return current;
}

/** Looks up `key` and fills `{name}` placeholders from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogs[current][key] ?? catalogs[DEFAULT_LANG][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function hasKey(key: string): key is MessageKey {
  return key in catalogs[DEFAULT_LANG];
}

export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.push(listener);
}

export function setLang(next: Lang, persist: boolean): void {
  current = next;
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See initialLang.
    }
  }
  document.documentElement.lang = next;
  applyStaticTranslations(document);
  for (const listener of listeners) listener(next);
}

/** Fills elements marked with data-i18n (text) and data-i18n-attr ("attr:key;attr:key"). */
export function applyStaticTranslations(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n ?? '';
    if (hasKey(key)) el.textContent = t(key);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (el.dataset.i18nAttr ?? '').split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key && hasKey(key)) el.setAttribute(attr, t(key));
    }
  }
  document.title = t('meta.title');
}

/** Formats a coordinate for display with the language's decimal separator. */
export function formatDegrees(value: number): string {
  return new Intl.NumberFormat(current === 'cs' ? 'cs-CZ' : 'en-GB', {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  }).format(value);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current === 'cs' ? 'cs-CZ' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Prague',
  }).format(date);
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat(current === 'cs' ? 'cs-CZ' : 'en-GB').format(value);
}
