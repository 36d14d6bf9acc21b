/**
 * The seven-skill radar, in SVG: the attainable outline behind the earned shape, on one scale for all
 * skills so a trainee sees where the scenario offered most. SVG (not the canvas) so it prints. The
 * trainer's dashboard draws a class with it too: the mean as the shape, the spread as a band.
 */
import './radar.css';
import { SKILLS, type SkillId, type SkillTotals } from '../engine';
import { svg } from './dom';
import { SKILL_COLOURS } from './skills';

export interface RadarOptions {
  /** A band drawn behind the shape, e.g. a class's spread: its low and high value per skill. */
  band?: { low: SkillTotals; high: SkillTotals };
  /** Skill names, in the page's language. */
  name: (skill: SkillId) => string;
  /** How a value is written (a class mean has a decimal). */
  format?: (value: number) => string;
}

export function radarChart(
  earned: SkillTotals,
  attainable: SkillTotals,
  labels: { earned: string; attainable: string },
  options: RadarOptions,
): SVGElement {
  const name = options.name;
  const format = options.format ?? String;
  const size = 420;
  const centre = size / 2;
  const radius = 130;
  const highs = options.band ? SKILLS.map((s) => options.band!.high[s]) : [];
  const scale = Math.max(1, ...SKILLS.map((s) => attainable[s]), ...SKILLS.map((s) => earned[s]), ...highs);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / SKILLS.length;
  const point = (i: number, value: number) => {
    const r = (Math.max(0, value) / scale) * radius;
    return [centre + Math.cos(angle(i)) * r, centre + Math.sin(angle(i)) * r] as const;
  };
  const polygon = (values: SkillTotals) => SKILLS.map((s, i) => point(i, values[s]).join(',')).join(' ');

  const rings = [0.25, 0.5, 0.75, 1].map((f) =>
    svg('polygon', {
      class: 'radar-ring',
      points: SKILLS.map((_, i) => point(i, f * scale).join(',')).join(' '),
    }),
  );
  const axes = SKILLS.map((s, i) => {
    const [x, y] = point(i, scale);
    return svg('line', { class: 'radar-axis', x1: centre, y1: centre, x2: x, y2: y, stroke: SKILL_COLOURS[s] });
  });
  const names = SKILLS.map((s, i) => {
    const x = centre + Math.cos(angle(i)) * (radius + 22);
    const y = centre + Math.sin(angle(i)) * (radius + 22);
    const anchor = Math.abs(x - centre) < 10 ? 'middle' : x > centre ? 'start' : 'end';
    const score = `${format(earned[s])}/${format(attainable[s])}`;
    // Names for wide screens; on a phone only the numbers, large enough to read (the table names them).
    return svg(
      'g',
      {},
      svg('text', { class: 'radar-label', x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle' }, `${name(s)} ${score}`),
      svg(
        'text',
        { class: 'radar-short', x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle', 'font-size': 30, fill: SKILL_COLOURS[s] },
        score,
      ),
    );
  });
  // The band is the ring between the high and the low shape (even-odd fill leaves the inside empty).
  const band = options.band
    ? svg('path', { class: 'radar-band', 'fill-rule': 'evenodd', d: `M${polygon(options.band.high)}Z M${polygon(options.band.low)}Z` })
    : null;
  return svg(
    'svg',
    { class: 'radar', viewBox: `-90 0 ${size + 180} ${size}`, role: 'img', 'aria-label': `${labels.earned} / ${labels.attainable}` },
    svg('title', {}, `${labels.earned} / ${labels.attainable}`),
    ...rings,
    ...axes,
    svg('polygon', { class: 'radar-attainable', points: polygon(attainable) }),
    ...(band ? [band] : []),
    svg('polygon', { class: 'radar-earned', points: polygon(earned) }),
    ...SKILLS.map((s, i) => {
      const [x, y] = point(i, earned[s]);
      return svg('circle', { class: 'radar-dot', cx: x, cy: y, r: 5, fill: SKILL_COLOURS[s] });
    }),
    ...names,
  );
}
