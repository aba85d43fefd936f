// Address search with suggestions as you type: an ARIA 1.2 combobox (input + listbox) over
// GET /api/v1/addresses. Keyboard: ↓/↑ move through the suggestions, Enter picks, Escape closes.
// Requests are debounced and the previous one is aborted, so a slow answer never overwrites a
// newer one.
import { ApiError, searchAddresses, type AddressMatch } from './api';
import { t } from './i18n';

export interface AddressSearchParts {
  form: HTMLFormElement;
  input: HTMLInputElement;
  list: HTMLUListElement;
  status: HTMLElement;
  onPick: (address: AddressMatch) => void;
  /** The user's town (RÚIAN code) to rank first, when known. */
  town?: () => number | null;
}

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
const LIMIT = 8;

export interface AddressSearch {
  /** Re-renders texts after a language change. */
  relabel(): void;
}

export function createAddressSearch(parts: AddressSearchParts): AddressSearch {
  const { form, input, list, status } = parts;
  let matches: AddressMatch[] = [];
  let active = -1;
  let timer: number | undefined;
  let abort: AbortController | null = null;
  let seq = 0;
  let lastQuery = '';
  let state: 'idle' | 'loading' | 'results' | 'none' | 'error' = 'idle';

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  list.setAttribute('role', 'listbox');

  function optionId(i: number): string {
    return `${list.id}-option-${i}`;
  }

  function renderStatus(): void {
    switch (state) {
      case 'idle':
        status.textContent = '';
        break;
      case 'loading':
        status.textContent = t('search.loading');
        break;
      case 'results':
        status.textContent = t('search.count', { count: matches.length });
        break;
      case 'none':
        status.textContent = t('search.none');
        break;
      case 'error':
        status.textContent = t('search.error');
        break;
    }
    status.dataset.state = state;
  }

  function districtText(m: AddressMatch): string {
    if (m.district) return t('search.inDistrict', { district: m.district.name });
    if (!m.position) return t('search.noPosition');
    return t('search.noDistrict');
  }

  function render(): void {
    list.replaceChildren();
    matches.forEach((m, i) => {
      const li = document.createElement('li');
      li.id = optionId(i);
      li.className = 'address-option';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.dataset.code = String(m.code);
      const main = document.createElement('span');
      main.className = 'address-option-label';
      main.textContent = m.label;
      const sub = document.createElement('span');
      sub.className = 'address-option-district';
      sub.textContent = districtText(m);
      li.append(main, sub);
      // mousedown, not click: the input must not lose focus (and close the list) first.
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(i);
      });
      list.append(li);
    });
    const open = matches.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', optionId(active));
      document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
    renderStatus();
  }

  function close(): void {
    matches = [];
    active = -1;
    render();
  }

  function pick(i: number): void {
    const m = matches[i];
    if (!m) return;
    input.value = m.label;
    lastQuery = m.label;
    state = 'idle';
    close();
    parts.onPick(m);
  }

  async function run(query: string): Promise<void> {
    const mine = ++seq;
    abort?.abort();
    abort = new AbortController();
    state = 'loading';
    renderStatus();
    try {
      const town = parts.town?.() ?? null;
      const answer = await searchAddresses(query, { limit: LIMIT, town }, abort.signal);
      if (mine !== seq) return;
      matches = answer.addresses;
      active = -1;
      state = matches.length ? 'results' : 'none';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (mine !== seq) return;
      if (!(err instanceof ApiError)) console.error(err);
      matches = [];
      active = -1;
      state = 'error';
    }
    render();
  }

  function onInput(): void {
    const query = input.value.trim();
    window.clearTimeout(timer);
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < MIN_CHARS) {
      seq++;
      abort?.abort();
      state = 'idle';
      close();
      return;
    }
    timer = window.setTimeout(() => void run(query), DEBOUNCE_MS);
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!matches.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + matches.length) % matches.length;
      render();
    } else if (event.key === 'Escape') {
      if (matches.length) {
        event.preventDefault();
        close();
      }
    }
  }

  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', () => window.setTimeout(close, 100));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (matches.length) {
      pick(active >= 0 ? active : 0);
      return;
    }
    const query = input.value.trim();
    if (query.length >= MIN_CHARS) {
      window.clearTimeout(timer);
      lastQuery = query;
      void run(query).then(() => {
        if (matches.length === 1) pick(0);
      });
    }
  });

  return {
    relabel: () => render(),
  };
}
