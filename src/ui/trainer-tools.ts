/**
 * The trainers' own screen, reached from the menu's footer through a warning, so a trainee doesn't
 * land on the answer key by accident: every scenario's trainer page (notes, the map with each
 * choice's points, play from here), and opening a scenario file from disk. In a workshop the menu
 * offers no way here at all.
 */
import { scenarioText, t } from '../i18n';
import { h } from '../web/dom';
import type { LibraryEntry } from '../library/entry';
import { groupLibrary } from '../library/mechanisms';

export interface TrainerToolsActions {
  trainer: (entry: LibraryEntry) => void;
  openFiles: (files: File[]) => void;
  back: () => void;
}

/** Asks before showing trainer content; `open` runs only when the reader says they are a trainer. */
export function confirmTrainer(open: () => void): HTMLDialogElement {
  const dialog = h(
    'dialog',
    { class: 'trainer-warning', 'aria-labelledby': 'trainer-warning-title' },
    h('h2', { id: 'trainer-warning-title' }, t('trainerTools.warningTitle')),
    h('p', {}, t('trainerTools.warning')),
    h(
      'form',
      { method: 'dialog', class: 'dialog-actions' },
      h('button', { type: 'submit', value: 'back', class: 'primary' }, t('trainerTools.notTrainer')),
      h('button', { type: 'submit', value: 'open', class: 'secondary', 'data-open': 'trainer-tools' }, t('trainerTools.iAmTrainer')),
    ),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (dialog.returnValue === 'open') open();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

export function trainerToolsView(library: readonly LibraryEntry[], actions: TrainerToolsActions): HTMLElement {
  const picker = h('input', {
    type: 'file',
    accept: '.yaml,.yml',
    multiple: true,
    class: 'visually-hidden',
    id: 'open-file',
    onchange: (e: Event) => {
      const files = [...((e.target as HTMLInputElement).files ?? [])];
      if (files.length > 0) actions.openFiles(files);
    },
  });
  const groups = groupLibrary(library.filter((e) => e.info)).map(({ code, entries }) =>
    h(
      'section',
      { class: 'group', 'data-group': code },
      h('h3', { class: 'group-heading' }, t(`mechanism.${code}`)),
      h(
        'ul',
        { class: 'trainer-list' },
        ...entries.map((entry) =>
          h(
            'li',
            { 'data-scenario': entry.id },
            h('span', { class: 'title' }, scenarioText(entry.id, entry.info!.languages, 'title')),
            h('button', { type: 'button', class: 'secondary', onclick: () => actions.trainer(entry) }, t('trainerTools.open')),
          ),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'screen trainer-tools', 'aria-labelledby': 'trainer-tools-heading' },
    h('h1', { id: 'trainer-tools-heading' }, t('trainerTools.heading')),
    h('p', { class: 'intro' }, t('trainerTools.intro')),
    h(
      'section',
      { class: 'open-file', 'aria-labelledby': 'open-file-heading' },
      h('h2', { id: 'open-file-heading' }, t('trainerTools.openHeading')),
      h(
        'p',
        {},
        picker,
        h('label', { for: 'open-file', class: 'button' }, t('menu.openFile')),
        ' ',
        h('span', { class: 'muted' }, t('menu.dropHint')),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'trainer-pages-heading' },
      h('h2', { id: 'trainer-pages-heading' }, t('trainerTools.pagesHeading')),
      ...groups,
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: actions.back }, t('debrief.menu'))),
  );
}
