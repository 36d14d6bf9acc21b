/**
 * The room's panels, each built from the room's state: who has joined and where each is, how the
 * room chose at each decision, the class's skills, the paths on the scenario's map, the endings
 * reached, and one trainee's debrief. The counting is in aggregate.ts; here it is only shown.
 */
import { type SkillId, SKILLS, type StepReview, textKey } from '../engine';
import { scenarioMap, shorten, toSvgTree } from '../authoring/graph';
import { formatDate } from '../web/dates';
import { h } from '../web/dom';
import { radarChart } from '../web/radar';
import { skillIcon } from '../web/skills';
import { svgToDom } from '../web/svg-dom';
import type { TraineeRecord } from '../workshop/protocol';
import {
  countedRuns,
  decisionTallies,
  endingTallies,
  heatTree,
  pathHeat,
  positionOf,
  runReview,
  runsOf,
  skillStats,
  withChoiceCounts,
  type RoomState,
} from './aggregate';
import type { SessionScenario } from './api';
import { formatNumber, language, scenarioString, t } from './i18n';
import { joiningLine, joiningOpen } from './joining';

export interface PanelContext {
  room: RoomState;
  scenarios: ReadonlyMap<string, SessionScenario>;
  /** Display names instead of pseudonyms. */
  names: boolean;
  openTrainee(id: string): void;
  /** Asks whether to remove a trainee (and what to do with their runs); absent: no Remove buttons. */
  removeTrainee?(id: string): void;
}

const skillLabel = (skill: SkillId) => t(`game:skill.${skill}`);

export function who(trainee: TraineeRecord | undefined, names: boolean): string {
  if (!trainee) return '?';
  return names ? `${trainee.name} (${trainee.pseudonym})` : trainee.pseudonym;
}

export function scenarioTitle(context: Pick<PanelContext, 'scenarios'>, id: string): string {
  return scenarioString(context.scenarios.get(id)?.menuStrings, 'title') || id;
}

function endingTitle(scenario: SessionScenario | undefined, ending: string | null): string {
  if (ending === null) return t('endings.stuck');
  return scenarioString(scenario?.playable.strings, textKey.endingTitle(ending)) || ending;
}

function choiceText(scenario: SessionScenario | undefined, node: string, choice: string): string {
  if (choice === 'timeout') return t('choices.timeout');
  return scenarioString(scenario?.playable.strings, textKey.choiceText(node, choice)) || choice;
}

function kindBadge(kind: string): HTMLElement {
  const known = ['success', 'partial', 'failure', 'incomplete'].includes(kind) ? kind : 'incomplete';
  return h('span', { class: `kind kind-${known}` }, t(`game:debrief.ending.${known as 'success'}`));
}

// ---- joining --------------------------------------------------------------------------------------

export function joinPanel(context: PanelContext, address: string): HTMLElement {
  const { session } = context.room;
  // Someone removed is no longer in the room.
  const trainees = context.room.trainees.filter((trainee) => !trainee.removedAt);
  const open = joiningOpen(session);
  const local = /^(localhost|127\.|\[::1\])/.test(new URL(address).hostname);
  return h(
    'div',
    { class: 'join-panel' },
    h(
      'div',
      { class: 'join-text' },
      h('p', { class: 'join-label' }, t('join.heading')),
      h('p', { class: 'join-address', lang: 'en' }, address),
      local ? h('p', { class: 'message error' }, t('join.localAddress')) : null,
      h('p', { class: 'join-label' }, t('join.code')),
      h('p', { class: 'join-code', 'data-testid': 'join-code', lang: 'en' }, session.code),
      h('p', { class: `joining-state ${open ? 'open' : 'closed'}`, 'data-testid': 'joining-state' }, joiningLine(session)),
      h('p', { class: 'join-steps' }, t('join.steps')),
    ),
    h('img', {
      class: 'join-qr',
      src: `api/join/${session.code}/qr.svg`,
      alt: t('join.qr', { code: session.code }),
      width: 480,
      height: 480,
    }),
    h(
      'div',
      { class: 'join-roll' },
      h(
        'p',
        { class: 'joined-count', 'aria-live': 'polite' },
        trainees.length === 0 ? t('join.nobody') : t('join.joined', { count: trainees.length }),
      ),
      h(
        'ul',
        { class: 'chips' },
        ...trainees.map((trainee) => h('li', { class: 'chip' }, context.names ? trainee.name : trainee.pseudonym)),
      ),
    ),
  );
}

