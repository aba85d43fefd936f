// Accessible form parts: labelled controls with hints and error texts tied by
// aria-describedby, form-level messages in live regions, busy submit buttons.
import { hasKey, type MessageKey } from '../i18n';
import { AdminApiError } from './api';
import { clearText, focus, h, setText, type Params } from './dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<C extends Control = HTMLInputElement> {
  root: HTMLDivElement;
  control: C;
  value(): string;
  /** Shows one or more messages under the control (none clears). */
  setError(...keys: Array<MessageKey | [MessageKey, Params]>): void;
}

export interface FieldOptions {
  hint?: MessageKey;
  /** Attributes of the control: type, autocomplete, inputmode, required… */
  attrs?: Record<string, unknown>;
  class?: string;
}

function build<C extends Control>(id: string, label: MessageKey, control: C, options: FieldOptions): Field<C> {
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const hint = options.hint ? h('p', { id: `${id}-hint`, class: 'hint', t: options.hint }) : null;
  control.id = id;
  control.name = control.name || id;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
  const root = h('div', { class: `field ${options.class ?? ''}`.trim() }, h('label', { for: id, t: label }), hint, control, error);
  return {
    root,
    control,
    value: () => control.value.trim(),
    setError(...keys) {
      error.replaceChildren();
      for (const item of keys) {
        const [key, params] = Array.isArray(item) ? item : [item, undefined];
        error.append(h('span', { class: 'field-error-line', t: key, params }));
      }
      error.hidden = keys.length === 0;
      if (keys.length) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

export function inputField(id: string, label: MessageKey, options: FieldOptions = {}): Field<HTMLInputElement> {
  return build(id, label, h('input', { type: 'text', ...options.attrs }), options);
}

export function textareaField(id: string, label: MessageKey, options: FieldOptions = {}): Field<HTMLTextAreaElement> {
  return build(id, label, h('textarea', { rows: 2, ...options.attrs }), options);
}

export interface Choice {
  value: string;
  t?: MessageKey;
  text?: string;
}

export function selectField(id: string, label: MessageKey, choices: Choice[], options: FieldOptions = {}): Field<HTMLSelectElement> {
  const select = h('select', { ...options.attrs });
  for (const choice of choices) {
    const option = h('option', { value: choice.value, t: choice.t });
    if (!choice.t) option.textContent = choice.text ?? choice.value;
    select.append(option);
  }
  return build(id, label, select, options);
}

/** A checkbox with its label after it. */
export function checkbox(id: string, label: MessageKey, attrs: Record<string, unknown> = {}): { root: HTMLDivElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', id, name: id, ...attrs });
  return { root: h('div', { class: 'field field-check' }, input, h('label', { for: id, t: label })), input };
}

/** A form-level message area: errors are announced at once (role=alert), successes politely. */
export class MessageBox {
  readonly el = h('div', { class: 'inline-message', 'aria-live': 'polite' });

  error(key: MessageKey, params?: Params): void {
    this.el.className = 'inline-message inline-message-error';
    this.el.setAttribute('role', 'alert');
    setText(this.el, key, params);
  }

  ok(key: MessageKey, params?: Params): void {
    this.el.className = 'inline-message inline-message-ok';
    this.el.setAttribute('role', 'status');
    setText(this.el, key, params);
  }

  clear(): void {
    this.el.removeAttribute('role');
    clearText(this.el);
  }
}

/** Runs `work` with the button disabled and marked busy. */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** The message for an API failure (other than the field problems a view handles itself). */
export function errorMessage(err: unknown): [MessageKey, Params?] {
  if (!(err instanceof AdminApiError)) {
    console.error(err);
    return ['admin.error.server'];
  }
  if (err.code === 'rate_limited') {
    return err.retryAfterS ? ['admin.error.rate_limited.wait', { seconds: err.retryAfterS }] : ['admin.error.rate_limited'];
  }
  const key = `admin.error.${err.code}`;
  if (hasKey(key)) return [key];
  if (err.status >= 500) return ['admin.error.server'];
  return ['admin.error.unexpected', { message: err.message }];
}

const FIELD_CODES = new Set(['invalid_argument', 'invalid_input', 'not_found', 'conflict']);

/** The message for a problem the server pinned on a field ("admin.error.field.scope.not_found"…). */
function fieldMessage(err: AdminApiError): MessageKey | [MessageKey, Params] {
  for (const key of [`admin.error.field.${err.field}.${err.code}`, `admin.error.field.${err.field}`]) {
    if (hasKey(key)) return key;
  }
  return ['admin.error.unexpected', { message: err.message }];
}

/** Shows an API failure: on its field when the server named one we show, else in `box`. */
export function showFailure(err: unknown, box: MessageBox, fields: Record<string, Field<Control>> = {}): void {
  const field = err instanceof AdminApiError && err.field ? fields[err.field] : undefined;
  if (field && err instanceof AdminApiError && FIELD_CODES.has(err.code)) {
    field.setError(fieldMessage(err));
    box.error('admin.error.fix');
    focus(field.control);
    return;
  }
  const [key, params] = errorMessage(err);
  box.error(key, params);
}

/** Checks that required fields are filled; marks the empty ones. Returns false when any is. */
export function requireFilled(fields: Array<Field<Control>>, box: MessageBox): boolean {
  let first: Field<Control> | null = null;
  for (const field of fields) {
    if (field.value() === '') {
      field.setError('admin.error.required');
      first ??= field;
    } else {
      field.setError();
    }
  }
  if (first) {
    box.error('admin.error.fix');
    focus(first.control);
    return false;
  }
  return true;
}
