/**
 * What the join form says when the server refuses: a refusal at the code step is about the code, one
 * at the name step (a name the server won't take, e.g. with an invisible direction mark pasted in) is
 * about the name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from '../../../src/i18n';
import { joinProblemText } from '../../../src/ui/workshop/join-dialog';

beforeAll(async () => {
  await initI18n('en');
});

describe('the join form', () => {
  it('a 400 at the name step speaks of the name, not of the code', () => {
    expect(joinProblemText('invalid', 'name')).toBe(t('workshop.errorNameRefused'));
    expect(joinProblemText('invalid', 'name')).not.toBe(t('workshop.errorCode'));
  });

  it('a 400 at the code step speaks of the code; other problems read the same at either step', () => {
    expect(joinProblemText('invalid', 'code')).toBe(t('workshop.errorCode'));
    for (const step of ['code', 'name'] as const) {
      expect(joinProblemText('unknown-code', step)).toBe(t('workshop.errorUnknownCode'));
      expect(joinProblemText('network', step)).toBe(t('workshop.errorNetwork'));
      expect(joinProblemText('server', step)).toBe(t('workshop.errorServer'));
    }
  });
});
