/** The menu: language and settings, then every bundled scenario, the broken ones with their problems. */
import { formatHint, formatMessage, type MessageLanguage } from '../engine';
import i18next from 'i18next';
import { currentLanguage, scenarioText, t, type UiLanguage } from '../i18n';
import { h } from '../web/dom';
import type { LibraryEntry } from './library';
import { DEBRIEF_MINUTES, groupLibrary, groupOf, workshopPlan } from '../library/mechanisms';
import { skillIcon, skillName } from './skills-view';
import type { Settings } from './storage';

export interface MenuActions {
  play(entry: LibraryEntry): void;
  /** The footer's way to the trainers' screen (asked for with a warning first). */
  trainerTools(): void;
  setLanguage(language: UiLanguage): void;
  changeSettings(settings: Partial<Settings>): void;
}

/**
 * The workshop's part of the menu (src/ui/workshop/menu-section.ts), the scenarios it lists itself,
 * and whether the trainee is in a workshop (then the menu offers nothing for trainers).
 */
export interface MenuWorkshop {
  section: HTMLElement | null;
  hide: ReadonlySet<string>;
  joined: boolean;
}

export function menuView(
  library: readonly LibraryEntry[],
  settings: Settings,
  notice: string | undefined,
  actions: MenuActions,
  workshop: MenuWorkshop = { section: null, hide: new Set(), joined: false },
): HTMLElement {
  const language = currentLanguage();
  const languageButton = (lang: UiLanguage, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'toggle',
        lang,
        'aria-pressed': String(language === lang),
        onclick: () => actions.setLanguage(lang),
      },
      label,
    );

  const settingsPanel = h(
    'details',
    { class: 'settings' },
    h('summary', {}, t('menu.settings')),
    setting(
      t('menu.timer'),
      'timer',
      settings.timer,
      [
        ['normal', t('menu.timerNormal')],
        ['long', t('menu.timerLong')],
        ['off', t('menu.timerOff')],
      ],
      (timer) => actions.changeSettings({ timer: timer as Settings['timer'] }),
    ),
    setting(
      t('menu.textSize'),
      'text-size',
      settings.textSize,
      [
        ['normal', t('menu.textNormal')],
        ['large', t('menu.textLarge')],
      ],
      (textSize) => actions.changeSettings({ textSize: textSize as Settings['textSize'] }),
    ),
  );

  const groups = groupLibrary(library.filter((e) => !workshop.hide.has(e.id))).map(({ code, entries }) =>
    h(
      'section',
      { class: 'group', 'data-group': code },
      h('h2', { class: 'group-heading' }, t(`mechanism.${code}`)),
      h('ul', { class: 'cards' }, ...entries.map((entry) => (entry.info ? scenarioCard(entry, actions) : brokenCard(entry, language)))),
    ),
  );
  return h(
    'section',
    { class: 'screen menu', 'aria-labelledby': 'menu-heading' },
    h(
      'header',
      { class: 'menu-header' },
      h('div', { class: 'brand' }, h('h1', {}, t('app.name')), h('p', { class: 'tagline' }, t('app.tagline'))),
      h(
        'div',
        { class: 'menu-controls' },
        h(
          'div',
          { class: 'language', role: 'group', 'aria-label': t('menu.language') },
          languageButton('th', t('menu.languageName.th')),
          languageButton('en', t('menu.languageName.en')),
        ),
        settingsPanel,
      ),
    ),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    workshop.section,
    h('h2', { id: 'menu-heading' }, t('menu.heading')),
    h('p', { class: 'intro' }, t('menu.intro')),
    ...(groups.length > 0 || workshop.hide.size > 0 ? groups : [h('p', {}, t('menu.empty'))]),
    workshopOrder(library),
    workshop.joined
      ? null
      : h(
          'footer',
          { class: 'menu-footer' },
          h('button', { type: 'button', class: 'trainer-entry', onclick: () => actions.trainerTools() }, t('trainerTools.entry')),
        ),
  );
}

/** A known mechanism tag in the reader's language; a trainer's own tag as written. */
function tagLabel(tag: string): string {
  return i18next.exists(`tag.${tag}`) ? t(`tag.${tag}` as 'tag.whip') : tag;
}

