// The own sessions (devices signed in), with "end the other sessions".
import { SessionExpired } from './api';
import type { Ctx } from './context';
import { h, time } from './dom';
import { busy, MessageBox, showFailure } from './forms';
import { badge, card, dataTable } from './layout';
import type { OwnSession } from './types';

export function accountSessionsCard(ctx: Ctx): HTMLElement {
  const message = new MessageBox();
  const list = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted', t: 'admin.loading' }));
  const endOthers = h('button', { type: 'button', class: 'btn btn-secondary', id: 'sessions-end-others', t: 'admin.sessions.end_others' });

  async function load(): Promise<void> {
    list.setAttribute('aria-busy', 'true');
    try {
      const { sessions } = await ctx.api.sessions();
      list.replaceChildren(table(sessions));
    } catch (err) {
      if (err instanceof SessionExpired) return;
      showFailure(err, message);
      list.replaceChildren();
    }
    list.removeAttribute('aria-busy');
  }

  endOthers.addEventListener('click', () => {
    message.clear();
    void busy(endOthers, async () => {
      try {
        const { ended } = await ctx.api.endOtherSessions();
        message.ok('admin.sessions.ended', { count: ended });
        await load();
      } catch (err) {
        if (!(err instanceof SessionExpired)) showFailure(err, message);
      }
    });
  });

  void load();
  return card('admin.account.sessions', { id: 'account-sessions' }, list, message.el, h('div', { class: 'admin-actions' }, endOthers));
}

function table(sessions: OwnSession[]): HTMLElement {
  return dataTable(
    'admin.account.sessions',
    [{ key: 'admin.sessions.started' }, { key: 'admin.sessions.last_seen' }, { key: 'admin.sessions.address' }, { key: 'admin.sessions.browser' }],
    sessions.map((s) => [
      h('span', {}, time(s.created_at), s.current ? ' ' : null, s.current ? badge('admin.sessions.current', 'ok') : null),
      time(s.last_seen_at),
      s.ip ?? '—',
      h('span', { class: 'user-agent', title: s.user_agent ?? '' }, shortAgent(s.user_agent)),
    ]),
    { id: 'sessions-table' },
  );
}

/** "Chrome 126 on Linux"-ish, from a user agent string; the full string is the tooltip. */
function shortAgent(agent: string | null | undefined): string {
  if (!agent) return '—';
  const browser = /(Firefox|Edg|OPR|Chrome|Chromium|Safari)\/(\d+)/.exec(agent);
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(agent);
  if (!browser) return agent.slice(0, 60);
  const name = browser[1] === 'Edg' ? 'Edge' : browser[1] === 'OPR' ? 'Opera' : browser[1];
  return `${name} ${browser[2]}${system ? ` · ${system[1]}` : ''}`;
}
