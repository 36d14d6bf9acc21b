/**
 * The seed's structure of how the executive and Parliament meet (1.1 … 2.4), used to group the
 * menu and to suggest an order for a one-day workshop.
 */
import type { LibraryEntry } from './entry';

export const MECHANISMS = [
  { code: '1-1', tags: ['whip'] },
  { code: '1-2', tags: ['money-bill'] },
  { code: '2-1', tags: ['interpellation'] },
  { code: '2-2', tags: ['no-confidence', 'general-debate', 'senate-debate'] },
  { code: '2-3', tags: ['consultation'] },
  { code: '2-4', tags: ['committee'] },
] as const;

export type GroupCode = (typeof MECHANISMS)[number]['code'] | 'other' | 'disk' | 'broken';

export function groupOf(entry: LibraryEntry): GroupCode {
  // A file a trainer just opened is listed first, with its problems if it has any.
  if (entry.fromDisk) return 'disk';
  if (!entry.info) return 'broken';
  const tags: readonly string[] = entry.info.tags;
  return MECHANISMS.find((m) => m.tags.some((tag) => tags.includes(tag)))?.code ?? 'other';
}

/** Files from disk first (a trainer just opened them), then the seed's order, then the rest. */
export const GROUP_ORDER: GroupCode[] = ['disk', ...MECHANISMS.map((m) => m.code), 'other', 'broken'];

export function groupLibrary(library: readonly LibraryEntry[]): { code: GroupCode; entries: LibraryEntry[] }[] {
  return GROUP_ORDER.map((code) => ({ code, entries: library.filter((e) => groupOf(e) === code) })).filter((g) => g.entries.length > 0);
}

const DIFFICULTY_RANK = { introductory: 0, intermediate: 1, advanced: 2 } as const;
export const DEBRIEF_MINUTES = 30;

export interface WorkshopSlot {
  entry: LibraryEntry;
  /** Minutes after the day's start. */
  start: number;
  end: number;
}

/**
 * A day's plan: the bundled scenarios in the seed's order, easier before harder within a mechanism,
 * each followed by a debrief, with an hour's lunch once the morning passes three hours.
 */
export function workshopPlan(library: readonly LibraryEntry[]): { slots: WorkshopSlot[]; lunchAt?: number } {
  const playable = library.filter((e) => e.info && !e.fromDisk);
  const rank = (e: LibraryEntry) => {
    const group = GROUP_ORDER.indexOf(groupOf(e));
    const difficulty = DIFFICULTY_RANK[e.info!.difficulty ?? 'intermediate'];
    return group * 10 + difficulty;
  };
  const ordered = [...playable].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const slots: WorkshopSlot[] = [];
  let clock = 0;
  let lunchAt: number | undefined;
  for (const entry of ordered) {
    if (lunchAt === undefined && clock >= 180) {
      lunchAt = clock;
      clock += 60;
    }
    const length = (entry.info!.minutes ?? 20) + DEBRIEF_MINUTES;
    slots.push({ entry, start: clock, end: clock + length });
    clock += length;
  }
  return { slots, ...(lunchAt !== undefined ? { lunchAt } : {}) };
}
