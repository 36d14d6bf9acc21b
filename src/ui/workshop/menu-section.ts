/**
 * The menu's workshop part: outside a workshop, the offer to join (only where a workshop server
 * answered); inside one, the session's scenarios first, with what this trainee has finished, the
 * sending status, and a way to leave.
 */
import { t } from '../../i18n';
import { h } from '../../web/dom';
import type { LibraryEntry } from '../../library/entry';
import { scenarioCard, type MenuActions, type MenuWorkshop } from '../menu-view';
import type { WorkshopClient } from './client';

export function workshopMenu(client: WorkshopClient, library: readonly LibraryEntry[], actions: MenuActions): MenuWorkshop {
  const identity = client.identity;
  const status = client.status();
  const refused = client.refusedElsewhere();
  const discard =
    refused > 0
      ? h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => client.discardRefused() },
          t('workshop.discard', { count: refused }),
        )
      : null;

  if (!identity) {
    if (!client.available && !status) return { section: null, hide: new Set(), joined: false };
    return {
      section: h(
        'section',
        { class: 'workshop-join', 'aria-label': t('workshop.joinTitle') },
        client.available ? h('p', {}, t('workshop.offer')) : null,
        status,
        h(
          'div',
          { class: 'workshop-actions' },
          client.available
            ? h('button', { type: 'button', class: 'primary', onclick: () => client.openJoin() }, t('workshop.joinButton'))
            : null,
          discard,
        ),
      ),
      hide: new Set(),
      joined: false,
    };
  }

  const scenarios = client.sessionScenarios(library);
  const title = identity.session.title || identity.code;
  const cards = scenarios.map(({ id, entry, finished }) =>
    entry?.info
      ? scenarioCard(entry, actions, finished ? h('p', { class: 'finished-badge' }, t('workshop.finished')) : null)
      : h(
          'li',
          { class: 'card unavailable', 'data-scenario': id },
          h('h3', {}, id),
          h('p', { class: 'muted' }, t('workshop.unavailable', { id })),
        ),
  );
  return {
    section: h(
      'section',
      { class: 'workshop-session', 'aria-labelledby': 'workshop-session-heading' },
      h(
        'div',
        { class: 'workshop-banner' },
        h('h2', { id: 'workshop-session-heading' }, t('workshop.sessionHeading', { title })),
        h('p', { class: 'joined-as' }, t('workshop.joinedAs', { name: identity.trainee.name, code: identity.code })),
        status,
        h('p', { class: 'intro' }, t('workshop.sessionIntro')),
        h(
          'div',
          { class: 'workshop-actions' },
          discard,
          h('button', { type: 'button', class: 'secondary leave', onclick: () => client.leave() }, t('workshop.leave')),
        ),
      ),
      h('ul', { class: 'cards' }, ...cards),
    ),
    hide: new Set(scenarios.filter((s) => s.entry).map((s) => s.id)),
    joined: true,
  };
}