/** A time today as the clock reads it; an earlier day with its date. */
function lastSeen(iso: string): string {
  const when = new Date(iso);
  if (when.toDateString() !== new Date().toDateString()) return formatDate(iso, language());
  return new Intl.DateTimeFormat(language() === 'th' ? 'th-TH' : 'en-GB', { timeStyle: 'short' }).format(when);
}

// ---- trainees ---------------------------------------------------------------------------------------

export function traineesPanel(context: PanelContext): HTMLElement {
  const { room, scenarios, names } = context;
  if (room.trainees.length === 0) return h('p', { class: 'empty' }, t('trainees.nobody'));
  const models = new Map([...scenarios].map(([id, s]) => [id, s.playable.model]));
  const runs = [...room.runs.values()];
  const rows = room.trainees.map((trainee) => {
    const position = positionOf(trainee.id, runs, models);
    let where: (HTMLElement | string)[];
    if (position.status === 'waiting') where = [h('span', { class: 'muted' }, t('trainees.waiting'))];
    else if (position.status === 'finished') {
      const scenario = scenarios.get(position.scenario);
      where = [kindBadge(position.endingKind ?? 'incomplete'), ' ', endingTitle(scenario, position.ending)];
    } else {
      const scenario = scenarios.get(position.scenario);
      const text = position.node ? shorten(scenarioString(scenario?.playable.strings, textKey.nodeText(position.node)), 70) : '';
      where = [h('strong', {}, t('trainees.playing', { n: position.decision })), text ? h('span', { class: 'node-text' }, text) : ''];
    }
    const label = names ? trainee.name : trainee.pseudonym;
    return h(
      'tr',
      { 'data-trainee': trainee.pseudonym, class: `status-${position.status}${trainee.removedAt ? ' removed' : ''}` },
      h(
        'th',
        { scope: 'row' },
        h('button', { type: 'button', class: 'link', onclick: () => context.openTrainee(trainee.id) }, label),
        trainee.removedAt ? h('span', { class: 'badge removed-badge' }, t('trainees.removed')) : null,
      ),
      names ? h('td', { class: 'muted' }, trainee.pseudonym) : null,
      h('td', {}, position.status === 'waiting' ? '' : scenarioTitle(context, position.scenario)),
      h('td', { class: 'where' }, ...where),
      h('td', { class: 'muted' }, lastSeen(trainee.lastSeenAt)),
      context.removeTrainee
        ? h(
            'td',
            { class: 'remove-cell' },
            trainee.removedAt
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'danger',
                    'aria-label': t('trainees.removeLabel', { who: label }),
                    onclick: () => context.removeTrainee?.(trainee.id),
                  },
                  t('trainees.remove'),
                ),
          )
        : null,
    );
  });
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, t('trainees.help')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'trainees' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, names ? t('trainees.name') : t('trainees.pseudonym')),
            names ? h('th', { scope: 'col' }, t('trainees.pseudonym')) : null,
            h('th', { scope: 'col' }, t('trainees.scenario')),
            h('th', { scope: 'col' }, t('trainees.where')),
            h('th', { scope: 'col' }, t('trainees.lastSeen')),
            context.removeTrainee ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('sessions.actions'))) : null,
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}

// ---- how the room chose ------------------------------------------------------------------------------

export function choicesPanel(context: PanelContext, scenarioId: string): HTMLElement {
  const scenario = context.scenarios.get(scenarioId);
  if (!scenario) return h('p', { class: 'muted' }, t('room.loadingScenario'));
  const runs = countedRuns(context.room.runs.values(), scenarioId);
  const tallies = decisionTallies(scenario.playable.model, runs);
  if (tallies.length === 0) return h('p', { class: 'empty' }, t('choices.none'));
  const byId = new Map(context.room.trainees.map((tr) => [tr.id, tr]));
  const strings = scenario.playable.strings;
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, t('room.counted')),
    h(
      'ol',
      { class: 'tallies' },
      ...tallies.map((tally) =>
        h(
          'li',
          { class: 'card tally', 'data-node': tally.node },
          h(
            'header',
            {},
            h('h3', {}, shorten(scenarioString(strings, textKey.nodeText(tally.node)), 160) || t('choices.decision', { node: tally.node })),
            h('p', { class: 'tally-total' }, t('choices.answers', { count: tally.total })),
          ),
          h(
            'ul',
            { class: 'bars' },
            ...tally.choices.map((choice) => {
              const percent = tally.total > 0 ? Math.round((100 * choice.count) / tally.total) : 0;
              const fill = h('span', { class: 'bar-fill' });
              fill.style.width = `${percent}%`;
              return h(
                'li',
                { class: `bar-row${choice.count === 0 ? ' zero' : ''}`, 'data-choice': choice.id, 'data-count': choice.count },
                h('span', { class: 'bar-label' }, choiceText(scenario, tally.node, choice.id)),
                h('span', { class: 'bar' }, fill),
                h('span', { class: 'bar-count' }, t('choices.count', { count: choice.count, percent })),
                context.names && choice.count > 0
                  ? h(
                      'span',
                      { class: 'who' },
                      t('choices.who', { names: choice.trainees.map((id) => byId.get(id)?.name ?? '?').join(', ') }),
                    )
                  : null,
              );
            }),
          ),
        ),
      ),
    ),
  );
}

