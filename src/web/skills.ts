/**
 * How skills are shown, in the game and on the dashboard alike: a name (given by the page, in its
 * language), an icon and a colour, so colour is never the only cue.
 */
import { SKILLS, type SkillId, type SkillTotals } from '../engine';
import { h, svg } from './dom';

/** Colours from a palette that stays distinguishable under the common colour-vision deficiencies. */
export const SKILL_COLOURS: Record<SkillId, string> = {
  communication: '#0072b2',
  observation: '#e69f00',
  negotiation: '#009e73',
  networking: '#cc79a7',
  ethics: '#56b4e9',
  coordination: '#d55e00',
  strategy: '#6a4c93',
};

const ICONS: Record<SkillId, [string, Record<string, string | number>][]> = {
  communication: [['path', { d: 'M4 5h16v10H10l-5 4v-4H4z' }]],
  observation: [
    ['path', { d: 'M2 12c3-5 7-7 10-7s7 2 10 7c-3 5-7 7-10 7s-7-2-10-7z' }],
    ['circle', { cx: 12, cy: 12, r: 3 }],
  ],
  negotiation: [['path', { d: 'M3 13l4-4 3 2 4-4 7 6-4 4-3-2-3 3z' }]],
  networking: [
    ['circle', { cx: 5, cy: 6, r: 2.5 }],
    ['circle', { cx: 19, cy: 6, r: 2.5 }],
    ['circle', { cx: 12, cy: 19, r: 2.5 }],
    ['path', { d: 'M7 7l10 0M6 8l5 9M18 8l-5 9' }],
  ],
  ethics: [['path', { d: 'M12 3v17M6 20h12M4 8h16M4 8l-2 6h6zM20 8l-2 6h6z' }]],
  coordination: [
    ['circle', { cx: 9, cy: 12, r: 5 }],
    ['circle', { cx: 15, cy: 12, r: 5 }],
  ],
  strategy: [
    ['circle', { cx: 12, cy: 12, r: 9 }],
    ['circle', { cx: 12, cy: 12, r: 5 }],
    ['circle', { cx: 12, cy: 12, r: 1.5 }],
  ],
};

export function skillIcon(skill: SkillId): SVGElement {
  return svg(
    'svg',
    {
      class: 'skill-icon',
      viewBox: '0 0 24 24',
      width: 20,
      height: 20,
      'aria-hidden': 'true',
      fill: 'none',
      stroke: SKILL_COLOURS[skill],
      'stroke-width': 2,
      'stroke-linejoin': 'round',
    },
    ...ICONS[skill].map(([tag, attrs]) => svg(tag, attrs)),
  );
}

/** "+2 การเจรจาต่อรอง" for each skill that changed, in the seed's order. */
export function skillChangeList(delta: SkillTotals, name: (skill: SkillId) => string): HTMLElement[] {
  return SKILLS.filter((s) => delta[s] !== 0).map((s) =>
    h(
      'li',
      { class: `skill-change ${delta[s] > 0 ? 'up' : 'down'}` },
      skillIcon(s),
      h('span', { class: 'amount' }, `${delta[s] > 0 ? '+' : '−'}${Math.abs(delta[s])}`),
      ' ',
      h('span', {}, name(s)),
    ),
  );
}
