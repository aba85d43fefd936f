// Labelled form controls whose hint and error are tied to them with aria-describedby, and the
// message for an API error at a field.
import { ApiError } from '../api';
import { hasKey, t, type MessageKey } from '../i18n';
import { el } from '../district/dom';

export interface Field<C extends HTMLElement> {
  root: HTMLElement;
  control: C;
  label: HTMLLabelElement;
  hint: HTMLElement | null;
  error: HTMLElement;
  setError(message: string | null): void;
}

/** A wrapper with a label, the control, an optional hint and a hidden error line. */
export function field<C extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
  id: string,
  labelKey: MessageKey | null,
  control: C,
  hintKey: MessageKey | null = null,
): Field<C> {
  const root = el('div', 'rf-field');
  control.id = id;
  const label = el('label', 'rf-label');
  label.htmlFor = id;
  if (labelKey) {
    label.dataset.i18n = labelKey;
    label.textContent = t(labelKey);
  }
  const error = el('p', 'rf-error');
  error.id = `${id}-error`;
  error.hidden = true;
  let hint: HTMLElement | null = null;
  const described = [error.id];
  if (hintKey) {
    hint = el('p', 'rf-hint', t(hintKey));
    hint.id = `${id}-hint`;
    hint.dataset.i18n = hintKey;
    described.unshift(hint.id);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  root.append(label, control);
  if (hint) root.append(hint);
  root.append(error);
  return {
    root,
    control,
    label,
    hint,
    error,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

export function input(type: string, name: string, extra: Partial<HTMLInputElement> = {}): HTMLInputElement {
  const node = el('input');
  node.type = type;
  node.name = name;
  Object.assign(node, extra);
  return node;
}

export function textarea(name: string, maxBytes: number): HTMLTextAreaElement {
  const node = el('textarea', 'rf-textarea');
  node.name = name;
  node.rows = 5;
  node.maxLength = maxBytes;
  return node;
}

/** A localized message for an API error: per field when we have one, else per code. */
export function errorMessage(err: unknown, field?: string): string {
  if (err instanceof ApiError) {
    const name = (field ?? err.field ?? '').replace(/^contact\./, '').replace(/^extra\..*$/, 'extra');
    if (err.code === 'invalid_argument' && name) {
      const key = `report.error.field.${name}`;
      if (hasKey(key)) return t(key);
    }
    const key = `report.error.code.${err.code}`;
    if (hasKey(key)) return t(key);
    return err.message ? t('report.error.withMessage', { message: err.message }) : t('report.error.code.unknown');
  }
  return t('report.error.code.network');
}