// ---- the class's skills ----------------------------------------------------------------------------

export function skillsPanel(context: PanelContext, scenarioId: string): HTMLElement {
  const scenario = context.scenarios.get(scenarioId);
  if (!scenario) return h('p', { class: 'muted' }, t('room.loadingScenario'));
  const stats = skillStats(countedRuns(context.room.runs.values(), scenarioId));
  if (!stats) return h('p', { class: 'empty' }, t('skills.none'));
  const attainable = scenario.playable.attainable;
  const radar = radarChart(
    stats.mean,
    attainable,
    { earned: t('skills.mean'), attainable: t('game:debrief.attainable') },
    {
      band: { low: stats.low, high: stats.high },
      name: skillLabel,
      format: (v) => formatNumber(v),
    },
  );
  const table = h(
    'table',
    { class: 'skills-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('skills.skill')),
        h('th', { scope: 'col' }, t('skills.meanShort')),
        h('th', { scope: 'col' }, t('skills.sd')),
        h('th', { scope: 'col' }, t('skills.range')),
        h('th', { scope: 'col' }, t('skills.attainable')),
      ),
    ),
    h(
      'tbody',
      {},
      ...SKILLS.map((s) =>
        h(
          'tr',
          { 'data-skill': s },
          h('th', { scope: 'row' }, skillIcon(s), ' ', skillLabel(s)),
          h('td', {}, formatNumber(stats.mean[s])),
          h('td', {}, formatNumber(stats.sd[s])),
          h('td', {}, `${formatNumber(stats.min[s])}–${formatNumber(stats.max[s])}`),
          h('td', {}, formatNumber(attainable[s])),
        ),
      ),
    ),
  );
  return h(
    'div',
    { class: 'skills-body' },
    radar,
    h(
      'div',
      {},
      h('p', { class: 'skills-count' }, t('skills.from', { count: stats.count })),
      h(
        'ul',
        { class: 'legend' },
        h('li', {}, h('span', { class: 'swatch earned' }), t('skills.mean')),
        h('li', {}, h('span', { class: 'swatch band' }), t('skills.band')),
        h('li', {}, h('span', { class: 'swatch attainable' }), t('game:debrief.attainable')),
      ),
      table,
    ),
  );
}

// ---- the paths on the map ----------------------------------------------------------------------------

export function mapPanel(context: PanelContext, scenarioId: string): SVGElement | HTMLElement {
  const scenario = context.scenarios.get(scenarioId);
  if (!scenario) return h('p', { class: 'muted' }, t('room.loadingScenario'));
  const { model, strings } = scenario.playable;
  const heat = pathHeat(model, countedRuns(context.room.runs.values(), scenarioId));
  const lang = model.languages.includes(language()) ? language() : model.languages[0]!;
  const map = svgToDom(heatTree(toSvgTree(withChoiceCounts(scenarioMap(model, strings, lang), heat), model.start), heat));
  map.setAttribute('class', 'scenario-map heat-map');
  map.setAttribute('role', 'img');
  map.setAttribute('aria-label', t('map.label'));
  return map;
}

// ---- endings ------------------------------------------------------------------------------------------

export function endingsPanel(context: PanelContext, scenarioId: string): HTMLElement {
  const scenario = context.scenarios.get(scenarioId);
  if (!scenario) return h('p', { class: 'muted' }, t('room.loadingScenario'));
  const runs = countedRuns(context.room.runs.values(), scenarioId);
  const tallies = endingTallies(scenario.playable.model, runs);
  const finished = tallies.reduce((sum, e) => sum + e.count, 0);
  return h(
    'div',
    {},
    finished === 0 ? h('p', { class: 'empty' }, t('endings.none')) : h('p', { class: 'muted' }, t('room.counted')),
    h(
      'ul',
      { class: 'bars endings' },
      ...tallies.map((ending) => {
        const fill = h('span', { class: `bar-fill kind-fill-${ending.kind}` });
        fill.style.width = `${finished > 0 ? (100 * ending.count) / finished : 0}%`;
        return h(
          'li',
          { class: `bar-row${ending.count === 0 ? ' zero' : ''}`, 'data-ending': ending.ending ?? '', 'data-count': ending.count },
          h('span', { class: 'bar-label' }, kindBadge(ending.kind), ' ', endingTitle(scenario, ending.ending)),
          h('span', { class: 'bar' }, fill),
          h('span', { class: 'bar-count' }, t('endings.count', { count: ending.count })),
        );
      }),
    ),
  );
}

