// The TEAM section of the district editor: every role of the town with its public contact, its
// current holder (photo, name, bio, office hours, own contacts, since when) and former holders.
// `district_card.edit` edits the current holder's profile and photo; `appoint`
// (district_team.edit) also sets role contacts, appoints a new holder and ends the current one.
import { SessionExpired } from './api';
import {
  endHolder,
  setRoleContact,
  staffPhotoUrl,
  startHolder,
  teamHistory,
  updateHolder,
  type Contact,
  type StaffHolder,
  type StaffSeat,
} from './api_directory';
import type { MessageKey } from '../i18n';
import type { Ctx } from './context';
import type { DistrictSection, EditableDistrict } from './district_types';
import { focus, h } from './dom';
import { busy, inputField, MessageBox, requireFilled, showFailure } from './forms';
import { weekdayKey } from './district_team_hours';
import { photoForm } from './district_team_photo';
import { profileForm } from './district_team_profile';
import { clearErrors, dayText, localizedText, orNull, showTeamFailure, todayInPrague } from './district_team_text';
import { badge } from './layout';
import type { AdminUser } from './types';

export const teamSection: DistrictSection = (ctx, district) => {
  const message = new MessageBox();
  // The staff accounts a holder may be linked to, fetched once per visit; null without users.read.
  let accountList: Promise<AdminUser[] | null> | null = null;
  const accounts = (): Promise<AdminUser[] | null> =>
    (accountList ??= ctx.api.users().then(
      (result) => result.users.filter((user) => user.active),
      () => null,
    ));
  const list = h('div', { class: 'team-seats', 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  const root = h(
    'section',
    { class: 'team-section', 'data-section': 'team', 'aria-labelledby': 'team-section-title' },
    h('h2', { class: 'visually-hidden', id: 'team-section-title', t: 'admin.district.tab.team' }),
    h('p', { class: 'hint', t: district.appoint ? 'admin.team.intro.appoint' : 'admin.team.intro.card' }),
    message.el,
    list,
  );

  /** Loads the team again; `focusRole` gets the focus back after a change (the forms are rebuilt). */
  async function load(focusRole?: number): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      const { team } = await teamHistory(ctx.api, district.id);
      const seats = team.filter((seat) => !seat.role.retired || seat.holders.length > 0);
      list.replaceChildren(...(seats.length ? seats.map((seat) => seatCard(ctx, district, seat, load, accounts)) : [h('p', { class: 'muted', t: 'admin.team.none' })]));
      if (focusRole !== undefined) focus(list.querySelector<HTMLElement>(`#seat-${focusRole}-title`));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }
  void load();
  return root;
};

type Reload = (focusRole?: number) => Promise<void>;
type Accounts = () => Promise<AdminUser[] | null>;

function seatCard(ctx: Ctx, district: EditableDistrict, seat: StaffSeat, reload: Reload, accounts: Accounts): HTMLElement {
  const role = seat.role;
  const prefix = `seat-${role.id}`;
  const current = seat.holders.find((holder) => holder.current) ?? null;
  const former = seat.holders.filter((holder) => !holder.current);
  const title = localizedText('h3', role.name, { class: 'admin-card-title team-seat-title', id: `${prefix}-title` });
  if (role.retired) title.append(' ', badge('admin.team.retired', 'muted'));

  const actions: HTMLElement[] = [];
  const parts: Array<HTMLElement | null> = [
    title,
    h(
      'div',
      { class: 'team-seat-grid' },
      current ? holderBlock(current, prefix) : h('p', { class: 'team-vacant', id: `${prefix}-vacant`, t: 'admin.team.vacant' }),
      contactBlock(ctx, district, seat, prefix, reload),
    ),
  ];
  if (current) {
    actions.push(
      disclosure(`${prefix}-edit`, 'admin.team.edit_profile', profileForm({
        prefix: `${prefix}-profile`,
        holder: current,
        accounts: district.appoint ? accounts : undefined,
        submit: 'admin.team.save_profile',
        save: async (profile) => {
          await updateHolder(ctx.api, current.id, profile);
          await reload(role.id);
          ctx.notice('admin.team.saved', { name: profile.name });
        },
      })),
      disclosure(`${prefix}-photo-box`, current.photo ? 'admin.team.photo.change' : 'admin.team.photo.add', photoForm({
        prefix,
        api: ctx.api,
        holder: current,
        done: async (change) => {
          await reload(role.id);
          ctx.notice(change === 'uploaded' ? 'admin.team.photo.uploaded' : 'admin.team.photo.removed', { name: current.name });
        },
      })),
    );
    if (district.appoint) actions.push(disclosure(`${prefix}-end`, 'admin.team.end', endForm(ctx, current, prefix, () => reload(role.id))));
  }
  if (district.appoint && !role.retired) {
    actions.push(
      disclosure(`${prefix}-new`, 'admin.team.new_holder', profileForm({
        prefix: `${prefix}-new`,
        holder: null,
        accounts,
        withFrom: current ? { hint: 'admin.team.new_holder.hint', params: { name: current.name } } : { hint: 'admin.team.new_holder.hint_vacant' },
        submit: 'admin.team.new_holder.submit',
        save: async (profile, from) => {
          await startHolder(ctx.api, district.id, role.id, from ?? todayInPrague(), profile);
          await reload(role.id);
          ctx.notice('admin.team.appointed', { name: profile.name });
        },
      })),
    );
  }
  // Closed, the actions sit side by side; an opened one takes the whole width.
  if (actions.length) parts.push(h('div', { class: 'team-actions' }, ...actions));
  if (former.length) parts.push(historyBlock(former, prefix));
  return h('article', { class: 'admin-card team-seat', id: prefix, 'data-role': role.code, 'aria-labelledby': `${prefix}-title` }, ...parts);
}

/** A collapsed form: a <details> whose summary names the action. */
function disclosure(id: string, summary: MessageKey, content: HTMLElement): HTMLElement {
  return h('details', { class: 'admin-details open-form team-action', id }, h('summary', { t: summary }), content);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .slice(0, 2)
    .join('');
}

function portrait(holder: StaffHolder, className: string, staffUrl: boolean): HTMLElement {
  if (!holder.photo) return h('div', { class: `${className} team-photo-none`, 'aria-hidden': 'true' }, initials(holder.name));
  const src = staffUrl ? staffPhotoUrl(holder.photo.thumbnail_url) : holder.photo.thumbnail_url;
  const img = h('img', { class: className, src, alt: '', width: 96, height: 120, loading: 'lazy', decoding: 'async' });
  return img;
}

function holderBlock(holder: StaffHolder, prefix: string): HTMLElement {
  const photo = portrait(holder, 'team-photo', false);
  if (photo instanceof HTMLImageElement) photo.setAttribute('data-photo', String(holder.photo?.id ?? ''));
  const text = h(
    'div',
    { class: 'team-holder-text' },
    h('p', { class: 'team-holder-name strong', id: `${prefix}-holder-name` }, holder.name),
    h('p', { class: 'muted' }, h('span', { t: 'admin.team.since' }), ' ', dayText(holder.from)),
    holder.bio ? h('p', { class: 'team-bio', id: `${prefix}-bio-text` }, holder.bio) : h('p', { class: 'muted', t: 'admin.team.no_bio' }),
    hoursList(holder, prefix),
    contactFacts(holder.contact, 'admin.team.own_contact', `${prefix}-own-contact`),
  );
  return h('div', { class: 'team-holder', id: `${prefix}-holder`, 'data-holder': holder.id }, photo, text);
}

function hoursList(holder: StaffHolder, prefix: string): HTMLElement {
  const box = h('div', { class: 'team-hours', id: `${prefix}-hours` }, h('h4', { class: 'team-subheading', t: 'admin.team.field.hours' }));
  if (holder.office_hours.length === 0) box.append(h('p', { class: 'muted', t: 'admin.team.hours.none' }));
  else {
    box.append(
      h(
        'ul',
        { class: 'plain-list compact' },
        ...holder.office_hours.map((entry) =>
          h('li', { class: 'team-hours-entry' }, h('span', { t: weekdayKey(entry.weekday) }), ` ${entry.from}–${entry.to}`, entry.place ? `, ${entry.place}` : ''),
        ),
      ),
    );
  }
  if (holder.office_hours_note) box.append(h('p', { class: 'hint' }, holder.office_hours_note));
  return box;
}

function contactFacts(contact: Contact, heading: MessageKey, id: string): HTMLElement {
  const items: HTMLElement[] = [];
  if (contact.email) items.push(h('li', {}, h('span', { t: 'admin.team.field.email' }), ': ', h('a', { href: `mailto:${contact.email}` }, contact.email)));
  if (contact.phone) items.push(h('li', {}, h('span', { t: 'admin.team.field.phone' }), ': ', h('a', { href: `tel:${contact.phone.replace(/[^\d+]/g, '')}` }, contact.phone)));
  return h(
    'div',
    { class: 'team-contact', id },
    h('h4', { class: 'team-subheading', t: heading }),
    items.length ? h('ul', { class: 'plain-list compact' }, ...items) : h('p', { class: 'muted', t: 'admin.team.no_contact' }),
  );
}

function contactBlock(ctx: Ctx, district: EditableDistrict, seat: StaffSeat, prefix: string, reload: Reload): HTMLElement {
  const block = h('div', { class: 'team-role-contact' }, contactFacts(seat.contact, 'admin.team.role_contact', `${prefix}-role-contact`));
  if (!district.appoint) return block;
  const email = inputField(`${prefix}-contact-email`, 'admin.team.field.email', { attrs: { type: 'email', maxlength: 254, autocomplete: 'off' } });
  const phone = inputField(`${prefix}-contact-phone`, 'admin.team.field.phone', { attrs: { type: 'tel', maxlength: 40, autocomplete: 'off' } });
  email.control.value = seat.contact.email ?? '';
  phone.control.value = seat.contact.phone ?? '';
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: `${prefix}-contact-submit`, t: 'admin.team.role_contact.save' });
  const form = h(
    'form',
    { class: 'admin-form', novalidate: true, id: `${prefix}-contact-form` },
    h('p', { class: 'hint', t: 'admin.team.role_contact.hint' }),
    email.root,
    phone.root,
    message.el,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const fields = { email, phone };
    clearErrors(fields);
    void busy(submit, async () => {
      try {
        await setRoleContact(ctx.api, district.id, seat.role.id, { email: orNull(email.value()), phone: orNull(phone.value()) });
        await reload(seat.role.id);
        ctx.notice('admin.team.role_contact.saved');
      } catch (err) {
        if (!(err instanceof SessionExpired)) showTeamFailure(err, message, fields);
      }
    });
  });
  block.append(disclosure(`${prefix}-contact`, 'admin.team.role_contact.edit', form));
  return block;
}

