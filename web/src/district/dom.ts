// Small DOM helpers for the district card: every text goes in as text, never as HTML.

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A section with a heading whose id labels it. */
export function section(id: string, heading: string): { root: HTMLElement; body: HTMLElement } {
  const root = el('section', `card-section card-section-${id}`);
  root.id = `section-${id}`;
  root.setAttribute('aria-labelledby', `${id}-heading`);
  const h2 = el('h2', 'card-section-heading', heading);
  h2.id = `${id}-heading`;
  const body = el('div', 'card-section-body');
  root.append(h2, body);
  return { root, body };
}

/** Multi-line text as paragraphs (blank lines separate them). */
export function paragraphs(text: string, className = 'card-text'): HTMLElement {
  const box = el('div', className);
  for (const block of text.split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    const p = el('p');
    trimmed.split('\n').forEach((line, i) => {
      if (i > 0) p.append(el('br'));
      p.append(document.createTextNode(line));
    });
    box.append(p);
  }
  return box;
}

export function mailLink(email: string): HTMLAnchorElement {
  const a = el('a', 'contact-link contact-email', email);
  a.href = `mailto:${email}`;
  return a;
}

export function phoneLink(phone: string): HTMLAnchorElement {
  const a = el('a', 'contact-link contact-phone', phone);
  a.href = `tel:${phone.replace(/[^+\d]/g, '')}`;
  return a;
}
