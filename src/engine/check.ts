/**
 * What the schema alone can't see: names that must exist, texts in every language, and the shape of
 * the graph (reachable nodes, a way to an ending from everywhere, no loop made only of branches).
 */
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { MAX_NODES, type Condition, type Scenario, type ScenarioNode } from './schema';
import { SKILL_NAMES, SKILLS, WRONGDOING_ETHICS } from './skills';
import { collectTexts } from './texts';
import type { Path, YamlSource, Anchor } from './yaml-source';

export function checkScenario(scenario: Scenario, source: YamlSource, fileName: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, path: Path, params: Diagnostic['params'] = {}, anchor: Anchor = 'value') =>
    diagnostics.push(source.diagnostic(code, path, params, anchor));

  checkTexts(scenario, report);
  checkMeters(scenario, report);
  checkNames(scenario, report);
  checkGraph(scenario, report);
  checkWarnings(scenario, fileName, report);
  return diagnostics;
}

type Report = (code: DiagnosticCode, path: Path, params?: Diagnostic['params'], anchor?: Anchor) => void;

function checkTexts(scenario: Scenario, report: Report): void {
  const languages: readonly string[] = scenario.languages;
  for (const site of collectTexts(scenario)) {
    for (const lang of languages) {
      if (site.text[lang as keyof typeof site.text] === undefined) report('PRS030', [...site.path, lang], { lang }, 'missing');
    }
    for (const lang of Object.keys(site.text)) {
      if (!languages.includes(lang)) report('PRS031', [...site.path, lang], { lang }, 'key');
    }
  }
}

function checkMeters(scenario: Scenario, report: Report): void {
  for (const [id, meter] of Object.entries(scenario.meters ?? {})) {
    if (!(meter.min <= meter.initial && meter.initial <= meter.max)) {
      report('PRS048', ['meters', id], { min: meter.min, initial: meter.initial, max: meter.max }, 'key');
    }
  }
}

/** Every name a file uses must exist: nodes, characters, references, meters, flags, choices. */
function checkNames(scenario: Scenario, report: Report): void {
  const nodes = scenario.nodes;
  const meters = scenario.meters ?? {};
  const characters = scenario.characters ?? {};
  const references = scenario.references ?? {};
  const flagsSet = new Set<string>();
  for (const node of Object.values(nodes)) {
    if ('choices' in node) for (const c of node.choices) for (const f of c.set ?? []) flagsSet.add(f);
  }

  const checkNext = (next: string, path: Path) => {
    if (!(next in nodes)) report('PRS032', path, { target: next });
  };
  const checkRefs = (refs: string[] | undefined, path: Path) =>
    (refs ?? []).forEach((r, i) => {
      if (!(r in references)) report('PRS034', [...path, i], { target: r });
    });
  const checkEffects = (effects: Record<string, number> | undefined, path: Path) => {
    for (const meter of Object.keys(effects ?? {})) {
      if (!(meter in meters)) report('PRS035', [...path, meter], { target: meter }, 'key');
    }
  };
  const checkCondition = (condition: Condition, path: Path): void => {
    if ('flag' in condition) {
      if (!flagsSet.has(condition.flag)) report('PRS037', [...path, 'flag'], { flag: condition.flag });
    } else if ('meter' in condition) {
      if (!(condition.meter in meters)) report('PRS035', [...path, 'meter'], { target: condition.meter });
    } else if ('visited' in condition) {
      if (!(condition.visited in nodes)) report('PRS032', [...path, 'visited'], { target: condition.visited });
    } else if ('chose' in condition) {
      const [nodeId = '', choiceId = ''] = condition.chose.split('.');
      const node = nodes[nodeId];
      if (!node) report('PRS032', [...path, 'chose'], { target: nodeId });
      else if (choiceId === 'timeout') {
        if (!('choices' in node) || !node.timeout) report('PRS049', [...path, 'chose'], { node: nodeId });
      } else if (!('choices' in node) || !node.choices.some((c) => c.id === choiceId)) {
        report('PRS036', [...path, 'chose'], { node: nodeId, choice: choiceId });
      }
    } else if ('not' in condition) {
      checkCondition(condition.not, [...path, 'not']);
    } else if ('all' in condition) {
      condition.all.forEach((c, i) => checkCondition(c, [...path, 'all', i]));
    } else if ('any' in condition) {
      condition.any.forEach((c, i) => checkCondition(c, [...path, 'any', i]));
    }
  };

  if (!(scenario.start in nodes)) report('PRS043', ['start'], { target: scenario.start });
  for (const [id, node] of Object.entries(nodes)) {
    const at: Path = ['nodes', id];
    if ('speaker' in node && node.speaker !== undefined && !(node.speaker in characters)) {
      report('PRS033', [...at, 'speaker'], { target: node.speaker });
    }
    // An expression belongs to the speaker's portrait: without a speaker nobody shows it.
    if (!('branch' in node) && node.speaker === undefined) {
      if (node.expression) report('PRS067', [...at, 'expression']);
      if ('choices' in node) {
        node.choices.forEach((c, i) => c.expression && report('PRS067', [...at, 'choices', i, 'expression']));
        if (node.timeout?.expression) report('PRS067', [...at, 'timeout', 'expression']);
      }
    }
    if ('choices' in node) {
      const seen = new Set<string>();
      node.choices.forEach((choice, i) => {
        const cp: Path = [...at, 'choices', i];
        if (choice.id === 'timeout') report('PRS040', [...cp, 'id']);
        else if (seen.has(choice.id)) report('PRS039', [...cp, 'id'], { id: choice.id });
        seen.add(choice.id);
        checkNext(choice.next, [...cp, 'next']);
        checkRefs(choice.refs, [...cp, 'refs']);
        checkEffects(choice.effects, [...cp, 'effects']);
        if (choice.when) checkCondition(choice.when, [...cp, 'when']);
        const unset = new Set(choice.unset ?? []);
        (choice.set ?? []).forEach((flag, j) => {
          if (unset.has(flag)) report('PRS038', [...cp, 'set', j], { flag });
        });
      });
      if (node.timeout) {
        checkNext(node.timeout.next, [...at, 'timeout', 'next']);
        checkEffects(node.timeout.effects, [...at, 'timeout', 'effects']);
      }
    } else if ('branch' in node) {
      node.branch.forEach((rule, i) => {
        const last = i === node.branch.length - 1;
        if (last === (rule.when !== undefined)) report('PRS041', [...at, 'branch', i]);
        if (rule.when) checkCondition(rule.when, [...at, 'branch', i, 'when']);
        checkNext(rule.next, [...at, 'branch', i, 'next']);
      });
    } else {
      checkRefs(node.refs, [...at, 'refs']);
    }
  }
}

