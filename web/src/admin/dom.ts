// Building the back office's DOM without innerHTML: every text is set with textContent.
// Texts made here remember their message key (data-t, data-t-params, data-t-attr) and dates
// their ISO value (data-iso), so retranslate() can switch the language without rebuilding the
// views (typed input survives a language switch).
import { lang, t, type MessageKey } from '../i18n';

export type Params = Record<string, string | number>;
export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Message key for the element's text. */
  t?: MessageKey;
  params?: Params;
  /** Attributes whose values are message keys, e.g. { 'aria-label': 'admin.nav.label' }. */
  tAttr?: Record<string, MessageKey>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
  [attribute: string]: unknown;
}

const RESERVED = new Set(['class', 't', 'params', 'tAttr', 'on']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  for (const [name, value] of Object.entries(props)) {
    if (RESERVED.has(name) || value === undefined || value === null || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  if (props.t) setText(el, props.t, props.params);
  if (props.tAttr) {
    el.dataset.tAttr = JSON.stringify(props.tAttr);
    for (const [attr, key] of Object.entries(props.tAttr)) el.setAttribute(attr, t(key));
  }
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    if (handler) el.addEventListener(event, handler);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child);
  }
}

/** Sets an element's text from a message key (and keeps the key for retranslate). */
export function setText(el: HTMLElement, key: MessageKey, params?: Params): void {
  el.dataset.t = key;
  if (params) el.dataset.tParams = JSON.stringify(params);
  else delete el.dataset.tParams;
  el.textContent = t(key, params);
}

/** Empties an element's text and forgets its key. */
export function clearText(el: HTMLElement): void {
  delete el.dataset.t;
  delete el.dataset.tParams;
  el.textContent = '';
}

/** A <span> with a translated text. */
export function tx(key: MessageKey, params?: Params): HTMLSpanElement {
  return h('span', { t: key, params });
}

const LOCALES = { cs: 'cs-CZ', en: 'en-GB' } as const;

/** Date and time in Europe/Prague, in the current language. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang()], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Prague',
  }).format(date);
}

/** A <time> showing `iso` (or "—" when missing). */
export function time(iso: string | null | undefined): HTMLElement {
  if (!iso) return h('span', { class: 'muted', t: 'admin.none' });
  const el = h('time', { datetime: iso, 'data-iso': iso });
  el.textContent = formatDateTime(iso);
  return el;
}

/** Re-applies every remembered message key and date under `root` in the current language. */
export function retranslate(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-t]')) {
    const params = el.dataset.tParams ? (JSON.parse(el.dataset.tParams) as Params) : undefined;
    el.textContent = t(el.dataset.t as MessageKey, params);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-t-attr]')) {
    const attrs = JSON.parse(el.dataset.tAttr ?? '{}') as Record<string, MessageKey>;
    for (const [attr, key] of Object.entries(attrs)) el.setAttribute(attr, t(key));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-iso]')) {
    el.textContent = formatDateTime(el.dataset.iso ?? '');
  }
}

/** Moves focus to `el` (made focusable for the purpose) without scrolling past it. */
export function focus(el: HTMLElement | null | undefined): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(INPUT|BUTTON|SELECT|TEXTAREA|A)$/.test(el.tagName)) {
    el.setAttribute('tabindex', '-1');
  }
  el.focus();
}
