/**
 * From a scenario file's text to a model the runtime can play: parse, validate, check the graph,
 * then split ids from words. Every problem is collected; none is thrown.
 */
import { resolveLook } from './appearance';
import { checkScenario } from './check';
import { hasErrors, MESSAGES, sortDiagnostics, type Diagnostic } from './diagnostics';
import { DEFAULT_STATE_LIMIT, explore, type Exploration } from './explore';
import type { ChoiceModel, NodeModel, Outcome, ScenarioModel, StringTable } from './model';
import { MAX_FILE_BYTES, type Choice, type Scenario, type Timeout } from './schema';
import { SKILL_NAMES, type SkillId } from './skills';
import { collectTexts } from './texts';
import { validateShape } from './validate';
import { parseYaml } from './yaml-source';

export interface CompiledScenario {
  /** The file's data as validated, for tools that edit or translate it. */
  scenario: Scenario;
  model: ScenarioModel;
  strings: StringTable;
  exploration: Exploration;
}

export interface CompileResult {
  file: string;
  /** Present when the file has no errors (it may have warnings). */
  compiled?: CompiledScenario;
  diagnostics: Diagnostic[];
}

/**
 * Compiles one scenario file.
 *
 * @example
 * const { compiled, diagnostics } = compileScenario('quick-question.yaml', text);
 * if (compiled) console.log(compiled.exploration.max.communication);
 */
export function compileScenario(file: string, text: string, options: { stateLimit?: number } = {}): CompileResult {
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_FILE_BYTES) return fileProblem(file, 'PRS001', { size, limit: MAX_FILE_BYTES });
  const parsed = parseYaml(file, text);
  if (hasErrors(parsed.diagnostics)) return { file, diagnostics: sortDiagnostics(parsed.diagnostics) };

  const shape = validateShape(parsed.data, parsed.source);
  if (!shape.scenario) return { file, diagnostics: sortDiagnostics(shape.diagnostics) };

  const diagnostics = checkScenario(shape.scenario, parsed.source, file);
  if (hasErrors(diagnostics)) return { file, diagnostics: sortDiagnostics(diagnostics) };

  const model = toModel(shape.scenario);
  const exploration = explore(model, options.stateLimit ?? DEFAULT_STATE_LIMIT);
  if (!exploration.exact) {
    diagnostics.push(parsed.source.diagnostic('PRS064', ['nodes'], { limit: options.stateLimit ?? DEFAULT_STATE_LIMIT }, 'key'));
  }
  for (const [skill, dirty] of Object.entries(exploration.dirtyMax) as [SkillId, { clean: number; via: string }][]) {
    const [node = '', choice = ''] = dirty.via.split('.');
    const decision = shape.scenario.nodes[node];
    const index = decision && 'choices' in decision ? decision.choices.findIndex((c) => c.id === choice) : -1;
    const at = choice === 'timeout' || index < 0 ? ['nodes', node, 'timeout', 'scores'] : ['nodes', node, 'choices', index, 'scores'];
    const params = {
      skill_en: SKILL_NAMES[skill].en.toLowerCase(),
      skill_th: SKILL_NAMES[skill].th,
      max: exploration.max[skill],
      clean: dirty.clean,
      via: dirty.via,
    };
    diagnostics.push(parsed.source.diagnostic('PRS066', at, params, 'key'));
  }
  return {
    file,
    compiled: { scenario: shape.scenario, model, strings: toStrings(shape.scenario), exploration },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** A problem with the file as a whole, placed at its start. */
function fileProblem(file: string, code: 'PRS001' | 'PRS002', params: Diagnostic['params']): CompileResult {
  return { file, diagnostics: [{ file, line: 1, column: 1, severity: MESSAGES[code].severity, code, params }] };
}

/**
 * Compiles a file's raw bytes, as read from disk or from a browser's file picker: a file too large
 * (PRS001) or not UTF-8 (PRS002) is reported like any other problem.
 */
export function compileBytes(file: string, bytes: Uint8Array, options: { stateLimit?: number } = {}): CompileResult {
  if (bytes.byteLength > MAX_FILE_BYTES) return fileProblem(file, 'PRS001', { size: bytes.byteLength, limit: MAX_FILE_BYTES });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileProblem(file, 'PRS002', {});
  }
  return compileScenario(file, text, options);
}

function outcome(o: Choice | Timeout, id: string): Outcome {
  return {
    id,
    next: o.next,
    scores: o.scores ?? {},
    effects: o.effects ?? {},
    set: 'set' in o ? (o.set ?? []) : [],
    unset: 'unset' in o ? (o.unset ?? []) : [],
    refs: 'refs' in o ? (o.refs ?? []) : [],
    ...(o.expression ? { expression: o.expression } : {}),
  };
}

function toModel(s: Scenario): ScenarioModel {
  const nodes: Record<string, NodeModel> = {};
  for (const [id, node] of Object.entries(s.nodes)) {
    if ('choices' in node) {
      nodes[id] = {
        kind: 'decision',
        id,
        speaker: node.speaker,
        ...(node.expression ? { expression: node.expression } : {}),
        background: node.background,
        choices: node.choices.map((c): ChoiceModel => ({ ...outcome(c, c.id), ...(c.when ? { when: c.when } : {}) })),
        ...(node.timeout ? { timeout: { ...outcome(node.timeout, 'timeout'), seconds: node.timeout.seconds } } : {}),
        ...(node.order === 'fixed' ? { order: 'fixed' as const } : {}),
      };
    } else if ('branch' in node) {
      nodes[id] = { kind: 'branch', id, rules: node.branch.map((r) => ({ ...(r.when ? { when: r.when } : {}), next: r.next })) };
    } else {
      nodes[id] = {
        kind: 'ending',
        id,
        ending: node.ending,
        refs: node.refs ?? [],
        speaker: node.speaker,
        ...(node.expression ? { expression: node.expression } : {}),
        background: node.background,
      };
    }
  }
  return {
    id: s.id,
    version: s.version ?? 1,
    languages: s.languages,
    minutes: s.minutes,
    difficulty: s.difficulty,
    tags: s.tags ?? [],
    targets: s.targets ?? [],
    start: s.start,
    meters: Object.fromEntries(Object.entries(s.meters ?? {}).map(([id, m]) => [id, { initial: m.initial, min: m.min, max: m.max }])),
    characters: Object.fromEntries(
      Object.entries(s.characters ?? {}).map(([id, c]) => [id, { side: c.side ?? 'neutral', look: resolveLook(id, c.appearance) }]),
    ),
    references: Object.fromEntries(
      Object.entries(s.references ?? {}).map(([id, r]) => [
        id,
        'label' in r
          ? { hasSummary: r.summary !== undefined, ...(r.source ? { source: r.source } : {}), ...(r.checked ? { checked: r.checked } : {}) }
          : { hasSummary: false },
      ]),
    ),
    trainerQuestions: s.trainer?.questions?.length ?? 0,
    hasTrainerNotes: s.trainer?.notes !== undefined,
    nodes,
  };
}

function toStrings(s: Scenario): StringTable {
  const table: StringTable = {};
  for (const lang of s.languages) table[lang] = {};
  for (const site of collectTexts(s)) {
    for (const lang of s.languages) {
      const value = site.text[lang];
      if (value !== undefined) table[lang]![site.key] = value;
    }
  }
  return table;
}
