/**
 * The trainers' page for one scenario: the trainer notes (objectives, debrief questions, notes), the
 * scenario's map, and "play from here" — start at any decision with chosen meters and flags.
 */
import { textKey, type StartSetup } from '../engine';
import { scenarioMap, shorten, toSvgTree } from '../authoring/graph';
import { currentLanguage, scenarioLanguage, scenarioText, t } from '../i18n';
import { h, paragraphs } from '../web/dom';
import type { LibraryEntry } from '../library/entry';
import { svgToDom } from '../web/svg-dom';

export interface TrainerActions {
  playFrom: (entry: LibraryEntry, from: StartSetup) => void;
  play: (entry: LibraryEntry) => void;
  back: () => void;
}

/** Every flag some choice sets, so a trainer can switch it on before starting. */
function flagsOf(entry: LibraryEntry): string[] {
  const model = entry.playable!.model;
  const flags = new Set<string>();
  for (const node of Object.values(model.nodes))
    if (node.kind === 'decision') for (const c of node.choices) c.set.forEach((f) => flags.add(f));
  return [...flags].sort();
}

export function trainerView(entry: LibraryEntry, actions: TrainerActions): HTMLElement {
  const { model, strings } = entry.playable!;
  const text = (key: string) => scenarioText(model.id, model.languages, key);
  const questions = Array.from({ length: model.trainerQuestions }, (_, i) => text(textKey.trainerQuestion(i)));
  const objectives = text(textKey.trainerObjectives());
  const notes = text(textKey.trainerNotes());

  const map = svgToDom(toSvgTree(scenarioMap(model, strings, scenarioLanguage(model.languages)), model.start));
  map.setAttribute('class', 'scenario-map');
  map.setAttribute('role', 'img');
  map.setAttribute('aria-label', t('trainer.map'));

  const decisions = Object.values(model.nodes).filter((n) => n.kind === 'decision');
  const nodeSelect = h(
    'select',
    { name: 'node', id: 'from-node' },
    ...decisions.map((n) => h('option', { value: n.id }, `${n.id} — ${shorten(text(textKey.nodeText(n.id)), 50)}`)),
  );
  const meterInputs = Object.entries(model.meters).map(([id, meter]) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, `${text(textKey.meterLabel(id))} (${meter.min}–${meter.max})`),
      h('input', { type: 'number', name: `meter-${id}`, 'data-meter': id, min: meter.min, max: meter.max, value: meter.initial }),
    ),
  );
  const flagBoxes = flagsOf(entry).map((flag) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: `flag-${flag}`, 'data-flag': flag }), ` ${flag}`),
  );

  const form = h(
    'form',
    {
      class: 'play-from',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const meters = Object.fromEntries(
          [...form.querySelectorAll<HTMLInputElement>('input[data-meter]')].map((input) => [input.dataset['meter']!, Number(input.value)]),
        );
        const flags = [...form.querySelectorAll<HTMLInputElement>('input[data-flag]:checked')].map((input) => input.dataset['flag']!);
        actions.playFrom(entry, { node: nodeSelect.value, meters, flags });
      },
    },
    h('h2', {}, t('trainer.playFrom')),
    h('p', { class: 'muted' }, t('trainer.playFromHelp')),
    h('label', { class: 'field', for: 'from-node' }, h('span', {}, t('trainer.node'))),
    nodeSelect,
    meterInputs.length > 0 ? h('fieldset', {}, h('legend', {}, t('play.meters')), ...meterInputs) : null,
    flagBoxes.length > 0 ? h('fieldset', {}, h('legend', {}, t('trainer.flags')), ...flagBoxes) : null,
    h('button', { type: 'submit', class: 'primary' }, t('trainer.start')),
  );

  return h(
    'section',
    { class: 'screen trainer', 'data-scenario': model.id, lang: currentLanguage() },
    h(
      'header',
      {},
      h('p', { class: 'ending-kind' }, t('trainer.heading')),
      h('h1', {}, text('title')),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', onclick: actions.back }, t('trainerTools.back')),
        h('button', { type: 'button', class: 'primary', onclick: () => actions.play(entry) }, t('menu.start')),
      ),
    ),
    h(
      'section',
      { class: 'notes' },
      h('h2', {}, t('trainer.objectives')),
      ...(objectives ? paragraphs(objectives) : [h('p', { class: 'muted' }, t('trainer.none'))]),
      h('h2', {}, t('trainer.questions')),
      questions.length > 0 ? h('ol', {}, ...questions.map((q) => h('li', {}, q))) : h('p', { class: 'muted' }, t('trainer.none')),
      notes ? h('h2', {}, t('trainer.notes')) : null,
      ...(notes ? paragraphs(notes) : []),
    ),
    h(
      'section',
      { class: 'map-section' },
      h('h2', {}, t('trainer.map')),
      h('div', { class: 'map-scroll', tabindex: '0', role: 'region', 'aria-label': t('trainer.map') }, map),
    ),
    form,
  );
}
