// What the problem is: the town's categories with their descriptions (radio buttons), the
// chosen category's guidance, and its extra fields (text, select, time of day).
import { lang, t } from '../i18n';
import { el } from '../district/dom';
import type { Category, ExtraField } from './api';
import { field, input, type Field } from './fields';

const TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'night', 'any'] as const;

export interface CategoryPicker {
  root: HTMLElement;
  extras: HTMLElement;
  setCategories(categories: Category[]): void;
  chosen(): Category | null;
  /** The extra fields' values (empty ones left out). */
  extraValues(): Record<string, string>;
  /** Client-side checks; returns the first control with a problem. */
  validate(): HTMLElement | null;
  setError(message: string | null): void;
  setExtraError(key: string | null, message: string): boolean;
  clearErrors(): void;
  focus(): void;
  relabel(): void;
}

const localized = (cs: string | undefined, en: string | undefined, fallback: string) =>
  (lang() === 'en' ? en : cs) || fallback;

export function createCategoryPicker(onChange: (category: Category | null) => void): CategoryPicker {
  let categories: Category[] = [];
  let chosenCode = '';
  let extraFields: Array<{ spec: ExtraField; field: Field<HTMLInputElement | HTMLSelectElement> }> = [];

  const root = el('fieldset', 'report-box report-categories');
  root.id = 'report-category';
  const legend = el('legend', 'report-section-heading', t('report.category.heading'));
  legend.dataset.i18n = 'report.category.heading';
  const list = el('div', 'report-category-list');
  const error = el('p', 'rf-error');
  error.id = 'report-category-error';
  error.hidden = true;
  const guidance = el('div', 'report-guidance');
  guidance.id = 'report-guidance';
  guidance.hidden = true;
  root.append(legend, error, list, guidance);
  const extras = el('div', 'report-extras');
  extras.id = 'report-extras';

  function chosen(): Category | null {
    return categories.find((c) => c.code === chosenCode) ?? null;
  }

  function renderList(): void {
    list.replaceChildren();
    if (!categories.length) {
      list.append(el('p', 'report-muted', t('report.category.none')));
      return;
    }
    categories.forEach((c, i) => {
      const id = `report-category-${c.code}`;
      const item = el('div', 'report-category');
      item.dataset.code = c.code;
      item.dataset.accepts = String(c.accepts_reports);
      const radio = input('radio', 'category', { id, value: c.code, checked: c.code === chosenCode });
      const label = el('label', 'report-category-name', localized(c.name_cs, c.name_en, c.name));
      label.htmlFor = id;
      const text = localized(c.description_cs, c.description_en, c.description);
      const description = el('p', 'report-category-description', c.accepts_reports ? text : [text, t('report.category.adviceOnly')].filter(Boolean).join(' '));
      description.id = `${id}-description`;
      radio.setAttribute('aria-describedby', `${id}-description${i === 0 ? ' report-category-error' : ''}`);
      radio.addEventListener('change', () => {
        chosenCode = c.code;
        error.hidden = true;
        renderChosen();
        onChange(chosen());
      });
      item.append(radio, label, description);
      list.append(item);
    });
  }

  function renderChosen(): void {
    const c = chosen();
    const text = c ? localized(c.guidance_cs, c.guidance_en, c.guidance) : '';
    guidance.hidden = !text;
    guidance.replaceChildren();
    if (text) {
      const h3 = el('h3', 'report-guidance-heading', t(c?.accepts_reports ? 'report.category.guidance' : 'report.category.guidanceOnly'));
      guidance.append(h3);
      for (const block of text.split(/\n\s*\n/)) guidance.append(el('p', '', block.trim()));
    }
    guidance.dataset.only = String(Boolean(c && !c.accepts_reports));
    renderExtras();
  }

  function extraControl(spec: ExtraField, id: string): HTMLInputElement | HTMLSelectElement {
    if (spec.type === 'text') return input('text', `extra.${spec.key}`, { maxLength: spec.max_length ?? 500, autocomplete: 'off' });
    const select = el('select');
    select.name = `extra.${spec.key}`;
    select.id = id;
    select.append(new Option(t('report.extra.choose'), ''));
    if (spec.type === 'select') {
      for (const o of spec.options ?? []) select.append(new Option(localized(o.label_cs, o.label_en, o.value), o.value));
    } else {
      for (const v of TIMES_OF_DAY) select.append(new Option(t(`report.extra.time.${v}`), v));
    }
    return select;
  }

  function renderExtras(): void {
    const previous = Object.fromEntries(extraFields.map((f) => [f.spec.key, f.field.control.value]));
    extraFields = [];
    extras.replaceChildren();
    const c = chosen();
    if (!c || !c.accepts_reports) return;
    for (const spec of c.extra_fields ?? []) {
      const id = `report-extra-${spec.key}`;
      const f = field(id, null, extraControl(spec, id));
      const name = localized(spec.label_cs, spec.label_en, spec.key);
      f.label.textContent = spec.required ? name : t('report.extra.optional', { label: name });
      if (spec.required) f.control.required = true;
      f.control.value = previous[spec.key] ?? '';
      extraFields.push({ spec, field: f });
      extras.append(f.root);
    }
  }

  return {
    root,
    extras,
    setCategories(next) {
      categories = next;
      if (!chosen()) chosenCode = '';
      renderList();
      renderChosen();
      onChange(chosen());
    },
    chosen,
    extraValues() {
      const values: Record<string, string> = {};
      for (const { spec, field: f } of extraFields) if (f.control.value.trim()) values[spec.key] = f.control.value.trim();
      return values;
    },
    validate() {
      let first: HTMLElement | null = null;
      if (!chosen()) {
        error.textContent = t('report.error.field.category');
        error.hidden = false;
        first = list.querySelector('input');
      }
      for (const { spec, field: f } of extraFields) {
        if (spec.required && !f.control.value.trim()) {
          f.setError(t('report.error.required'));
          first ??= f.control;
        } else f.setError(null);
      }
      return first;
    },
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
    },
    setExtraError(key, message) {
      const target = extraFields.find((f) => f.spec.key === key) ?? extraFields[0];
      if (!target) return false;
      target.field.setError(message);
      target.field.control.focus();
      return true;
    },
    clearErrors() {
      error.hidden = true;
      for (const f of extraFields) f.field.setError(null);
    },
    focus() {
      (list.querySelector<HTMLInputElement>('input:checked') ?? list.querySelector<HTMLInputElement>('input'))?.focus();
    },
    relabel() {
      renderList();
      renderChosen();
    },
  };
}
