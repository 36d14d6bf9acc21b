/** The seven skills of a political coordinator, in the order the seed document lists them. */
export const SKILLS = [
  'communication',
  'observation',
  'negotiation',
  'networking',
  'ethics',
  'coordination',
  'strategy',
] as const;

export type SkillId = (typeof SKILLS)[number];

export type SkillTotals = Record<SkillId, number>;

/** A fresh table with every skill at zero. */
export function zeroSkills(): SkillTotals {
  return Object.fromEntries(SKILLS.map((s) => [s, 0])) as SkillTotals;
}

export function isSkill(value: string): value is SkillId {
  return (SKILLS as readonly string[]).includes(value);
}
