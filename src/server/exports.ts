/**
 * A session's results, taken home: CSV for a spreadsheet, JSON for tools, and xAPI statements for a
 * Learning Record Store. Trainees appear by pseudonym (P01, P02 …) unless the trainer asks for names.
 */
import { reviewRun, SKILLS, textKey, type RunReview, type ScenarioModel, type StringTable } from '../engine';
import type { RunRecord, TraineeRecord } from '../workshop/protocol';
import { traineeRecord, type EventRow, type SessionRow, type Store } from './db';
import { nextTurn } from './pace';
import type { ReadyScenario, ScenarioCatalog } from './scenarios';

interface ExportOptions {
  names: boolean;
}

/** What every export needs besides the runs: the session's trainees and scenarios (both bounded). */
interface SessionData {
  session: SessionRow;
  trainees: Map<string, TraineeRecord>;
  scenarios: Map<string, ReadyScenario>;
}

function gather(store: Store, catalog: ScenarioCatalog, session: SessionRow): SessionData {
  return {
    session,
    trainees: new Map(store.trainees(session).map((t) => [t.id, traineeRecord(t)])),
    scenarios: catalog.ofSession(store, session),
  };
}

/** Runs read per page: a page and its reviews take a few milliseconds at most. */
const RUNS_PER_PAGE = 50;

/**
 * A session's runs a page at a time, trainee by trainee, in the order each trainee's were stored. The
 * event loop answers other requests between pages, and no answer is ever built whole in memory: a
 * session of any size streams (a string has a maximum length; a flood could pass it).
 */
export async function* runPages(store: Store, session: { id: number }): AsyncGenerator<RunRecord[]> {
  for (const trainee of store.trainees(session)) {
    let after: number | undefined = 0;
    while (after !== undefined) {
      const page = store.traineeRunsPage(trainee.id, after, RUNS_PER_PAGE);
      if (page.runs.length > 0) yield page.runs;
      after = page.next;
      await nextTurn();
    }
  }
}

/** The engine's review of a run (its id is the seed of its order of choices). */
function reviewOf(model: ScenarioModel | undefined, run: RunRecord): RunReview | undefined {
  if (!model) return undefined;
  return reviewRun(
    model,
    run.steps.map((s) => ({ node: s.node, choice: s.choice })),
    { seed: run.id },
  );
}

function text(strings: StringTable | undefined, language: string | null, key: string): string {
  const table = (language && strings?.[language as keyof StringTable]) || strings?.th || strings?.en;
  return table?.[key] ?? '';
}

function who(trainee: TraineeRecord | undefined, options: ExportOptions): string {
  if (!trainee) return '';
  return options.names ? trainee.name : trainee.pseudonym;
}

// ---- CSV ------------------------------------------------------------------------------------

const CSV_COLUMNS = [
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
] as const;

/**
 * A cell as a spreadsheet should read it: quoted when needed, and a leading = + - @ defused so a
 * display name can't become a formula when the file is opened in Excel.
 */
function cell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per decision (with the points that step earned) and one per finished run (with its
 * totals), in UTF-8 with a byte-order mark so Excel shows Thai correctly; streamed a page at a time.
 */
export async function* sessionCsv(
  store: Store,
  catalog: ScenarioCatalog,
  session: SessionRow,
  options: ExportOptions,
): AsyncGenerator<string> {
  const data = gather(store, catalog, session);
  const line = (cells: readonly (string | number)[]) => `${cells.map(cell).join(',')}\r\n`;
  yield `\uFEFF${line(CSV_COLUMNS)}`;
  for await (const page of runPages(store, session)) {
    yield page.map((run) => csvRowsOf(data, run, options).map(line).join('')).join('');
  }
}

