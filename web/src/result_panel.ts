// The result panel: what was picked and which areas contain it. Re-renders on language change.
import type { AreaRef, LookupResult } from './api';
import { formatDegrees, hasKey, lang, t, type MessageKey } from './i18n';

export type PanelState =
  | { kind: 'empty' }
  | { kind: 'loading'; lat: number; lon: number }
  | { kind: 'result'; lat: number; lon: number; result: LookupResult }
  | { kind: 'error'; lat: number; lon: number; code: string; towns: string[] };

const KNOWN_LAYERS = ['districts', 'city_parts', 'municipalities'] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function coordsLine(lat: number, lon: number): HTMLElement {
  const p = el('p', 'result-coords');
  p.append(el('span', 'result-coords-label', t('result.coords') + ': '));
  p.append(el('span', 'result-coords-value', t('result.coordsValue', { lat: formatDegrees(lat), lon: formatDegrees(lon) })));
  return p;
}

function layerLabel(layer: string): string {
  const key = `result.layer.${layer}`;
  return hasKey(key) ? t(key) : t('result.layer.other', { layer });
}

/** "#from=50.08750,14.42130": where the citizen is, for the district card. */
export function fromHash(lat: number, lon: number): string {
  return `#from=${lat.toFixed(5)},${lon.toFixed(5)}`;
}

function sortAreas(areas: AreaRef[]): AreaRef[] {
  const rank = (layer: string) => {
    const i = (KNOWN_LAYERS as readonly string[]).indexOf(layer);
    return i < 0 ? KNOWN_LAYERS.length : i;
  };
  return [...areas].sort((a, b) => rank(a.layer) - rank(b.layer));
}

function renderResult(result: LookupResult): HTMLElement {
  const list = el('dl', 'result-list');
  for (const area of sortAreas(result.areas)) {
    const row = el('div', `result-row result-row-${area.layer.replace(/[^a-z0-9_-]/gi, '')}`);
    row.dataset.layer = area.layer;
    const dt = el('dt', undefined, layerLabel(area.layer));
    const dd = el('dd', undefined, area.name);
    row.append(dt, dd);
    list.append(row);
  }
  const district = result.areas.find((a) => a.layer === 'districts');
  if (!district) return list;
  // The district's card: its team, contacts, stations, priorities and meetings.
  const box = el('div', 'result-areas');
  const link = el('a', 'result-team-link', t('result.team'));
  // The point goes in the fragment (never sent to the server): the card measures the nearest
  // stations from it.
  link.href = `/districts/${district.id}` + (lang() === 'cs' ? '' : `?lang=${lang()}`) + fromHash(result.lat, result.lon);
  const p = el('p', 'result-team');
  p.append(link);
  box.append(list, p);
  return box;
}

const ERROR_KEYS: Record<string, MessageKey> = {
  outside_coverage: 'error.outside_coverage',
  invalid_argument: 'error.invalid_argument',
  network: 'error.network',
};

function errorKey(code: string): MessageKey {
  return ERROR_KEYS[code] ?? 'error.server';
}

export interface PanelParts {
  section: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
  onRetry: () => void;
}

export function renderPanel({ section, body, actions, onRetry }: PanelParts, state: PanelState): void {
  section.dataset.state = state.kind;
  body.replaceChildren();
  actions.hidden = state.kind !== 'result' && state.kind !== 'error';
  switch (state.kind) {
    case 'empty':
      body.append(el('p', 'result-empty', t('result.empty')));
      return;
    case 'loading': {
      const p = el('p', 'result-loading');
      p.append(el('span', 'spinner'), document.createTextNode(t('result.loading')));
      body.append(p, coordsLine(state.lat, state.lon));
      return;
    }
    case 'result':
      body.append(renderResult(state.result), coordsLine(state.lat, state.lon));
      return;
    case 'error': {
      const box = el('div', `result-error result-error-${state.code.replace(/[^a-z0-9_-]/gi, '')}`);
      box.dataset.code = state.code;
      box.append(el('p', 'result-error-text', t(errorKey(state.code))));
      if (state.code === 'outside_coverage' && state.towns.length > 0) {
        box.append(el('p', 'result-error-towns', t('error.outside_coverage.towns', { towns: state.towns.join(', ') })));
      }
      if (state.code !== 'outside_coverage' && state.code !== 'invalid_argument') {
        const retry = el('button', 'btn btn-secondary btn-small', t('error.retry'));
        retry.type = 'button';
        retry.addEventListener('click', onRetry);
        box.append(retry);
      }
      body.append(box, coordsLine(state.lat, state.lon));
      return;
    }
  }
}
