// The district team: one card per role with its holder, photo, office hours and contacts.
import { formatDate, lang, t } from '../i18n';
import { officeHoursText, type Contact, type TeamMember } from './card_api';
import { el, mailLink, paragraphs, phoneLink, section } from './dom';

function contactList(contact: Contact, label: string): HTMLElement | null {
  if (!contact.email && !contact.phone) return null;
  const box = el('div', 'contact-block');
  box.append(el('h4', 'contact-heading', label));
  const list = el('ul', 'contact-list');
  if (contact.phone) {
    const li = el('li');
    li.append(el('span', 'contact-kind', t('district.contact.phone') + ': '), phoneLink(contact.phone));
    list.append(li);
  }
  if (contact.email) {
    const li = el('li');
    li.append(el('span', 'contact-kind', t('district.contact.email') + ': '), mailLink(contact.email));
    list.append(li);
  }
  box.append(list);
  return box;
}

function portrait(member: TeamMember): HTMLElement {
  const holder = member.holder;
  const frame = el('div', 'team-photo');
  if (holder?.photo_url) {
    const img = el('img');
    img.src = holder.thumbnail_url ?? holder.photo_url;
    img.alt = t('district.team.photoOf', { name: holder.name });
    img.width = 160;
    img.height = 200;
    img.loading = 'lazy';
    img.decoding = 'async';
    frame.append(img);
  } else {
    frame.classList.add('team-photo-none');
    frame.setAttribute('aria-hidden', 'true');
    frame.textContent = holder ? initials(holder.name) : '?';
  }
  return frame;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .slice(0, 2)
    .join('');
}

function memberCard(member: TeamMember): HTMLElement {
  const card = el('li', 'team-member');
  card.dataset.role = member.role.code;
  const roleName = member.role.name[lang()] || member.role.name.cs;
  const text = el('div', 'team-text');
  text.append(el('p', 'team-role', roleName));
  if (member.holder) {
    const h = member.holder;
    text.append(el('h3', 'team-name', h.name));
    if (h.since) text.append(el('p', 'team-since', t('district.team.since', { date: formatDate(h.since) })));
    if (h.bio) text.append(paragraphs(h.bio, 'team-bio'));
    const officeHours = officeHoursText(h.office_hours, h.office_hours_note);
    if (officeHours) {
      const hours = el('div', 'team-hours');
      hours.append(el('h4', 'contact-heading', t('district.team.officeHours')), paragraphs(officeHours, 'team-hours-text'));
      text.append(hours);
    }
    const own = contactList(h, t('district.team.personalContact'));
    if (own) text.append(own);
  } else {
    text.append(el('h3', 'team-name team-vacant', t('district.team.vacant')));
  }
  const roleContact = contactList(member.contact, t('district.team.roleContact'));
  if (roleContact) text.append(roleContact);
  card.append(portrait(member), text);
  return card;
}

export function renderTeam(team: TeamMember[]): HTMLElement {
  const { root, body } = section('team', t('district.team.heading'));
  body.append(el('p', 'card-lead', t('district.team.lead')));
  if (team.length === 0) {
    body.append(el('p', 'card-empty', t('district.team.none')));
    return root;
  }
  const list = el('ul', 'team-list');
  for (const member of team) list.append(memberCard(member));
  body.append(list);
  return root;
}