/** Every `next` a node can follow, ignoring conditions. */
export function successors(node: ScenarioNode): string[] {
  if ('choices' in node) return [...node.choices.map((c) => c.next), ...(node.timeout ? [node.timeout.next] : [])];
  if ('branch' in node) return node.branch.map((r) => r.next);
  return [];
}

function checkGraph(scenario: Scenario, report: Report): void {
  const nodes = scenario.nodes;
  const ids = Object.keys(nodes);
  if (ids.length > MAX_NODES) report('PRS047', ['nodes'], { count: ids.length, limit: MAX_NODES }, 'key');
  if (!Object.values(nodes).some((n) => 'ending' in n && n.ending === 'success')) report('PRS046', ['nodes'], {}, 'key');
  if (!(scenario.start in nodes)) return;

  const edges = new Map(ids.map((id) => [id, successors(nodes[id]!).filter((n) => n in nodes)]));
  const reachable = closure([scenario.start], (id) => edges.get(id) ?? []);
  const reverse = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, tos] of edges) for (const to of tos) reverse.get(to)!.push(from);
  const endings = ids.filter((id) => 'ending' in nodes[id]!);
  const canEnd = closure(endings, (id) => reverse.get(id) ?? []);

  for (const id of ids) {
    if (!reachable.has(id)) report('PRS044', ['nodes', id], { node: id }, 'key');
    else if (!canEnd.has(id)) report('PRS045', ['nodes', id], { node: id }, 'key');
  }

  // A loop of branch rules alone would judge forever without the trainee doing anything.
  const branchEdges = (id: string) => {
    const node = nodes[id];
    return node && 'branch' in node ? node.branch.map((r) => r.next).filter((n) => n in nodes && 'branch' in nodes[n]!) : [];
  };
  const reported = new Set<string>();
  for (const id of ids) {
    if (!('branch' in nodes[id]!) || reported.has(id)) continue;
    const cycle = findCycleThrough(id, branchEdges);
    if (cycle) {
      cycle.forEach((n) => reported.add(n));
      report('PRS042', ['nodes', id], { cycle: [...cycle, id].join(' → ') }, 'key');
    }
  }
}

export function closure(starts: string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const n of next(queue.pop()!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

function findCycleThrough(start: string, next: (id: string) => string[]): string[] | undefined {
  const stack: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const { id, path } = stack.pop()!;
    for (const n of next(id)) {
      if (n === start) return path;
      if (!seen.has(n)) {
        seen.add(n);
        stack.push({ id: n, path: [...path, n] });
      }
    }
  }
  return undefined;
}

function checkWarnings(scenario: Scenario, fileName: string, report: Report): void {
  const scored = new Set<string>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (!('choices' in node)) continue;
    node.choices.forEach((choice, i) => {
      Object.keys(choice.scores ?? {}).forEach((s) => scored.add(s));
      if (!choice.feedback) report('PRS061', ['nodes', id, 'choices', i, 'id'], { id: choice.id });
      checkWrongdoingPays(choice.scores, ['nodes', id, 'choices', i, 'scores'], report);
    });
    Object.keys(node.timeout?.scores ?? {}).forEach((s) => scored.add(s));
    checkWrongdoingPays(node.timeout?.scores, ['nodes', id, 'timeout', 'scores'], report);
    if (node.choices.every((c) => c.when !== undefined) && !node.timeout) report('PRS062', ['nodes', id], {}, 'key');
  }
  for (const skill of SKILLS) if (!scored.has(skill)) report('PRS060', [], { skill });
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const expected = `${scenario.id}.yaml`;
  if (base !== expected && base !== `${scenario.id}.yml`) report('PRS063', ['id'], { expected });
}

/** A choice scored as wrongdoing (ethics -2 or lower) must earn nothing positive on another skill. */
function checkWrongdoingPays(scores: Partial<Record<string, number>> | undefined, path: Path, report: Report): void {
  const ethics = scores?.ethics ?? 0;
  if (ethics > WRONGDOING_ETHICS) return;
  const paid = SKILLS.filter((s) => s !== 'ethics' && (scores?.[s] ?? 0) > 0);
  if (paid.length === 0) return;
  report(
    'PRS065',
    path,
    {
      ethics,
      skills_en: paid.map((s) => SKILL_NAMES[s].en.toLowerCase()).join(', '),
      skills_th: paid.map((s) => SKILL_NAMES[s].th).join(' '),
    },
    'key',
  );
}