/** A scenario's card; `badge` is shown under the title (the workshop's "finished"). */
export function scenarioCard(entry: LibraryEntry, actions: MenuActions, badge: HTMLElement | null = null): HTMLElement {
  const model = entry.info!;
  const text = (key: string) => scenarioText(model.id, model.languages, key);
  const meta = [
    model.minutes ? t('menu.minutes', { count: model.minutes }) : undefined,
    model.difficulty ? t(`menu.difficulty.${model.difficulty}`) : undefined,
  ].filter((s): s is string => s !== undefined);
  return h(
    'li',
    { class: 'card', 'data-scenario': model.id },
    h('h3', {}, text('title')),
    badge,
    entry.fromDisk ? h('p', { class: 'from-disk' }, `${t('menu.fromDisk')}: ${entry.file}`) : null,
    entry.draft ? h('p', { class: 'draft-badge' }, `${t('menu.draft')}: drafts/${entry.file}`) : null,
    h('p', { class: 'summary' }, text('summary')),
    meta.length > 0 ? h('p', { class: 'meta' }, meta.join(' · ')) : null,
    model.tags.length > 0 ? h('ul', { class: 'tags' }, ...model.tags.map((tag) => h('li', { 'data-tag': tag }, tagLabel(tag)))) : null,
    model.targets.length > 0
      ? h(
          'div',
          { class: 'targets' },
          h('span', { class: 'targets-label' }, `${t('menu.targets')}:`),
          h('ul', {}, ...model.targets.map((s) => h('li', {}, skillIcon(s), skillName(s)))),
        )
      : null,
    h(
      'div',
      { class: 'card-actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => actions.play(entry) }, t('menu.start')),
    ),
  );
}

/** One setting as a labelled drop-down. */
function setting(label: string, name: string, current: string, options: [string, string][], change: (value: string) => void): HTMLElement {
  return h(
    'label',
    {},
    h('span', {}, label),
    h(
      'select',
      { name, onchange: (e: Event) => change((e.target as HTMLSelectElement).value) },
      ...options.map(([value, text]) => h('option', { value, selected: value === current }, text)),
    ),
  );
}

function clock(minutesAfterNine: number): string {
  const total = 9 * 60 + minutesAfterNine;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function workshopOrder(library: readonly LibraryEntry[]): HTMLElement | null {
  const { slots, lunchAt } = workshopPlan(library);
  if (slots.length === 0) return null;
  const rows: HTMLElement[] = [];
  for (const slot of slots) {
    if (lunchAt !== undefined && slot.start === lunchAt + 60) {
      rows.push(
        h('li', { class: 'lunch' }, `${t('workshop.slot', { start: clock(lunchAt), end: clock(lunchAt + 60) })} · ${t('workshop.lunch')}`),
      );
    }
    const model = slot.entry.info!;
    rows.push(
      h(
        'li',
        { 'data-scenario': model.id },
        `${t('workshop.slot', { start: clock(slot.start), end: clock(slot.end) })} · `,
        h('strong', {}, scenarioText(model.id, model.languages, 'title')),
        ` · ${t(`mechanism.${groupOf(slot.entry)}`)}`,
      ),
    );
  }
  const last = slots[slots.length - 1]!;
  return h(
    'details',
    { class: 'workshop-order' },
    h('summary', {}, t('workshop.heading')),
    h('p', {}, t('workshop.intro', { count: DEBRIEF_MINUTES })),
    h('ol', {}, ...rows),
    h('p', { class: 'muted' }, t('workshop.total', { count: last.end - (lunchAt !== undefined ? 60 : 0) })),
  );
}

function brokenCard(entry: LibraryEntry, language: MessageLanguage): HTMLElement {
  const errors = entry.diagnostics;
  return h(
    'li',
    { class: 'card broken', 'data-file': entry.file },
    h('h3', {}, entry.file),
    h('p', { class: 'broken-note', role: 'note' }, t('menu.broken')),
    h('p', {}, t('menu.brokenCount', { count: errors.length })),
    h(
      'ul',
      // The list scrolls when long: a tab stop, so it scrolls from the keyboard too.
      { class: 'diagnostics', tabindex: '0', 'aria-label': t('menu.brokenCount', { count: errors.length }) },
      ...errors.map((d) =>
        h(
          'li',
          { class: d.severity },
          h('code', {}, `${d.file}:${d.line}:${d.column}`),
          ` ${d.severity}: ${formatMessage(d, language)} [${d.code}]`,
          h('br', {}),
          h('span', { class: 'hint' }, formatHint(d, language)),
        ),
      ),
    ),
  );
}
