/**
 * The debrief: the ending, the seven-skill radar (earned against attainable), and every decision
 * reviewed with its feedback, references and the choice that would have scored best there.
 */
import { outcomeOf, reviewRun, SKILLS, textKey, type RunResult, type RunReview, type ScenarioModel, type StringTable } from '../engine';
import { scenarioMap, toSvgTree } from '../authoring/graph';
import { currentLanguage, scenarioText, t } from '../i18n';
import { formatDate } from '../web/dates';
import { h, paragraphs } from '../web/dom';
import { radarChart } from '../web/radar';
import { referenceChips } from './reference-card';
import { skillChanges, skillIcon, skillName } from './skills-view';
import { svgToDom } from '../web/svg-dom';

export interface DebriefActions {
  replay: () => void;
  menu: () => void;
}

/** `delivery` is the workshop's word on whether this run's result has reached the trainer. */
export function debriefView(
  model: ScenarioModel,
  strings: StringTable,
  result: RunResult,
  actions: DebriefActions,
  delivery: HTMLElement | null = null,
): HTMLElement {
  const text = (key: string) => scenarioText(model.id, model.languages, key);
  const kind = result.ending?.kind ?? 'incomplete';
  const endingNode = result.ending ? model.nodes[result.ending.node] : undefined;
  const language = currentLanguage();
  const review = reviewRun(model, result.path, { seed: result.seed, from: result.startedFrom });

  const header = h(
    'header',
    { class: `ending ending-${kind}` },
    h('p', { class: 'ending-kind' }, t(`debrief.ending.${kind}`)),
    h('h1', {}, result.ending ? text(textKey.endingTitle(result.ending.node)) : t('debrief.ending.incomplete')),
    ...(result.ending ? paragraphs(text(textKey.nodeText(result.ending.node))) : [h('p', {}, t('play.stuck'))]),
    endingNode?.kind === 'ending' ? referenceChips(model, endingNode.refs) : null,
  );

  const skillsTable = h(
    'table',
    { class: 'skills-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('debrief.skills')),
        h('th', { scope: 'col' }, t('debrief.earned')),
        h('th', { scope: 'col' }, t('debrief.attainable')),
      ),
    ),
    h(
      'tbody',
      {},
      ...SKILLS.map((s) =>
        h(
          'tr',
          { 'data-skill': s },
          h('th', { scope: 'row' }, skillIcon(s), ' ', skillName(s)),
          h('td', {}, String(result.skills[s])),
          h('td', {}, String(result.attainable[s])),
        ),
      ),
    ),
  );

  const download = () => {
    const blob = new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `prasan-${result.scenario}-${result.finishedAt.slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const timerLabel = { normal: t('menu.timerNormal'), long: t('menu.timerLong'), off: t('menu.timerOff') }[result.settings.timer];

  return h(
    'section',
    { class: 'screen debrief', 'data-scenario': model.id, 'data-ending': result.ending?.node ?? '' },
    h('p', { class: 'print-only report-title' }, `${t('debrief.reportTitle')} — ${text('title')}`),
    header,
    h(
      'p',
      { class: 'meta' },
      `${text('title')} · ${t('debrief.played', { date: formatDate(result.finishedAt, language) })} · ${t('debrief.timerSetting', { setting: timerLabel })}`,
    ),
    delivery,
    h(
      'section',
      { class: 'skills', 'aria-labelledby': 'skills-heading' },
      h('h2', { id: 'skills-heading' }, t('debrief.skills')),
      h(
        'div',
        { class: 'skills-body' },
        radarChart(
          result.skills,
          result.attainable,
          { earned: t('debrief.earned'), attainable: t('debrief.attainable') },
          { name: skillName },
        ),
        h(
          'div',
          {},
          h(
            'ul',
            { class: 'legend' },
            h('li', {}, h('span', { class: 'swatch earned' }), t('debrief.earned')),
            h('li', {}, h('span', { class: 'swatch attainable' }), t('debrief.attainable')),
          ),
          skillsTable,
        ),
      ),
    ),
    h(
      'section',
      { class: 'decisions', 'aria-labelledby': 'decisions-heading' },
      h('h2', { id: 'decisions-heading' }, t('debrief.decisions')),
      h('ol', { class: 'timeline' }, ...decisionReview(model, result, review)),
    ),
    h(
      'details',
      { class: 'map-section no-print' },
      h('summary', {}, t('debrief.map')),
      h(
        'div',
        { class: 'map-scroll', tabindex: '0', role: 'region', 'aria-label': t('debrief.map') },
        pathMap(model, strings, result, review),
      ),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      h('button', { type: 'button', class: 'primary', onclick: actions.replay }, t('debrief.replay')),
      h('button', { type: 'button', onclick: actions.menu }, t('debrief.menu')),
      h('button', { type: 'button', onclick: download }, t('debrief.download')),
      h('button', { type: 'button', onclick: () => window.print() }, t('debrief.print')),
    ),
  );
}

function pathMap(model: ScenarioModel, strings: StringTable, result: RunResult, review: RunReview | undefined): SVGElement {
  // Every node the run entered — branches and the ending included — not only those decided at.
  const entered = review?.final.visited ?? [];
  const map = svgToDom(toSvgTree(scenarioMap(model, strings, result.language), model.start, result.path, entered));
  map.setAttribute('class', 'scenario-map');
  return map;
}

function decisionReview(model: ScenarioModel, result: RunResult, review: RunReview | undefined): HTMLElement[] {
  const text = (key: string) => scenarioText(model.id, model.languages, key);
  return result.path.map((taken, i) => {
    const reviewed = review?.steps[i];
    const node = model.nodes[taken.node];
    const outcome = node?.kind === 'decision' ? outcomeOf(node, taken.choice) : undefined;
    const speaker = node?.kind === 'decision' && node.speaker ? text(textKey.characterName(node.speaker)) : undefined;
    const wasBest = reviewed?.wasBest ?? true;
    const best = reviewed?.best;
    return h(
      'li',
      { class: `decision ${wasBest ? 'best' : ''}`, 'data-node': taken.node },
      h('h3', {}, t('debrief.step', { count: i + 1 }), speaker ? ` · ${speaker}` : ''),
      h('div', { class: 'situation' }, ...paragraphs(text(textKey.nodeText(taken.node)))),
      h(
        'p',
        { class: 'chosen' },
        h('strong', {}, `${t('debrief.youChose')}: `),
        taken.choice === 'timeout' ? t('play.timeoutChosen') : text(textKey.choiceText(taken.node, taken.choice)),
      ),
      reviewed ? h('ul', { class: 'skill-changes' }, ...skillChanges(reviewed.gained)) : null,
      h('div', { class: 'feedback' }, ...paragraphs(text(textKey.feedback(taken.node, taken.choice)))),
      referenceChips(model, outcome?.refs ?? []),
      wasBest || !best
        ? h('p', { class: 'best-note' }, `✓ ${t('debrief.wasBest')}`)
        : h(
            'p',
            { class: 'best-note better' },
            h('strong', {}, `${t('debrief.bestChoice', { count: best.choices.length })}: `),
            best.choices.map((id) => text(textKey.choiceText(taken.node, id))).join(' / '),
            ` (${best.total > 0 ? '+' : ''}${best.total})`,
          ),
    );
  });
}
