/** Walks every text in a scenario once, for the language check and for the string table. */
import { textKey } from './model';
import type { Scenario, Text } from './schema';
import type { Path } from './yaml-source';

export interface TextSite {
  /** Where the text is in the file. */
  path: Path;
  /** Its key in the string table. */
  key: string;
  text: Text;
}

export function collectTexts(scenario: Scenario): TextSite[] {
  const sites: TextSite[] = [];
  const add = (path: Path, key: string, text: Text | undefined) => {
    if (text) sites.push({ path, key, text });
  };
  add(['title'], textKey.title(), scenario.title);
  add(['summary'], textKey.summary(), scenario.summary);
  for (const [id, ref] of Object.entries(scenario.references ?? {})) {
    if ('label' in ref) {
      add(['references', id, 'label'], textKey.referenceLabel(id), ref.label);
      add(['references', id, 'summary'], textKey.referenceSummary(id), ref.summary);
    } else {
      add(['references', id], textKey.referenceLabel(id), ref);
    }
  }
  for (const [id, character] of Object.entries(scenario.characters ?? {})) {
    add(['characters', id, 'name'], textKey.characterName(id), character.name);
    add(['characters', id, 'role'], textKey.characterRole(id), character.role);
  }
  for (const [id, meter] of Object.entries(scenario.meters ?? {})) {
    add(['meters', id, 'label'], textKey.meterLabel(id), meter.label);
  }
  const trainer = scenario.trainer;
  add(['trainer', 'objectives'], textKey.trainerObjectives(), trainer?.objectives);
  (trainer?.questions ?? []).forEach((q, i) => add(['trainer', 'questions', i], textKey.trainerQuestion(i), q));
  add(['trainer', 'notes'], textKey.trainerNotes(), trainer?.notes);
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if ('choices' in node) {
      add(['nodes', id, 'text'], textKey.nodeText(id), node.text);
      node.choices.forEach((choice, i) => {
        add(['nodes', id, 'choices', i, 'text'], textKey.choiceText(id, choice.id), choice.text);
        add(['nodes', id, 'choices', i, 'feedback'], textKey.feedback(id, choice.id), choice.feedback);
      });
      add(['nodes', id, 'timeout', 'feedback'], textKey.feedback(id, 'timeout'), node.timeout?.feedback);
    } else if ('ending' in node) {
      add(['nodes', id, 'title'], textKey.endingTitle(id), node.title);
      add(['nodes', id, 'text'], textKey.nodeText(id), node.text);
    }
  }
  return sites;
}
