/**
 * The compiled scenario: plain data that names everything by id. Texts live apart, in a string
 * table per language, so the runtime never handles words and the UI can hand them to i18next.
 */
import type { Look } from './appearance';
import type { Background, ChoiceOrder, Condition, EndingKind, Expression, Language, Side } from './schema';
import type { SkillId } from './skills';

/** What taking a choice, or letting a timer fire, does to a run. */
export interface Outcome {
  /** The choice id, or `timeout` for the node's timer. */
  id: string;
  next: string;
  scores: Partial<Record<SkillId, number>>;
  effects: Record<string, number>;
  set: string[];
  unset: string[];
  refs: string[];
  /** The speaker's reaction, shown with the feedback (when the file gives one). */
  expression?: Expression;
}

export interface ChoiceModel extends Outcome {
  when?: Condition;
}

export interface TimeoutModel extends Outcome {
  seconds: number;
}

export interface DecisionModel {
  kind: 'decision';
  id: string;
  speaker?: string;
  /** The speaker's expression while the trainee decides (neutral when left out). */
  expression?: Expression;
  background?: Background;
  choices: ChoiceModel[];
  timeout?: TimeoutModel;
  /** `fixed`: shown in file order; otherwise shuffled per run (see order.ts). */
  order?: ChoiceOrder;
}

export interface BranchModel {
  kind: 'branch';
  id: string;
  rules: { when?: Condition; next: string }[];
}

export interface EndingModel {
  kind: 'ending';
  id: string;
  ending: EndingKind;
  refs: string[];
  speaker?: string;
  expression?: Expression;
  background?: Background;
}

export type NodeModel = DecisionModel | BranchModel | EndingModel;

export interface MeterModel {
  initial: number;
  min: number;
  max: number;
}

export interface CharacterModel {
  side: Side;
  /** The portrait's look, every field resolved (see appearance.ts). */
  look: Look;
}

export interface ReferenceModel {
  hasSummary: boolean;
  source?: string;
  /** YYYY-MM-DD: when the summary was last checked against the official text. */
  checked?: string;
}

export interface ScenarioModel {
  id: string;
  version: number;
  languages: Language[];
  minutes?: number;
  difficulty?: 'introductory' | 'intermediate' | 'advanced';
  tags: string[];
  targets: SkillId[];
  start: string;
  meters: Record<string, MeterModel>;
  characters: Record<string, CharacterModel>;
  references: Record<string, ReferenceModel>;
  /** How many trainer questions the string table holds (`trainer/questions/<i>`). */
  trainerQuestions: number;
  hasTrainerNotes: boolean;
  nodes: Record<string, NodeModel>;
}

/** Texts by language, then by key (`nodes/<node>/text`, `nodes/<node>/choices/<choice>/feedback`, …). */
export type StringTable = Partial<Record<Language, Record<string, string>>>;

/** The keys of the string table, so producers and readers agree. */
export const textKey = {
  title: () => 'title',
  summary: () => 'summary',
  nodeText: (node: string) => `nodes/${node}/text`,
  endingTitle: (node: string) => `nodes/${node}/title`,
  choiceText: (node: string, choice: string) => `nodes/${node}/choices/${choice}/text`,
  feedback: (node: string, outcome: string) =>
    outcome === 'timeout' ? `nodes/${node}/timeout/feedback` : `nodes/${node}/choices/${outcome}/feedback`,
  characterName: (id: string) => `characters/${id}/name`,
  characterRole: (id: string) => `characters/${id}/role`,
  meterLabel: (id: string) => `meters/${id}/label`,
  referenceLabel: (id: string) => `references/${id}/label`,
  referenceSummary: (id: string) => `references/${id}/summary`,
  trainerObjectives: () => 'trainer/objectives',
  trainerQuestion: (i: number) => `trainer/questions/${i}`,
  trainerNotes: () => 'trainer/notes',
};

export function outcomeOf(node: DecisionModel, id: string): Outcome | undefined {
  if (id === 'timeout') return node.timeout;
  return node.choices.find((c) => c.id === id);
}
