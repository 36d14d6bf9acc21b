/**
 * The library read as a trainee reads it: one cast (a name is one person in one role everywhere),
 * one name for each official body, one honorific convention, no wrongdoing that pays, and no pattern
 * (the longest or the shortest choice) that wins without judgement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compileScenario,
  isEnded,
  offeredChoices,
  shownChoices,
  SKILLS,
  startRun,
  step,
  textKey,
  WRONGDOING_ETHICS,
  type CompiledScenario,
  type RunState,
} from '../../src/engine';
import { BODIES, FORBIDDEN_WORDS, HONORIFICS } from './vocabulary';

interface Character {
  name: { th: string; en: string };
  role?: { th: string; en: string };
  side?: string;
  appearance?: { gender?: string; age?: string; dress?: string };
}
interface RawScenario {
  id: string;
  characters?: Record<string, Character>;
}

const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const raw = FILES.map((f) => ({ file: f, text: readFileSync(`scenarios/${f}`, 'utf8') }));
const parsed = raw.map(({ file, text }) => ({ file, data: parse(text) as RawScenario }));

/** Every text of a file, with where it is: a string anywhere in the data, keyed by its path. */
function texts(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

const people = parsed.flatMap(({ file, data }) => Object.entries(data.characters ?? {}).map(([id, c]) => ({ file, id, ...c })));

/** A name without its honorific: [given name, family name]. */
function nameParts(name: string, honorifics: readonly string[]): string[] {
  const prefix = honorifics.find((h) => name.startsWith(h));
  return (prefix ? name.slice(prefix.length) : name).trim().split(/\s+/);
}

describe('one cast across the library', () => {
  it('every character is named with an honorific: นาย, นาง, นางสาว or a rank in Thai; Mr, Ms or a rank in English', () => {
    const bad = people.filter(
      (p) => !HONORIFICS.th.some((h) => p.name.th.startsWith(h)) || !HONORIFICS.en.some((h) => p.name.en.startsWith(`${h} `)),
    );
    expect(bad.map((p) => `${p.file} ${p.id}: ${p.name.th} / ${p.name.en}`)).toEqual([]);
  });

  it('a name means one person: the same name has the same role, side and English name in every scenario', () => {
    const byName = new Map<string, typeof people>();
    for (const p of people) byName.set(p.name.th, [...(byName.get(p.name.th) ?? []), p]);
    const clashes: string[] = [];
    for (const [name, same] of byName) {
      const first = same[0]!;
      for (const other of same.slice(1)) {
        if (other.name.en !== first.name.en)
          clashes.push(`${name}: English "${first.name.en}" (${first.file}) vs "${other.name.en}" (${other.file})`);
        if (other.role?.th !== first.role?.th || other.role?.en !== first.role?.en)
          clashes.push(`${name}: role "${first.role?.en}" (${first.file}) vs "${other.role?.en}" (${other.file})`);
        if ((other.side ?? 'neutral') !== (first.side ?? 'neutral'))
          clashes.push(`${name}: side differs between ${first.file} and ${other.file}`);
        // The same face everywhere: the portrait is drawn from the id and the appearance.
        if (other.id !== first.id) clashes.push(`${name}: id "${first.id}" (${first.file}) vs "${other.id}" (${other.file})`);
        if (JSON.stringify(other.appearance) !== JSON.stringify(first.appearance))
          clashes.push(`${name}: appearance differs between ${first.file} and ${other.file}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("every character's portrait is given a gender, age and dress, and the gender fits the honorific", () => {
    const bad = people.filter((p) => {
      const a = p.appearance;
      if (!a?.gender || !a.age || !a.dress) return true;
      if (p.name.th.startsWith('นาย') && !p.name.th.startsWith('นายก')) return a.gender !== 'man';
      if (p.name.th.startsWith('นาง')) return a.gender !== 'woman';
      return false;
    });
    expect(bad.map((p) => `${p.file} ${p.id}: ${p.name.th} ${JSON.stringify(p.appearance)}`)).toEqual([]);
  });

  it('a given name belongs to one person, in Thai and in English', () => {
    for (const lang of ['th', 'en'] as const) {
      const owners = new Map<string, Set<string>>();
      for (const p of people) {
        const given = nameParts(p.name[lang], HONORIFICS[lang])[0]!;
        owners.set(given, new Set([...(owners.get(given) ?? []), p.name[lang]]));
      }
      const shared = [...owners].filter(([, names]) => names.size > 1).map(([given, names]) => `${given}: ${[...names].join(' / ')}`);
      expect(shared, lang).toEqual([]);
    }
  });

  it('one person holds one role: a role is not played by two different people in the same scenario', () => {
    const clashes = parsed.flatMap(({ file, data }) => {
      const roles = new Map<string, string>();
      return Object.values(data.characters ?? {}).flatMap((c) => {
        const role = c.role?.en;
        if (!role) return [];
        const seen = roles.get(role);
        roles.set(role, c.name.en);
        return seen && seen !== c.name.en ? [`${file}: "${role}" is both ${seen} and ${c.name.en}`] : [];
      });
    });
    expect(clashes).toEqual([]);
  });
});

describe('one vocabulary across the library', () => {
  const all = parsed.flatMap(({ file, data }) => texts(data).map((t) => ({ file, ...t })));

  it.each(BODIES.flatMap((b) => b.variants.map((variant) => [variant, b] as const)))('no file writes "%s"', (variant, body) => {
    const hits = all.filter((t) => (variant instanceof RegExp ? variant.test(t.text) : t.text.includes(variant)));
    expect(hits.map((h) => `${h.file} ${h.path}: use "${body.th}" / "${body.en}"`)).toEqual([]);
  });

  it.each(FORBIDDEN_WORDS.map((w) => [w.word, w] as const))('no file writes "%s"', (_, rule) => {
    const hits = all.filter((t) => (rule.word instanceof RegExp ? rule.word.test(t.text) : t.text.includes(rule.word)));
    expect(hits.map((h) => `${h.file} ${h.path}: ${rule.why}`)).toEqual([]);
  });
});

// ---- scoring that teaches ------------------------------------------------------------------------

const library: CompiledScenario[] = raw.map(({ file, text }) => {
  const { compiled, diagnostics } = compileScenario(file, text);
  if (!compiled) throw new Error(`${file} does not compile: ${diagnostics.map((d) => d.code).join(', ')}`);
  return compiled;
});

describe('wrongdoing never pays', () => {
  it.each(library.map((c) => [c.model.id, c] as const))(
    `%s: no choice scored ethics ${WRONGDOING_ETHICS} or lower earns points on another skill`,
    (_, c) => {
      const paid = Object.values(c.model.nodes).flatMap((node) =>
        node.kind !== 'decision'
          ? []
          : [...node.choices, ...(node.timeout ? [node.timeout] : [])]
              .filter((o) => (o.scores.ethics ?? 0) <= WRONGDOING_ETHICS && SKILLS.some((s) => s !== 'ethics' && (o.scores[s] ?? 0) > 0))
              .map((o) => `${node.id}.${o.id}`),
      );
      expect(paid).toEqual([]);
    },
  );

  it.each(library.map((c) => [c.model.id, c] as const))(
    "%s: every skill's most attainable is reached by a run with no negative-ethics choice",
    (_, c) => {
      expect(c.exploration.exact).toBe(true);
      expect(c.exploration.dirtyMax).toEqual({});
    },
  );
});

/** Plays a scenario always taking the choice a rule picks (timers never fire); the points summed over skills. */
function playBy(c: CompiledScenario, pick: (offered: readonly string[], state: RunState) => string): number {
  let state = startRun(c.model);
  for (let guard = 0; !isEnded(c.model, state) && guard < 200; guard++) {
    const offered = offeredChoices(c.model, state).map((o) => o.id);
    if (offered.length === 0) break;
    state = step(c.model, state, pick(offered, state))!;
  }
  return SKILLS.reduce((sum, s) => sum + state.skills[s], 0);
}

describe('no pattern wins without judgement', () => {
  const attainable = library.reduce((sum, c) => sum + SKILLS.reduce((t, s) => t + c.exploration.max[s], 0), 0);
  const SEEDS = ['run-1', 'run-2', 'run-3', 'run-4'];

  it('always pressing the first choice on screen earns at most 35 % of the attainable total (four runs of every scenario)', () => {
    const earned = SEEDS.reduce(
      (sum, seed) => sum + library.reduce((t, c) => t + playBy(c, (_, state) => shownChoices(c.model, state, seed)[0]!.id), 0),
      0,
    );
    expect(earned / (attainable * SEEDS.length)).toBeLessThanOrEqual(0.35);
  });

  it.each(library.map((c) => [c.model.id, c] as const))('%s: the first decision is not shown in the same order on every run', (_, c) => {
    const first = startRun(c.model);
    const orders = new Set(
      SEEDS.map((seed) =>
        shownChoices(c.model, first, seed)
          .map((o) => o.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  for (const lang of ['th', 'en'] as const) {
    const length = (c: CompiledScenario, state: RunState, id: string) => c.strings[lang]?.[textKey.choiceText(state.node, id)]?.length ?? 0;
    it(`always taking the longest choice (${lang}) earns at most 35 % of the attainable total`, () => {
      const earned = library.reduce(
        (sum, c) => sum + playBy(c, (ids, s) => ids.reduce((a, b) => (length(c, s, b) > length(c, s, a) ? b : a))),
        0,
      );
      expect(earned / attainable).toBeLessThanOrEqual(0.35);
    });
    it(`always taking the shortest choice (${lang}) earns at most 35 % of the attainable total`, () => {
      const earned = library.reduce(
        (sum, c) => sum + playBy(c, (ids, s) => ids.reduce((a, b) => (length(c, s, b) < length(c, s, a) ? b : a))),
        0,
      );
      expect(earned / attainable).toBeLessThanOrEqual(0.35);
    });
  }
});
