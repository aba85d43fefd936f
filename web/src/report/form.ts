// The report form: place, category (with guidance and extra fields), similar reports nearby,
// description, photos, optional contact, and a honeypot for bots. Client-side checks first;
// the API's errors are shown at the field they name.
import { ApiError, fetchMunicipalities } from '../api';
import { lang, t } from '../i18n';
import { el } from '../district/dom';
import * as api from './api';
import { errorMessage, field, input, textarea } from './fields';
import { createCategoryPicker } from './form_category';
import { createPhotoPicker } from './form_photos';
import { createPlacePicker, type Place } from './form_place';
import { byteLength, dateTime, pageHref, stateText } from './labels';
import { submittedView } from './submitted';
import type { View } from './view';

const MIN_DESCRIPTION_BYTES = 10;
const MAX_DESCRIPTION_BYTES = 5000;

export interface FormPreset {
  lat: number | null;
  lon: number | null;
  district: number | null;
}

function nearbyBox(): { root: HTMLElement; show(reports: api.PublicReport[]): void } {
  const root = el('section', 'report-nearby');
  root.id = 'report-nearby';
  root.setAttribute('aria-live', 'polite');
  root.hidden = true;
  return {
    root,
    show(reports) {
      root.replaceChildren();
      root.hidden = reports.length === 0;
      if (!reports.length) return;
      const h3 = el('h3', 'report-nearby-heading', t('report.nearby.heading'));
      const list = el('ul', 'report-nearby-list');
      for (const r of reports) {
        const li = el('li');
        const a = el('a', '', t('report.view.title', { id: r.id, category: r.category_name }));
        a.href = pageHref(`id=${r.id}`);
        a.target = '_blank';
        li.append(a, ` — ${stateText(r)}, ${dateTime(r.created_at)}`);
        if (r.address_text) li.append(`, ${r.address_text}`);
        list.append(li);
      }
      root.append(h3, el('p', '', t('report.nearby.text')), list);
    },
  };
}

