/**
 * A workshop run in the game: the run id lives in the saved game (a resumed run keeps it, a damaged
 * one is set aside), each step is reported once as it is taken, and the identity and status lines
 * the trainee reads. A small fake localStorage stands in for the browser's.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../src/i18n';
import en from '../../../src/i18n/locales/en/translation.json';
import th from '../../../src/i18n/locales/th/translation.json';
import { entryOf } from '../../../src/library/entry';
import { loadGame, SAVE_KEY, SET_ASIDE_KEY } from '../../../src/ui/save';
import { PlaySession } from '../../../src/ui/session';
import {
  forgetIdentity,
  IDENTITY_KEY,
  markFinished,
  readIdentity,
  refreshed,
  writeIdentity,
  type WorkshopIdentity,
} from '../../../src/ui/workshop/identity';
import { runDeliveryText, statusText } from '../../../src/ui/workshop/status-text';
import { reportedRun, stepEvents, type EventClock } from '../../../src/ui/workshop/reporting';
import { uuidV4 } from '../../../src/ui/workshop/uuid';
import type { WorkshopEvent } from '../../../src/workshop/protocol';
import { compileOk } from '../helpers';

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});

const compiled = compileOk(`
  a:
    text: { en: A }
    timeout: { seconds: 5, next: b }
    choices:
      - { id: x, text: { en: X }, next: b, scores: { ethics: 2 } }
  b:
    text: { en: B }
    choices:
      - { id: p, text: { en: P }, next: end, scores: { ethics: 1 } }
  end: { ending: success, title: { en: E }, text: { en: E } }
`);
const entry = () => entryOf('t.yaml', compiled, []);
const clock: EventClock = { id: () => uuidV4(), at: () => '2026-11-27T09:00:00.000Z' };

describe('a workshop run in the saved game', () => {
  it('keeps its run id through a reload, and each step is reported once, as it is taken', () => {
    const run = uuidV4();
    const reported: WorkshopEvent[] = [];
    const onStep = (session: PlaySession) =>
      reported.push(...stepEvents({ run, scenario: 't', version: session.model.version }, session.model, session.state, clock));
    const first = new PlaySession(entry(), 'en', 'normal', { run: { id: run, by: 'trainee-1' }, onStep });
    expect(first.expire()).toBe(true);
    expect(reported.map((e) => (e.kind === 'decision' ? `${e.seq}:${e.node}.${e.choice}` : e.kind))).toEqual(['0:a.timeout']);
    first.stop();

    const loaded = loadGame([entry()]);
    expect(loaded.kind).toBe('ok');
    if (loaded.kind !== 'ok') return;
    expect(loaded.save).toMatchObject({ run, runBy: 'trainee-1' });
    // The page reloaded: the resumed run reports under the same id and sends nothing for steps already taken.
    const resumedRun = reportedRun('trainee-1', true, loaded.save, false, uuidV4);
    expect(resumedRun).toEqual({ id: run, by: 'trainee-1' });
    const resumed = new PlaySession(loaded.entry, loaded.save.language, loaded.save.timer, { resumed: loaded, run: resumedRun, onStep });
    expect(reported).toHaveLength(1);
    resumed.acknowledge();
    expect(resumed.choose('p')).toBe(true);
    expect(
      reported.map((e) => (e.kind === 'decision' ? `${e.seq}:${e.node}.${e.choice}` : `${e.kind}:${e.kind === 'result' ? e.ending : ''}`)),
    ).toEqual(['0:a.timeout', '1:b.p', 'result:end']);
    expect(new Set(reported.map((e) => e.run))).toEqual(new Set([run]));
    // A choice not offered is no step, and reports nothing.
    expect(resumed.choose('x')).toBe(false);
    expect(reported).toHaveLength(3);
  });

  it('which plays are reported, and under which run', () => {
    const made = () => 'new-run';
    // A new play of a session scenario: a new run, as the trainee signed in.
    expect(reportedRun('t1', true, undefined, false, made)).toEqual({ id: 'new-run', by: 't1' });
    // Not in a workshop, not the session's scenario, or a preview: not reported.
    expect(reportedRun(undefined, false, undefined, false, made)).toBeUndefined();
    expect(reportedRun('t1', false, undefined, false, made)).toBeUndefined();
    expect(reportedRun('t1', true, undefined, true, made)).toBeUndefined();
    // A resumed play: under its own run, if the same trainee began it.
    expect(reportedRun('t1', true, { run: 'r1', runBy: 't1' }, false, made)).toEqual({ id: 'r1', by: 't1' });
    // Begun by someone else (left, joined again as another), or before joining: not reported.
    expect(reportedRun('t2', true, { run: 'r1', runBy: 't1' }, false, made)).toBeUndefined();
    expect(reportedRun('t1', true, {}, false, made)).toBeUndefined();
  });

  it('a run outside a workshop saves no run id', () => {
    const session = new PlaySession(entry(), 'en', 'normal');
    session.choose('x');
    expect(JSON.parse(storage.getItem(SAVE_KEY)!)).not.toHaveProperty('run');
    const loaded = loadGame([entry()]);
    expect(loaded.kind === 'ok' && loaded.save.run).toBe(undefined);
  });

  it('a save whose run id is not a UUID is set aside', () => {
    new PlaySession(entry(), 'en', 'normal', { run: { id: uuidV4(), by: 'trainee-1' } }).choose('x');
    const save = JSON.parse(storage.getItem(SAVE_KEY)!) as Record<string, unknown>;
    storage.setItem(SAVE_KEY, JSON.stringify({ ...save, run: 'run-1; DROP TABLE runs' }));
    expect(loadGame([entry()]).kind).toBe('set-aside');
    expect(storage.getItem(SAVE_KEY)).toBeNull();
    expect(storage.getItem(SET_ASIDE_KEY)).not.toBeNull();
  });
});

describe('the workshop identity in storage', () => {
  const identity: WorkshopIdentity = {
    code: 'ABCDEF',
    key: 'secret',
    trainee: { id: 't1', name: 'ต้น', pseudonym: 'P01' },
    session: { code: 'ABCDEF', title: 'รุ่น 1', retentionDays: 90, scenarios: [{ id: 'whip-tuesday', version: 1, uploaded: false }] },
    finished: [],
  };

  it('is written, read back, refreshed from the server without losing what was finished here, and forgotten', () => {
    writeIdentity(storage, identity);
    expect(readIdentity(storage)).toEqual(identity);
    markFinished(storage, 'whip-tuesday');
    expect(readIdentity(storage)?.finished).toEqual(['whip-tuesday']);
    const me = { trainee: identity.trainee, session: { ...identity.session, title: 'รุ่น 1 (บ่าย)' }, finished: ['other'] };
    const updated = refreshed(readIdentity(storage)!, me);
    expect(updated.session.title).toBe('รุ่น 1 (บ่าย)');
    expect(updated.finished.sort()).toEqual(['other', 'whip-tuesday']);
    forgetIdentity(storage);
    expect(readIdentity(storage)).toBeUndefined();
  });

  it('a damaged identity is ignored, not trusted', () => {
    storage.setItem(IDENTITY_KEY, '{"code":"ABCDEF","key":""}');
    expect(readIdentity(storage)).toBeUndefined();
    storage.setItem(IDENTITY_KEY, 'not json');
    expect(readIdentity(storage)).toBeUndefined();
    storage.setItem(IDENTITY_KEY, JSON.stringify({ ...identity, session: { ...identity.session, scenarios: [{ id: 1 }] } }));
    expect(readIdentity(storage)).toBeUndefined();
  });
});

describe('what the trainee reads about sending', () => {
  it('says in words whether all is sent, and if not, how many wait and why', async () => {
    await initI18n('th');
    expect(statusText({ pending: 0, problem: undefined, rejected: 0 })).toBe(th.workshop.statusSent);
    expect(statusText({ pending: 3, problem: 'offline', rejected: 0 })).toBe('รอส่ง 3 รายการ · จะส่งเมื่อกลับมาออนไลน์');
    expect(statusText({ pending: 1, problem: undefined, rejected: 0 })).toBe(th.workshop.statusSending.replace('{{count}}', '1'));
    expect(statusText({ pending: 2, problem: 'unauthorized', rejected: 1 })).toBe(
      `${th.workshop.statusUnauthorized.replace('{{count}}', '2')} · ${th.workshop.statusRejected.replace('{{count}}', '1')}`,
    );
    await initI18n('en');
    expect(statusText({ pending: 2, problem: 'unreachable', rejected: 0 })).toBe(en.workshop.statusUnreachable.replace('{{count}}', '2'));
    expect(runDeliveryText('delivered', { pending: 0, problem: undefined, rejected: 0 })).toBe(en.workshop.resultDelivered);
    expect(runDeliveryText('pending', { pending: 4, problem: 'offline', rejected: 0 })).toBe(
      `${en.workshop.resultPending} · ${en.workshop.statusOffline.replace('{{count}}', '4')}`,
    );
    expect(runDeliveryText('rejected', { pending: 0, problem: undefined, rejected: 1 })).toBe(en.workshop.resultRejected);
  });
});
