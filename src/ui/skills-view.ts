/** Skills in the game's language: names from the game's strings, icons and colours from the web kit. */
import type { SkillId, SkillTotals } from '../engine';
import { t } from '../i18n';
import { skillChangeList } from '../web/skills';

export { skillIcon } from '../web/skills';

export function skillName(skill: SkillId): string {
  return t(`skill.${skill}`);
}

/** "+2 การเจรจาต่อรอง" for each skill that changed, in the seed's order. */
export function skillChanges(delta: SkillTotals): HTMLElement[] {
  return skillChangeList(delta, skillName);
}