function csvRowsOf(data: SessionData, run: RunRecord, options: ExportOptions): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const scenario = data.scenarios.get(run.scenario);
  const review = reviewOf(scenario?.playable.model, run);
  const strings = scenario?.playable.strings;
  const base = [data.session.code, who(data.trainees.get(run.trainee), options), run.scenario, run.version, run.id];
  run.steps.forEach((s, i) => {
    const reviewed = review?.steps[i];
    const label = s.choice === 'timeout' ? '' : text(strings, run.language, textKey.choiceText(s.node, s.choice));
    rows.push([
      'decision',
      ...base,
      s.seq + 1,
      s.node,
      s.choice,
      reviewed?.position ?? '',
      label,
      '',
      '',
      ...SKILLS.map((k) => reviewed?.gained[k] ?? ''),
      s.at,
    ]);
  });
  if (run.result) {
    const title = run.result.ending ? text(strings, run.language, textKey.endingTitle(run.result.ending)) : '';
    rows.push([
      'result',
      ...base,
      run.steps.length,
      run.result.ending ?? '',
      '',
      '',
      title,
      run.result.ending ?? '',
      run.result.endingKind ?? 'incomplete',
      ...SKILLS.map((k) => run.result!.skills[k] ?? 0),
      run.result.finishedAt,
    ]);
  }
  return rows;
}

// ---- JSON -----------------------------------------------------------------------------------

/** The session, its trainees and every run with its positions and what was attainable, streamed. */
export async function* sessionJson(
  store: Store,
  catalog: ScenarioCatalog,
  session: SessionRow,
  options: ExportOptions,
): AsyncGenerator<string> {
  const data = gather(store, catalog, session);
  const head = {
    format: 'prasan-session/1',
    exportedAt: new Date().toISOString(),
    session: store.summary(session),
    trainees: [...data.trainees.values()].map((t) => ({
      id: t.id,
      pseudonym: t.pseudonym,
      ...(options.names ? { name: t.name } : {}),
      joinedAt: t.joinedAt,
    })),
  };
  yield* jsonWithList(
    head,
    'runs',
    mapPages(runPages(store, session), (run) => {
      const review = reviewOf(data.scenarios.get(run.scenario)?.playable.model, run);
      return {
        ...run,
        // Where each taken choice stood among those the trainee was shown (1 = first).
        steps: run.steps.map((s, i) => ({ ...s, position: review?.steps[i]?.position ?? null })),
        attainable: data.scenarios.get(run.scenario)?.playable.attainable ?? null,
      };
    }),
  );
}

/** Each page's items turned into something else, page by page. */
async function* mapPages<T, U>(pages: AsyncIterable<T[]>, map: (item: T) => U): AsyncGenerator<U[]> {
  for await (const page of pages) yield page.map(map);
}

/**
 * JSON text of an object whose last property, `name`, is a list arriving page by page: the object's
 * other properties first, then the list's items as they come.
 */
