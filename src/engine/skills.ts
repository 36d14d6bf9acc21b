/** The seven skills of a political coordinator, in the order the seed text lists them. */
export const SKILLS = ['communication', 'observation', 'negotiation', 'networking', 'ethics', 'coordination', 'strategy'] as const;

export type SkillId = (typeof SKILLS)[number];

export type SkillTotals = Record<SkillId, number>;

/**
 * A fresh table with every skill at zero. Written out, not built from SKILLS: every table then has
 * the same shape, which keeps the explorer's hundreds of thousands of copies fast.
 */
export function zeroSkills(): SkillTotals {
  return { communication: 0, observation: 0, negotiation: 0, networking: 0, ethics: 0, coordination: 0, strategy: 0 };
}

/** Each skill's name, as the game and the trainer's tools say it. */
export const SKILL_NAMES: Record<SkillId, { th: string; en: string }> = {
  communication: { th: 'การสื่อสาร', en: 'Communication' },
  observation: { th: 'การติดตามสถานการณ์', en: 'Observation' },
  negotiation: { th: 'การเจรจาต่อรอง', en: 'Negotiation' },
  networking: { th: 'การสร้างเครือข่าย', en: 'Networking' },
  ethics: { th: 'จริยธรรม', en: 'Ethics' },
  coordination: { th: 'การประสานงาน', en: 'Coordination' },
  strategy: { th: 'การคิดเชิงกลยุทธ์', en: 'Strategic thinking' },
};

/** A choice scored this low on ethics is wrongdoing: it may earn nothing on any other skill. */
export const WRONGDOING_ETHICS = -2;
