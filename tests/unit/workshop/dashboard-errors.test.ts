/**
 * The dashboard turns the server's refusals-for-now (429 from src/server/fair-use.ts) into words, in
 * Thai and English, with the wait the server gave: wrong trainer keys from this computer, or too
 * much at once. (Node: the dashboard's i18n needs only localStorage and the page's lang.)
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

let dashboard: typeof import('../../../src/dashboard/widgets');
let api: typeof import('../../../src/dashboard/api');
let i18n: typeof import('../../../src/dashboard/i18n');

beforeAll(async () => {
  const stored = new Map<string, string>();
  vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v) });
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  dashboard = await import('../../../src/dashboard/widgets');
  api = await import('../../../src/dashboard/api');
  i18n = await import('../../../src/dashboard/i18n');
  await i18n.initI18n();
});

describe('refused for now, on the dashboard', () => {
  it.each([
    ['th', 'รหัสวิทยากรผิด', 'มากเกินไป'],
    ['en', 'wrong trainer keys', 'too many requests'],
  ] as const)('%s', async (language, backoffWords, rateWords) => {
    await i18n.setLanguage(language);
    const backoff = new api.ApiError(429, { error: 'trainer-key-backoff', message: 'Too many wrong trainer keys' }, 16);
    expect(dashboard.describeError(backoff)).toContain(backoffWords);
    expect(dashboard.describeError(backoff)).toContain('16');
    const limited = new api.ApiError(429, { error: 'rate-limited', message: 'Too many' }, 3);
    expect(dashboard.describeError(limited)).toContain(rateWords);
    expect(dashboard.describeError(limited)).toContain('3');
    // Never the server's English sentence passed through.
    expect(dashboard.describeError(limited)).not.toContain('Too many');
  });
});

describe('a file too large to check, on the dashboard', () => {
  it.each([
    ['th', 'หน่วยความจำ', 'ใช้เวลาตรวจนาน'],
    ['en', 'more memory', 'took longer'],
  ] as const)('%s: says which limit, never the server sentence', async (language, memoryWords, timeWords) => {
    await i18n.setLanguage(language);
    const memory = new api.ApiError(422, { error: 'scenario-too-large', message: 'server words', limit: 'memory' });
    const time = new api.ApiError(422, { error: 'scenario-too-large', message: 'server words', limit: 'time' });
    expect(dashboard.describeError(memory)).toContain(memoryWords);
    expect(dashboard.describeError(time)).toContain(timeWords);
    expect(dashboard.describeError(time)).not.toContain('server words');
  });
});