function endForm(ctx: Ctx, holder: StaffHolder, prefix: string, reload: () => Promise<void>): HTMLElement {
  const to = inputField(`${prefix}-end-to`, 'admin.team.field.to', { hint: 'admin.team.end.hint', attrs: { type: 'date', required: true, min: holder.from } });
  to.control.value = todayInPrague();
  const message = new MessageBox();
  const submit = h('button', { type: 'submit', class: 'btn btn-danger', id: `${prefix}-end-submit`, t: 'admin.team.end.submit' });
  const form = h('form', { class: 'admin-form', novalidate: true, id: `${prefix}-end-form` }, to.root, message.el, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    to.setError();
    if (!requireFilled([to], message)) return;
    if (to.value() < holder.from) {
      to.setError('admin.team.error.to');
      message.error('admin.error.fix');
      to.control.focus();
      return;
    }
    void busy(submit, async () => {
      try {
        await endHolder(ctx.api, holder.id, to.value());
        await reload();
        ctx.notice('admin.team.ended', { name: holder.name });
      } catch (err) {
        if (!(err instanceof SessionExpired)) showTeamFailure(err, message, { to, holder: to });
      }
    });
  });
  return form;
}

function historyBlock(former: StaffHolder[], prefix: string): HTMLElement {
  const summary = h('summary', { t: 'admin.team.history', params: { count: former.length } });
  return h(
    'details',
    { class: 'admin-details team-history', id: `${prefix}-history` },
    summary,
    h(
      'ul',
      { class: 'team-history-list' },
      ...former.map((holder) =>
        h(
          'li',
          { class: 'team-history-item', 'data-holder': holder.id },
          portrait(holder, 'team-history-photo', true),
          h(
            'div',
            {},
            h('p', { class: 'strong' }, holder.name),
            h('p', { class: 'muted' }, dayText(holder.from), ' – ', holder.to ? dayText(holder.to) : h('span', { t: 'admin.team.history.open' })),
          ),
        ),
      ),
    ),
  );
}
