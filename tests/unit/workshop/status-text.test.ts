/**
 * What the trainee reads when the server asks to wait (429: too much at once), in Thai and English:
 * on the sending line (their results are kept and go again by themselves) and in the join form.
 */
import { describe, expect, it } from 'vitest';
import { initI18n, t } from '../../../src/i18n';
import { joinProblemText } from '../../../src/ui/workshop/join-dialog';
import { statusText, statusTone } from '../../../src/ui/workshop/status-text';

describe('refused for now, in words', () => {
  it.each([
    ['en', /kept/, /wait/],
    ['th', /เก็บไว้ครบ/, /รอ/],
  ] as const)(
    '%s: the sending line says the server asked to wait and nothing is lost; the join form says to wait',
    async (language, kept, wait) => {
      await initI18n(language);
      const busy = statusText({ pending: 3, problem: 'busy', rejected: 0 });
      expect(busy).toBe(t('workshop.statusBusy', { count: 3 }));
      expect(busy).toContain('3');
      expect(busy).toMatch(kept);
      expect(busy).not.toBe(statusText({ pending: 3, problem: 'unreachable', rejected: 0 }));
      expect(statusTone({ pending: 3, problem: 'busy', rejected: 0 })).toBe('waiting');
      for (const step of ['code', 'name'] as const) {
        expect(joinProblemText('busy', step)).toBe(t('workshop.errorBusy'));
        expect(joinProblemText('busy', step)).toMatch(wait);
        expect(joinProblemText('busy', step)).not.toBe(t('workshop.errorServer'));
      }
    },
  );
});
