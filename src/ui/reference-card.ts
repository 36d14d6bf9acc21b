/** A cited section or rule, opened from feedback and the debrief: label, our summary, where to read it. */
import { textKey, type ScenarioModel } from '../engine';
import { currentLanguage, scenarioText, t } from '../i18n';
import { formatDate } from '../web/dates';
import { h, paragraphs } from '../web/dom';

export function referenceChips(model: ScenarioModel, refs: readonly string[]): HTMLElement | null {
  if (refs.length === 0) return null;
  return h(
    'div',
    { class: 'references' },
    h('span', { class: 'references-label' }, `${t('play.references')}:`),
    h(
      'ul',
      {},
      ...refs.map((ref) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'chip', 'aria-haspopup': 'dialog', onclick: () => openReference(model, ref) },
            scenarioText(model.id, model.languages, textKey.referenceLabel(ref)),
          ),
        ),
      ),
    ),
  );
}

export function openReference(model: ScenarioModel, ref: string): HTMLDialogElement {
  const text = (key: string) => scenarioText(model.id, model.languages, key);
  const summary = text(textKey.referenceSummary(ref));
  const source = model.references[ref]?.source;
  const checked = model.references[ref]?.checked;
  const dialog = h(
    'dialog',
    { class: 'reference-card', 'aria-labelledby': 'reference-title' },
    h('h2', { id: 'reference-title' }, text(textKey.referenceLabel(ref))),
    ...(summary ? paragraphs(summary) : [h('p', { class: 'muted' }, t('reference.noSummary'))]),
    source ? h('p', { class: 'source' }, h('strong', {}, `${t('reference.source')}: `), source) : null,
    checked ? h('p', { class: 'checked' }, t('reference.checked', { date: formatDate(checked, currentLanguage(), false) })) : null,
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary' }, t('reference.close'))),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