// ---- one trainee's debrief ------------------------------------------------------------------------------

export function traineeDebrief(context: PanelContext, traineeId: string): HTMLElement[] {
  const trainee = context.room.trainees.find((tr) => tr.id === traineeId);
  const runs = runsOf(context.room.runs.values(), traineeId);
  if (runs.length === 0) return [h('p', { class: 'empty' }, t('debrief.noRuns'))];
  return runs.map((run) => {
    const scenario = context.scenarios.get(run.scenario);
    const review = runReview(scenario?.playable.model, run);
    const skills = run.result?.skills ?? review?.final.skills;
    const earned = Object.fromEntries(SKILLS.map((s) => [s, skills?.[s] ?? 0])) as Record<SkillId, number>;
    const strings = scenario?.playable.strings;
    return h(
      'article',
      { class: 'run', 'data-run': run.id, 'data-trainee': trainee?.pseudonym ?? '' },
      h('h3', {}, scenarioTitle(context, run.scenario)),
      h('p', { class: 'muted' }, t('debrief.started', { date: formatDate(run.startedAt, language()) })),
      run.result
        ? h(
            'p',
            { class: 'run-ending' },
            h('strong', {}, `${t('debrief.ending')}: `),
            kindBadge(run.result.endingKind ?? 'incomplete'),
            ' ',
            endingTitle(scenario, run.result.ending),
          )
        : h('p', { class: 'run-ending' }, t('debrief.inProgress', { n: run.steps.length + 1 })),
      scenario
        ? h(
            'div',
            { class: 'skills-body' },
            radarChart(
              earned,
              scenario.playable.attainable,
              { earned: t('game:debrief.earned'), attainable: t('game:debrief.attainable') },
              { name: skillLabel },
            ),
            h(
              'ul',
              { class: 'legend' },
              h('li', {}, h('span', { class: 'swatch earned' }), t('game:debrief.earned')),
              h('li', {}, h('span', { class: 'swatch attainable' }), t('game:debrief.attainable')),
            ),
          )
        : null,
      review ? null : h('p', { class: 'message error' }, t('debrief.unreadable')),
      h(
        'ol',
        { class: 'run-steps' },
        ...run.steps.map((s, i) => {
          const reviewed = review?.steps[i];
          return h(
            'li',
            { 'data-node': s.node, ...(reviewed ? { 'data-best': String(reviewed.wasBest) } : {}) },
            h('p', { class: 'step-title' }, t('game:debrief.step', { count: i + 1 })),
            h('p', { class: 'node-text' }, shorten(scenarioString(strings, textKey.nodeText(s.node)), 200)),
            h(
              'p',
              { class: 'chosen' },
              h('strong', {}, `${t('debrief.chose')}: `),
              choiceText(scenario, s.node, s.choice),
              reviewed?.position
                ? h('span', { class: 'muted' }, ` (${t('debrief.position', { n: reviewed.position, count: reviewed.shown.length })})`)
                : null,
            ),
            reviewed ? h('p', { class: 'points' }, h('strong', {}, `${t('debrief.points')}: `), pointsText(reviewed.gained)) : null,
            reviewed ? bestNote(scenario, s.node, reviewed) : null,
          );
        }),
      ),
    );
  });
}

/** Points a step earned, in words: "+2 Negotiation, −1 Ethics". */
function pointsText(gained: Record<SkillId, number>): string {
  const parts = SKILLS.filter((s) => gained[s] !== 0).map((s) => `${gained[s] > 0 ? '+' : '−'}${Math.abs(gained[s])} ${skillLabel(s)}`);
  return parts.length > 0 ? parts.join(', ') : t('debrief.noPoints');
}

function bestNote(scenario: SessionScenario | undefined, node: string, reviewed: StepReview): HTMLElement {
  if (reviewed.wasBest) return h('p', { class: 'best-note' }, `✓ ${t('debrief.wasBest')}`);
  const best = reviewed.best.choices.map((id) => choiceText(scenario, node, id)).join(' / ');
  return h(
    'p',
    { class: 'best-note better' },
    h('strong', {}, `${t('debrief.best')}: `),
    `${best} (${reviewed.best.total > 0 ? '+' : ''}${reviewed.best.total})`,
  );
}