export function formView(container: HTMLElement, preset: FormPreset): View {
  let town: number | null = null;
  let categoriesFor: number | null = null;
  let sending = false;
  let done: View | null = null;
  let nearbySeq = 0;

  const nearby = nearbyBox();
  const place = createPlacePicker((p) => void placeChanged(p));
  const category = createCategoryPicker(() => {
    refreshRest();
    void refreshNearby();
  });
  const photos = createPhotoPicker();

  const form = el('form', 'report-form');
  form.id = 'report-form';
  form.noValidate = true;
  const placeBox = el('div', 'report-box report-place-box');
  placeBox.append(place.fields);

  const rest = el('div', 'report-rest');
  const details = el('section', 'report-box');
  details.setAttribute('aria-labelledby', 'report-details-heading');
  const detailsHeading = el('h2', 'report-section-heading', t('report.details.heading'));
  detailsHeading.id = 'report-details-heading';
  detailsHeading.dataset.i18n = 'report.details.heading';
  const description = field('report-description', 'report.description.label', textarea('description', MAX_DESCRIPTION_BYTES), null);
  const counter = el('p', 'rf-hint report-counter');
  counter.id = 'report-description-count';
  description.control.setAttribute('aria-describedby', `${counter.id} ${description.error.id}`);
  description.control.rows = 6;
  description.root.insertBefore(counter, description.error);
  details.append(detailsHeading, category.extras, nearby.root, description.root, photos.root);

  const contact = el('fieldset', 'report-box report-contact');
  const contactLegend = el('legend', 'report-section-heading', t('report.contact.heading'));
  contactLegend.dataset.i18n = 'report.contact.heading';
  const privacy = el('p', 'report-privacy', t('report.contact.privacy'));
  privacy.dataset.i18n = 'report.contact.privacy';
  const name = field('report-name', 'report.contact.name', input('text', 'name', { autocomplete: 'name', maxLength: 200 }));
  const email = field('report-email', 'report.contact.email', input('email', 'email', { autocomplete: 'email', maxLength: 254 }), 'report.contact.emailHint');
  const phone = field('report-phone', 'report.contact.phone', input('tel', 'phone', { autocomplete: 'tel', maxLength: 40 }));
  const showName = input('checkbox', 'show_name', { id: 'report-show-name', checked: false });
  const showNameLabel = el('label', 'rf-check');
  showNameLabel.htmlFor = showName.id;
  const showNameText = el('span', '', t('report.contact.showName'));
  showNameText.dataset.i18n = 'report.contact.showName';
  showNameLabel.append(showName, showNameText);
  contact.append(contactLegend, privacy, name.root, email.root, phone.root, showNameLabel);

  // Bots fill every field; people never see this one, nor do screen readers or the Tab key.
  const trap = el('div', 'report-hp');
  trap.setAttribute('aria-hidden', 'true');
  const trapInput = input('text', 'website', { id: 'report-website', tabIndex: -1, autocomplete: 'off', value: '' });
  const trapLabel = el('label', '', t('report.honeypot'));
  trapLabel.htmlFor = trapInput.id;
  trapLabel.dataset.i18n = 'report.honeypot';
  trap.append(trapLabel, trapInput);

  const submitBox = el('div', 'report-submit');
  const formError = el('p', 'report-notice report-notice-error');
  formError.id = 'report-form-error';
  formError.setAttribute('role', 'alert');
  formError.hidden = true;
  const submit = el('button', 'btn btn-primary btn-block', t('report.submit'));
  submit.type = 'submit';
  submit.id = 'report-submit';
  submit.dataset.i18n = 'report.submit';
  submitBox.append(formError, submit);
  rest.append(details, contact, trap, submitBox);
  form.append(placeBox, category.root, rest);

  function renderCounter(): void {
    const bytes = byteLength(description.control.value);
    counter.textContent = t('report.description.counter', { bytes, max: MAX_DESCRIPTION_BYTES, min: MIN_DESCRIPTION_BYTES });
    counter.classList.toggle('is-over', bytes > MAX_DESCRIPTION_BYTES);
  }
  description.control.addEventListener('input', renderCounter);

  function refreshRest(): void {
    const c = category.chosen();
    rest.hidden = Boolean(c && !c.accepts_reports);
    form.dataset.guidanceOnly = String(rest.hidden);
  }

  async function loadCategories(code: number): Promise<void> {
    if (categoriesFor === code) return;
    categoriesFor = code;
    try {
      category.setCategories((await api.fetchCategories(code)).categories);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      category.setCategories([]);
      category.setError(errorMessage(err));
    }
    container.dataset.categories = 'ready';
  }

  async function placeChanged(p: Place | null): Promise<void> {
    if (p?.town && p.town !== town) {
      town = p.town;
      await loadCategories(p.town);
    }
    void refreshNearby();
  }

  async function refreshNearby(): Promise<void> {
    const mine = ++nearbySeq;
    const p = place.place();
    const c = category.chosen();
    if (!p || !c || !c.accepts_reports) return nearby.show([]);
    try {
      const { reports } = await api.fetchNearby(p.lon, p.lat, c.code);
      if (mine === nearbySeq) nearby.show(reports);
    } catch {
      if (mine === nearbySeq) nearby.show([]);
    }
    container.dataset.nearby = String(nearby.root.hidden ? 0 : nearby.root.querySelectorAll('li').length);
  }

  function clearErrors(): void {
    place.setError(null);
    category.clearErrors();
    for (const f of [description, name, email, phone]) f.setError(null);
    formError.hidden = true;
  }

  /** Marks every problem; returns the first control with one, in reading order. */
  function validate(): HTMLElement | null {
    const problems: HTMLElement[] = [];
    const p = place.place();
    if (!p || p.town === null) {
      place.setError(t(p ? 'report.place.outside' : 'report.error.field.place'));
      problems.push(document.getElementById('report-lat') ?? form);
    }
    const categoryProblem = category.validate();
    if (categoryProblem) problems.push(categoryProblem);
    const text = description.control.value.trim();
    if (!text) {
      description.setError(t('report.error.field.description'));
      problems.push(description.control);
    } else if (byteLength(text) > MAX_DESCRIPTION_BYTES) {
      description.setError(t('report.error.tooLong', { max: MAX_DESCRIPTION_BYTES }));
      problems.push(description.control);
    }
    const mail = email.control.value.trim();
    if (mail && !/^[^\s@]+@[^\s@]+$/.test(mail)) {
      email.setError(t('report.error.field.email'));
      problems.push(email.control);
    }
    problems.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return problems[0] ?? null;
  }

  function showApiError(err: unknown): void {
    const fieldName = err instanceof ApiError ? (err.field ?? '') : '';
    const message = errorMessage(err);
    const plain = fieldName.replace(/^contact\./, '');
    const targets: Record<string, { setError(m: string): void; control: HTMLElement }> = {
      description: description as never,
      name: name as never,
      email: email as never,
      phone: phone as never,
    };
    if (plain === 'lon' || plain === 'lat' || plain === 'position' || plain === 'place') {
      place.setError(message);
      place.focus();
    } else if (plain === 'category') {
      category.setError(message);
      category.focus();
    } else if (plain.startsWith('extra') && category.setExtraError(plain.split('.')[1] ?? null, message)) {
      // shown at the extra field
    } else if (targets[plain]) {
      targets[plain].setError(message);
      targets[plain].control.focus();
    } else {
      formError.textContent = message;
      formError.hidden = false;
      formError.focus();
    }
  }

  async function onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (sending) return;
    clearErrors();
    const first = validate();
    if (first) {
      first.focus();
      return;
    }
    const p = place.place()!;
    const c = category.chosen()!;
    sending = true;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.submitReport({
        lon: p.lon,
        lat: p.lat,
        address_text: place.addressText(),
        category: c.code,
        description: description.control.value.trim(),
        extra: category.extraValues(),
        contact: { name: name.control.value.trim(), email: email.control.value.trim(), phone: phone.control.value.trim() },
        show_name: showName.checked,
        website: trapInput.value,
        lang: lang(),
      });
      const failed: string[] = [];
      for (const file of photos.files()) {
        try {
          await api.uploadPhoto(answer.id, answer.tracking_token, file);
        } catch (err) {
          failed.push(`${file.name}: ${errorMessage(err)}`);
        }
      }
      done = submittedView(container, answer, c, failed);
      await done.start();
      window.scrollTo(0, 0);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(err);
      showApiError(err);
    } finally {
      sending = false;
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  }
  form.addEventListener('submit', (e) => void onSubmit(e));

  async function start(): Promise<void> {
    container.dataset.view = 'form';
    container.dataset.state = 'loading';
    const h1 = el('h1', 'report-title', t('report.form.heading'));
    h1.id = 'report-heading';
    h1.dataset.i18n = 'report.form.heading';
    const intro = el('p', 'report-intro', t('report.form.intro'));
    intro.dataset.i18n = 'report.form.intro';
    container.replaceChildren(h1, intro, place.finder, form);
    renderCounter();
    refreshRest();
    const startPlace = place.start(preset);
    // Before any place is chosen, the first town served gives the categories.
    if (!town) {
      try {
        const { municipalities } = await fetchMunicipalities();
        const first = municipalities[0];
        if (first && !town) await loadCategories(first.code);
      } catch (err) {
        console.error('municipalities', err);
      }
    }
    await startPlace;
    container.dataset.state = 'ready';
  }

  return {
    start,
    relabel() {
      if (done) return done.relabel();
      renderCounter();
      place.relabel();
      category.relabel();
      photos.relabel();
      const cached = categoriesFor;
      if (cached !== null) {
        categoriesFor = null;
        void loadCategories(cached);
      }
      void refreshNearby();
    },
  };
}