export async function* jsonWithList(head: object, name: string, pages: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}${JSON.stringify(name)}:[`;
  yield* jsonListItems(pages);
  yield ']}';
}

/** JSON text of a list arriving page by page. */
export async function* jsonList(pages: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  yield '[';
  yield* jsonListItems(pages);
  yield ']';
}

/** The items of a list arriving page by page, as JSON text between the list's brackets. */
async function* jsonListItems(pages: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield `${first ? '' : ','}${page.map((item) => JSON.stringify(item)).join(',')}`;
    first = false;
  }
}

// ---- xAPI -----------------------------------------------------------------------------------

const VERBS = {
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered', 'th-TH': 'ตอบ' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed', 'th-TH': 'จบ' } },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted', 'th-TH': 'เริ่ม' } },
};

/**
 * Activity ids, extension keys and the actors' account home page are URNs: IRIs that stay the same on
 * every server and in every session (a laptop's LAN address changes from room to room), so an LRS can
 * add up a programme and a statement sent again later is the same statement.
 */
const IRI = 'urn:prasan:';
export const XAPI_HOME_PAGE = `${IRI}workshop`;
export const SKILL_EXTENSION = (skill: string) => `${IRI}skill:${skill}`;
const ACTIVITY = (scenario: string, node?: string) => `${IRI}scenario:${scenario}${node ? `:node:${node}` : ''}`;

export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: { name: Record<string, string>; type: string } };
  result?: Record<string, unknown>;
  context: {
    registration: string;
    platform: string;
    language?: string;
    contextActivities?: { parent: { id: string; objectType: 'Activity' }[] };
  };
  timestamp: string;
}

function activityName(strings: StringTable | undefined, key: string): Record<string, string> {
  const names: Record<string, string> = {};
  if (strings?.th?.[key]) names['th-TH'] = strings.th[key]!;
  if (strings?.en?.[key]) names['en-US'] = strings.en[key]!;
  return Object.keys(names).length > 0 ? names : { 'en-US': key };
}

/**
 * A statement per stored event: `attempted` for a start, `answered` for a decision (its response is
 * the choice id, its result extensions the points earned), `completed` for a result (the run's
 * totals, scaled against what the scenario makes attainable). Statement ids are the events' ids, so
 * a Learning Record Store that receives one twice keeps one. Actors are pseudonymous: the account is
 * the trainee's random id (unique across rooms), the name the session code and pseudonym.
 */
export async function* sessionStatements(store: Store, catalog: ScenarioCatalog, session: SessionRow): AsyncGenerator<XapiStatement[]> {
  const data = gather(store, catalog, session);
  for await (const page of runPages(store, session)) {
    yield page.flatMap((run) => statementsOfRun(data, run, store.runEvents(run.id)));
  }
}

/** The statements of one run's stored events, in the order they were stored. */
function statementsOfRun(data: SessionData, run: RunRecord, events: readonly EventRow[]): XapiStatement[] {
  const { session } = data;
  const scenario = data.scenarios.get(run.scenario);
  const strings = scenario?.playable.strings;
  const review = reviewOf(scenario?.playable.model, run);
  const statements: XapiStatement[] = [];
  for (const event of events) {
    const trainee = data.trainees.get(event.trainee_id);
    const context = {
      registration: run.id,
      platform: 'Prasan',
      ...(run.language ? { language: run.language === 'th' ? 'th-TH' : 'en-US' } : {}),
    };
    const common = {
      id: event.id,
      actor: {
        objectType: 'Agent' as const,
        name: `${session.code}-${trainee?.pseudonym ?? 'unknown'}`,
        account: { homePage: XAPI_HOME_PAGE, name: event.trainee_id },
      },
      context,
      timestamp: event.at,
    };
    if (event.kind === 'start') {
      statements.push({
        ...common,
        verb: VERBS.attempted,
        object: {
          objectType: 'Activity',
          id: ACTIVITY(run.scenario),
          definition: { name: activityName(strings, textKey.title()), type: 'http://adlnet.gov/expapi/activities/simulation' },
        },
      });
    } else if (event.kind === 'decision' && event.seq !== null) {
      const reviewed = review?.steps[event.seq];
      const gained = reviewed?.gained;
      statements.push({
        ...common,
        context: { ...context, contextActivities: { parent: [{ objectType: 'Activity', id: ACTIVITY(run.scenario) }] } },
        verb: VERBS.answered,
        object: {
          objectType: 'Activity',
          id: ACTIVITY(run.scenario, event.node!),
          definition: {
            name: activityName(strings, textKey.nodeText(event.node!)),
            type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          },
        },
        result: {
          response: event.choice,
          ...(gained
            ? {
                extensions: {
                  ...Object.fromEntries(SKILLS.map((k) => [SKILL_EXTENSION(k), gained[k]])),
                  ...(reviewed?.position ? { [`${IRI}position`]: reviewed.position } : {}),
                },
              }
            : {}),
        },
      });
    } else if (event.kind === 'result' && run.result) {
      const total = (skills: Partial<Record<string, number>> | undefined) => SKILLS.reduce((sum, k) => sum + (skills?.[k] ?? 0), 0);
      const earned = total(run.result.skills);
      const best = total(scenario?.playable.attainable);
      // Skills can go below zero: the floor is the lowest total a run can reach, so raw is in range.
      const worst = Math.min(0, total(scenario?.playable.lowest));
      statements.push({
        ...common,
        verb: VERBS.completed,
        object: {
          objectType: 'Activity',
          id: ACTIVITY(run.scenario),
          definition: { name: activityName(strings, textKey.title()), type: 'http://adlnet.gov/expapi/activities/simulation' },
        },
        result: {
          completion: true,
          success: run.result.endingKind === 'success',
          ...(best > 0 ? { score: { raw: earned, min: worst, max: best, scaled: Math.max(-1, Math.min(1, earned / best)) } } : {}),
          extensions: {
            ...Object.fromEntries(SKILLS.map((k) => [SKILL_EXTENSION(k), run.result!.skills[k] ?? 0])),
            [`${IRI}ending`]: run.result.ending,
            [`${IRI}ending-kind`]: run.result.endingKind ?? 'incomplete',
          },
        },
      });
    }
  }
  return statements;
}
