// A holder's profile form: name, bio (with a byte counter: the server's limit is 2,000 bytes of
// UTF-8), office hours, own e-mail and phone. Used to edit the current holder (PUT
// /admin/holders/{id}) and, with a start date, to appoint a new one (POST …/holders). When the
// viewer may list staff accounts, a picker links the holder to their back-office account:
// citizens' reports owned by the holder then reach that account's inbox and e-mail.
import { SessionExpired } from './api';
import type { AdminUser } from './types';
import type { HolderProfile, StaffHolder } from './api_directory';
import { h, setText } from './dom';
import { busy, inputField, MessageBox, requireFilled, selectField, textareaField } from './forms';
import { hoursEditor } from './district_team_hours';
import { clearErrors, orNull, showTeamFailure, todayInPrague, utf8Bytes, type AnyField } from './district_team_text';
import type { MessageKey } from '../i18n';

export const MAX_BIO_BYTES = 2000;

export interface ProfileFormOptions {
  /** Prefix of every id in the form (unique on the page). */
  prefix: string;
  /** The profile to start from (null: an empty form). */
  holder: StaffHolder | null;
  /** Asks for the first day (a new holder). */
  withFrom?: { hint: MessageKey; params?: Record<string, string | number> };
  submit: MessageKey;
  /** The active staff accounts to link the holder to; null when the viewer may not list them. */
  accounts?: () => Promise<AdminUser[] | null>;
  /** Sends the profile; the form shows a failure on its field. */
  save(profile: HolderProfile, from: string | null): Promise<void>;
}

export function profileForm(options: ProfileFormOptions): HTMLFormElement {
  const { prefix, holder } = options;
  const from = options.withFrom
    ? inputField(`${prefix}-from`, 'admin.team.field.from', { attrs: { type: 'date', required: true } })
    : null;
  if (from && options.withFrom) {
    from.control.value = todayInPrague();
    const hint = h('p', { class: 'hint', id: `${prefix}-from-hint` });
    setText(hint, options.withFrom.hint, options.withFrom.params);
    from.root.insertBefore(hint, from.control);
    from.control.setAttribute('aria-describedby', `${prefix}-from-hint ${prefix}-from-error`);
  }
  const name = inputField(`${prefix}-name`, 'admin.team.field.name', { attrs: { required: true, maxlength: 200, autocomplete: 'off' } });
  const bio = textareaField(`${prefix}-bio`, 'admin.team.field.bio', { hint: 'admin.team.bio.hint', attrs: { rows: 5, maxlength: MAX_BIO_BYTES } });
  const counter = h('p', { class: 'hint bio-counter', id: `${prefix}-bio-counter`, 'aria-live': 'polite' });
  bio.root.insertBefore(counter, bio.root.querySelector('.field-error'));
  bio.control.setAttribute('aria-describedby', `${prefix}-bio-hint ${prefix}-bio-counter ${prefix}-bio-error`);
  const hours = hoursEditor(prefix, holder?.office_hours ?? [], holder?.office_hours_note ?? null);
  const email = inputField(`${prefix}-email`, 'admin.team.field.email', { hint: 'admin.team.own_contact.hint', attrs: { type: 'email', maxlength: 254, autocomplete: 'off' } });
  const phone = inputField(`${prefix}-phone`, 'admin.team.field.phone', { attrs: { type: 'tel', maxlength: 40, autocomplete: 'off' } });

  const account = options.accounts ? accountField(prefix, holder, options.accounts) : null;

  name.control.value = holder?.name ?? '';
  bio.control.value = holder?.bio ?? '';
  email.control.value = holder?.contact.email ?? '';
  phone.control.value = holder?.contact.phone ?? '';

  function updateCounter(): boolean {
    const used = utf8Bytes(bio.control.value.trim());
    setText(counter, 'admin.team.bio.counter', { used, max: MAX_BIO_BYTES });
    const over = used > MAX_BIO_BYTES;
    counter.classList.toggle('bio-counter-over', over);
    return !over;
  }
  let counterTimer = 0;
  bio.control.addEventListener('input', () => {
    // Screen readers hear the count after a pause, not at every key.
    window.clearTimeout(counterTimer);
    counter.setAttribute('aria-live', 'off');
    updateCounter();
    counterTimer = window.setTimeout(() => counter.setAttribute('aria-live', 'polite'), 800);
  });
  updateCounter();

  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: `${prefix}-submit`, t: options.submit });
  const form = h(
    'form',
    { class: 'admin-form profile-form', novalidate: true, id: `${prefix}-form` },
    from?.root,
    name.root,
    bio.root,
    hours.root,
    h('div', { class: 'form-grid' }, email.root, phone.root),
    account?.root,
    message.el,
    submit,
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const fields: Record<string, AnyField> = { name, bio, email, phone, ...hours.fields() };
    if (from) fields.from = from;
    clearErrors(fields);
    if (!requireFilled(from ? [from, name] : [name], message)) return;
    if (!updateCounter()) {
      bio.setError('admin.team.error.bio');
      message.error('admin.error.fix');
      bio.control.focus();
      return;
    }
    if (!hours.check(message)) return;
    const profile: HolderProfile = {
      name: name.value(),
      bio: orNull(bio.control.value),
      office_hours: hours.value(),
      office_hours_note: orNull(hours.note.control.value),
      email: orNull(email.value()),
      phone: orNull(phone.value()),
    };
    if (account && !account.root.hidden && !account.control.disabled) {
      profile.user_id = account.control.value ? Number(account.control.value) : null;
    } else if (holder?.user_id) {
      profile.user_id = holder.user_id;
    }
    void busy(submit, async () => {
      try {
        await options.save(profile, from ? from.value() : null);
      } catch (err) {
        if (!(err instanceof SessionExpired)) showTeamFailure(err, message, fields);
      }
    });
  });
  return form;
}

/** The account picker: hidden when the accounts cannot be listed (no users.read). */
function accountField(prefix: string, holder: StaffHolder | null, load: () => Promise<AdminUser[] | null>) {
  const field = selectField(`${prefix}-account`, 'admin.team.field.account', [{ value: '', t: 'admin.team.account.none' }], {
    hint: 'admin.team.account.hint',
    attrs: { disabled: true },
  });
  field.root.hidden = true;
  void load().then(
    (users) => {
      if (!users) return;
      const linked = holder?.user_id ?? null;
      const sorted = [...users].sort((a, b) => a.name.localeCompare(b.name, 'cs'));
      for (const user of sorted) {
        field.control.append(h('option', { value: String(user.id) }, `${user.name} <${user.email}>`));
      }
      if (linked !== null && !sorted.some((user) => user.id === linked)) {
        // A linked account that is no longer active stays selectable, so saving keeps it.
        field.control.append(h('option', { value: String(linked) }, `#${linked}`));
      }
      field.control.value = linked === null ? '' : String(linked);
      field.control.disabled = false;
      field.root.hidden = false;
    },
    () => undefined,
  );
  return field;
}
