/**
 * A session's results taken home: the CSV (BOM, a row per decision and per finished run, Thai intact,
 * formulas defused, pseudonyms unless names are asked for), the JSON, and the xAPI statements (one per
 * event, with the skills in result extensions).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRun, SKILLS, textKey } from '../../../src/engine';
import { SKILL_EXTENSION, XAPI_HOME_PAGE, type XapiStatement } from '../../../src/server/exports';
import { Uuid, type JoinReply } from '../../../src/workshop/protocol';
import {
  catalog,
  createSession,
  GOLDEN,
  join,
  model,
  openServer,
  postEvents,
  runEvents,
  statuses,
  trainer,
  type TestServer,
} from './harness';

let server: TestServer;
let app: FastifyInstance;
let code: string;
const people: JoinReply[] = [];
const NAMES = ['=HYPERLINK("http://x.example","click")', 'สมชาย ใจดี', 'Lee, "Ann"', '+66 81 000 0000'];

beforeAll(async () => {
  server = await openServer();
  app = server.app;
  code = (await createSession(app, ['no-confidence-motion', 'whip-tuesday'])).code;
  for (const name of NAMES) people.push(await join(app, code, name));
  const nc = model('no-confidence-motion');
  const [finished, other] = GOLDEN['no-confidence-motion']!;
  const plays = [
    [people[0]!, runEvents(nc, finished!.choices)],
    [people[1]!, runEvents(nc, other!.choices)],
    [people[1]!, runEvents(nc, finished!.choices.slice(0, 3))],
    [people[2]!, runEvents(model('whip-tuesday'), GOLDEN['whip-tuesday']![0]!.choices)],
    [people[3]!, runEvents(nc, finished!.choices.slice(0, 1))],
  ] as const;
  for (const [person, events] of plays) expect(statuses(await postEvents(app, person.key, events))).not.toContain('rejected');
}, 60_000);
afterAll(() => server.close());

const count = (where: string) => (server.store.db.prepare(`SELECT COUNT(*) AS n FROM ${where}`).get() as { n: number }).n;

/** A CSV file's rows and cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [[]];
  // A cell is either quoted (with "" for a quote inside) or runs to the next comma or line end.
  const cell = /"((?:[^"]|"")*)"|([^",\r\n]*)/y;
  let at = 0;
  while (at < text.length) {
    cell.lastIndex = at;
    const match = cell.exec(text)!;
    rows[rows.length - 1]!.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
    at = cell.lastIndex;
    if (text.startsWith('\r\n', at)) {
      at += 2;
      if (at < text.length) rows.push([]);
    } else {
      expect(text[at]).toBe(',');
      at += 1;
    }
  }
  return rows;
}

async function csv(query = ''): Promise<{ raw: string; header: string[]; rows: Record<string, string>[] }> {
  const response = await app.inject({ url: `/api/trainer/sessions/${code}/export.csv${query}`, headers: trainer });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers['content-disposition']).toBe(`attachment; filename="prasan-${code}.csv"`);
  const raw = response.rawPayload.toString('utf8');
  const [header, ...rest] = parseCsv(raw.replace(/^\uFEFF/, ''));
  return { raw, header: header!, rows: rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

describe('CSV', () => {
  it('starts with the UTF-8 byte-order mark, so Excel reads Thai', async () => {
    const response = await app.inject({ url: `/api/trainer/sessions/${code}/export.csv`, headers: trainer });
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('has a decision row per stored decision and a result row per finished run, with the skills', async () => {
    const { header, rows } = await csv();
    expect(header).toEqual([
      'record',
      'session',
      'trainee',
      'scenario',
      'version',
      'run',
      'step',
      'node',
      'choice',
      'position',
      'text',
      'ending',
      'ending_kind',
      ...SKILLS,
      'at',
    ]);
    const decisions = rows.filter((r) => r.record === 'decision');
    // Where the choice stood on the trainee's screen: the run's id is the seed of its order.
    for (const d of decisions) {
      const run = server.store.runRecord(d.run!)!;
      const model = catalog().shippedScenario(run.scenario)!.playable.model;
      const step = reviewRun(model, run.steps, { seed: run.id })!.steps[Number(d.step) - 1]!;
      expect(d.position, `${d.node}.${d.choice}`).toBe(d.choice === 'timeout' ? '' : String(step.shown.indexOf(d.choice!) + 1));
    }
    const results = rows.filter((r) => r.record === 'result');
    expect(decisions).toHaveLength(count("events WHERE kind = 'decision'"));
    expect(results).toHaveLength(count('runs WHERE finished_at IS NOT NULL'));
    expect(results).toHaveLength(3);
    expect(rows.every((r) => r.session === code)).toBe(true);
    // A result's totals are the sum of what its steps earned, and what the server stored.
    for (const result of results) {
      const steps = decisions.filter((d) => d.run === result.run);
      expect(Number(result.step)).toBe(steps.length);
      const stored = server.store.runRecord(result.run!)!.result!;
      for (const skill of SKILLS) {
        expect(Number(result[skill]), skill).toBe(stored.skills[skill]);
        expect(
          steps.reduce((sum, d) => sum + Number(d[skill]), 0),
          skill,
        ).toBe(stored.skills[skill]);
      }
      expect(result.ending).toBe(stored.ending);
    }
  });

  it('keeps Thai text intact', async () => {
    const { rows } = await csv();
    const strings = catalog().shippedScenario('no-confidence-motion')!.playable.strings;
    const first = rows.find((r) => r.record === 'decision' && r.scenario === 'no-confidence-motion')!;
    expect(first.text).toBe(strings.th![textKey.choiceText(first.node!, first.choice!)]);
    expect(first.text).toMatch(/[\u0e00-\u0e7f]/);
    const result = rows.find((r) => r.record === 'result' && r.scenario === 'no-confidence-motion')!;
    expect(result.text).toBe(strings.th![textKey.endingTitle(result.ending!)]);
  });

  it('shows pseudonyms only, unless names are asked for; a name that looks like a formula is defused', async () => {
    const anonymous = await csv();
    for (const name of NAMES) expect(anonymous.raw).not.toContain(name.replace(/"/g, '""'));
    expect(anonymous.raw).not.toContain('สมชาย');
    expect(new Set(anonymous.rows.map((r) => r.trainee))).toEqual(new Set(['P01', 'P02', 'P03', 'P04']));

    const named = await csv('?names=1');
    expect(new Set(named.rows.map((r) => r.trainee))).toEqual(new Set([`'${NAMES[0]}`, NAMES[1], NAMES[2], `'${NAMES[3]}`]));
    // No cell of the file starts with a character a spreadsheet would take as a formula.
    for (const row of named.rows)
      for (const [column, value] of Object.entries(row)) if (!SKILLS.includes(column as never)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    expect((await app.inject({ url: `/api/trainer/sessions/${code}/export.csv?names=yes`, headers: trainer })).statusCode).toBe(400);
  });
});

describe('JSON', () => {
  it('holds the session, its trainees by pseudonym and every run with its steps and result', async () => {
    const response = await app.inject({ url: `/api/trainer/sessions/${code}/export.json`, headers: trainer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="prasan-${code}.json"`);
    const body = response.json<{
      format: string;
      session: { code: string };
      trainees: { pseudonym: string; name?: string }[];
      runs: { steps: unknown[]; result: unknown; attainable: unknown }[];
    }>();
    expect(body.format).toBe('prasan-session/1');
    expect(body.session.code).toBe(code);
    expect(body.trainees.map((t) => t.pseudonym)).toEqual(['P01', 'P02', 'P03', 'P04']);
    expect(body.trainees.some((t) => 'name' in t)).toBe(false);
    expect(response.body).not.toContain('สมชาย');
    expect(body.runs).toHaveLength(count('runs'));
    expect(body.runs.flatMap((r) => r.steps)).toHaveLength(count("events WHERE kind = 'decision'"));
    expect(body.runs.filter((r) => r.result)).toHaveLength(3);
    expect(body.runs.every((r) => r.attainable)).toBe(true);

    const named = await app.inject({ url: `/api/trainer/sessions/${code}/export.json?names=1`, headers: trainer });
    expect(named.json<{ trainees: { name: string }[] }>().trainees.map((t) => t.name)).toEqual(NAMES);
  });
});

describe('xAPI', () => {
  let statements: XapiStatement[];
  beforeAll(async () => {
    const response = await app.inject({ url: `/api/trainer/sessions/${code}/xapi.json`, headers: trainer });
    expect(response.statusCode).toBe(200);
    statements = response.json<XapiStatement[]>();
  });

  const uuid = new RegExp(Uuid.pattern!);
  const VERB = {
    start: 'http://adlnet.gov/expapi/verbs/attempted',
    decision: 'http://adlnet.gov/expapi/verbs/answered',
    result: 'http://adlnet.gov/expapi/verbs/completed',
  };

  it('has one statement per stored event, its id the event id, its verb the event kind', () => {
    const events = server.store.db.prepare('SELECT id, kind, run_id, trainee_id, at FROM events').all() as {
      id: string;
      kind: keyof typeof VERB;
      run_id: string;
      trainee_id: string;
      at: string;
    }[];
    expect(statements).toHaveLength(events.length);
    const byId = new Map(statements.map((s) => [s.id, s]));
    for (const event of events) {
      const statement = byId.get(event.id)!;
      expect(statement.verb.id).toBe(VERB[event.kind]);
      expect(statement.verb.display['en-US']).toBeTruthy();
      expect(statement.context.registration).toBe(event.run_id);
      expect(statement.actor).toEqual({
        objectType: 'Agent',
        name: expect.stringMatching(new RegExp(`^${code}-P0[1-4]$`)),
        account: { homePage: XAPI_HOME_PAGE, name: event.trainee_id },
      });
      expect(statement.timestamp).toBe(event.at);
      expect(statement.object.objectType).toBe('Activity');
      expect(statement.object.id).toMatch(/^urn:prasan:scenario:[a-z0-9-]+(:node:[A-Za-z0-9_.-]+)?$/);
    }
  });

  it('is well formed: UUIDs, IRIs, language maps, no names', () => {
    const text = JSON.stringify(statements);
    for (const name of NAMES) expect(text).not.toContain(JSON.stringify(name).slice(1, -1));
    for (const s of statements) {
      expect(s.id).toMatch(uuid);
      expect(s.context.registration).toMatch(uuid);
      expect(s.verb.id).toMatch(/^https?:\/\//);
      expect(s.actor.account.homePage).toMatch(/^[a-z][a-z0-9+.-]*:/);
      for (const language of [...Object.keys(s.verb.display), ...Object.keys(s.object.definition.name)])
        expect(language).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
      expect(Number.isNaN(Date.parse(s.timestamp))).toBe(false);
      for (const key of Object.keys((s.result?.['extensions'] as object | undefined) ?? {})) expect(key).toMatch(/^urn:prasan:/);
    }
  });

  it('puts all seven skills in the result extensions of decisions and results; a run adds up', () => {
    const answered = statements.filter((s) => s.verb.id === VERB.decision);
    const completed = statements.filter((s) => s.verb.id === VERB.result);
    expect(answered).toHaveLength(count("events WHERE kind = 'decision'"));
    expect(completed).toHaveLength(3);
    for (const s of [...answered, ...completed]) {
      const extensions = s.result!['extensions'] as Record<string, number>;
      for (const skill of SKILLS) expect(typeof extensions[SKILL_EXTENSION(skill)], skill).toBe('number');
    }
    for (const s of completed) {
      const stored = server.store.runRecord(s.context.registration)!.result!;
      const extensions = s.result!['extensions'] as Record<string, unknown>;
      const steps = answered.filter((a) => a.context.registration === s.context.registration);
      for (const skill of SKILLS) {
        expect(extensions[SKILL_EXTENSION(skill)]).toBe(stored.skills[skill]);
        expect(steps.reduce((sum, a) => sum + (a.result!['extensions'] as Record<string, number>)[SKILL_EXTENSION(skill)]!, 0)).toBe(
          stored.skills[skill],
        );
      }
      expect(extensions['urn:prasan:ending']).toBe(stored.ending);
      expect(s.result!['completion']).toBe(true);
      expect(s.result!['success']).toBe(stored.endingKind === 'success');
      const score = s.result!['score'] as { raw: number; min: number; max: number; scaled: number };
      expect(score.raw).toBeGreaterThanOrEqual(score.min);
      expect(score.raw).toBeLessThanOrEqual(score.max);
      expect(Math.abs(score.scaled)).toBeLessThanOrEqual(1);
    }
    for (const s of answered) expect(s.result!['response']).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});
