/**
 * The workshop server: the built game, the trainees' API and the trainer's dashboard API on one
 * port. Every request body and parameter is checked against the TypeBox schemas in
 * src/workshop/protocol.ts before a handler sees it; every client error is a 4xx with a reason.
 */
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes, randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import {
  BODY_LIMIT_BYTES,
  CreateSessionRequest,
  DEFAULT_RETENTION_DAYS,
  EventBatch,
  JOIN_CODE_ALPHABET,
  JoinCode,
  ScenarioId,
  JoinRequest,
  MAX_TRAINEES_PER_SESSION,
  SCENARIO_UPLOAD_LIMIT_BYTES,
  UpdateSessionRequest,
  UploadScenarioRequest,
  type EventBatchReply,
  type JoinReply,
  type MeReply,
  type SessionPreview,
  type SessionSummary,
  type SessionSnapshot,
  type StreamMessage,
  type TraineeSessionView,
  type WorkshopHello,
} from '../workshop/protocol';
import { traineeRecord, type SessionRow, type Store, type TraineeRow } from './db';
import { EventIntake } from './events';
import { sessionCsv, sessionJson, sessionStatements } from './exports';
import { Hub } from './hub';
import { forTrainees, type ScenarioCatalog } from './scenarios';

export interface ServerOptions {
  store: Store;
  catalog: ScenarioCatalog;
  trainerKey: string;
  /** The built game (dist/); omitted in API tests. */
  staticDir?: string;
  /**
   * The address trainees use, for the join QR code (e.g. http://192.168.1.20:8080). Without it, the
   * address the request came to (right when the dashboard is opened at the address trainees use).
   */
  publicUrl?: string;
  /** A clock, so tests can move time (retention). */
  now?: () => Date;
  /** How often sessions past their retention are deleted (also once when the server is ready). */
  sweepEveryMs?: number;
  /** Called after events are stored (LRS forwarding wakes up). */
  onStored?: () => void;
  /** Called with the codes of sessions deleted because their retention ran out. */
  onExpired?: (codes: string[]) => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on a trainee's routes once their key is known, with their session. */
    trainee?: TraineeRow;
    session?: SessionRow;
  }
}

const SEEN_EVERY_MS = 15_000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const CodeParams = Type.Object({ code: JoinCode });
const ScenarioParams = Type.Object({ code: JoinCode, scenario: ScenarioId });
const MyScenarioParams = Type.Object({ scenario: ScenarioId });
const NamesQuery = Type.Object({ names: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])) });

function sha(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

function fail(reply: FastifyReply, status: number, error: string, message: string, extra: object = {}) {
  return reply.code(status).send({ error, message, ...extra });
}

/** A fresh join code no live session uses. */
function newJoinCode(store: Store): string {
  for (;;) {
    const bytes = randomBytes(6);
    const code = [...bytes].map((b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join('');
    if (!store.session(code)) return code;
  }
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const intake = new EventIntake(store, catalog);
  const hub = new Hub();
  const trainerKeyHash = sha(options.trainerKey);

  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    forceCloseConnections: true,
    // Fastify's defaults would quietly drop unknown properties and turn "3" into 3: a request that
    // doesn't match its schema exactly is refused instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: any other body is 415. An empty JSON body (a DELETE sent with the header) is no body.
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body.length === 0 ? done(null, undefined) : parseJson(request, body as string, done),
  );

  // Client mistakes (bad JSON, a schema mismatch, a body too large) keep their 4xx and say what was
  // wrong; anything else is the server's fault and says so without details.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return fail(reply, status, error.code ?? 'bad-request', error.message);
    console.error(`${request.method} ${request.url.split('?')[0]} failed:`, error);
    return fail(reply, 500, 'internal', 'The server could not do this; nothing was stored.');
  });
  app.setNotFoundHandler((request, reply) => fail(reply, 404, 'not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}`));

  /** After sessions are deleted: their dashboards are told, and no run state of theirs is kept. */
  const forgetSessions = (codes: readonly string[]) => {
    if (codes.length === 0) return;
    intake.forget();
    for (const code of codes) {
      catalog.sessionChanged(code);
      hub.publish(code, { type: 'session-deleted' });
    }
  };

  // Sessions past their retention are deleted when the server is ready and every hour after (PDPA).
  // A failed sweep (the disk full, say) is tried again next time rather than stopping the workshop.
  const sweep = () => {
    try {
      const codes = store.deleteExpired(now());
      forgetSessions(codes);
      if (codes.length > 0) options.onExpired?.(codes);
    } catch (error) {
      console.error('Deleting expired sessions failed:', error);
    }
  };
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweep();
    sweeper = setInterval(sweep, options.sweepEveryMs ?? HOUR_MS);
  });
  app.addHook('onClose', async () => clearInterval(sweeper));

  /** A session's summary with the versions of its scenarios as served now (the library may be newer than the session). */
  const summaryOf = (session: SessionRow): SessionSummary => {
    const summary = store.summary(session);
    const served = catalog.ofSession(store, session);
    return { ...summary, scenarios: summary.scenarios.map((s) => ({ ...s, version: served.get(s.id)?.info.version ?? s.version })) };
  };

  const sessionView = (session: SessionRow): TraineeSessionView => {
    const summary = summaryOf(session);
    return { code: summary.code, title: summary.title, retentionDays: summary.retentionDays, scenarios: summary.scenarios };
  };

  // ---- public -------------------------------------------------------------------------------

  /** Where trainees go: the configured address, or else the one this request came to. */
  const publicUrl = (request: FastifyRequest) => options.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get('/api/workshop', async (request): Promise<WorkshopHello> => ({
    app: 'prasan-workshop',
    version: '1',
    publicUrl: publicUrl(request),
  }));

  app.get('/api/join/:code', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = store.session(request.params.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    const preview: SessionPreview = { code: session.code, title: session.title, retentionDays: session.retention_days };
    return preview;
  });

  app.get('/api/join/:code/qr.svg', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = store.session(request.params.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    const svg = await QRCode.toString(`${publicUrl(request)}/?join=${session.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  app.post('/api/join', { schema: { body: JoinRequest } }, async (request, reply) => {
    const session = store.session(request.body.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    if (store.traineeCount(session) >= MAX_TRAINEES_PER_SESSION) {
      return fail(reply, 409, 'session-full', `This session already has ${MAX_TRAINEES_PER_SESSION} trainees.`);
    }
    const name = request.body.name.trim();
    if (name.length === 0) return fail(reply, 400, 'bad-name', 'A display name is needed.');
    const key = randomBytes(24).toString('base64url');
    const trainee = store.addTrainee(session, randomUUID(), name, key, now());
    hub.publish(session.code, { type: 'joined', trainee: traineeRecord(trainee) });
    const joined: JoinReply = {
      trainee: { id: trainee.id, name: trainee.name, pseudonym: trainee.pseudonym },
      key,
      session: sessionView(session),
    };
    return reply.code(201).send(joined);
  });

  // ---- a trainee's own -------------------------------------------------------------------------

  // Keys are checked when a request arrives, before its body is read or validated.
  const lastSeen = new Map<string, number>();
  const asTrainee = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearer(request);
    const trainee = key ? store.traineeByKey(key) : undefined;
    if (!trainee) return fail(reply, 401, 'unknown-trainee', 'Join the session again: this key is not known.');
    const session = store.sessionOf(trainee);
    request.trainee = trainee;
    request.session = session;
    // The dashboard shows who is here now; to the nearest quarter minute is close enough, and saves
    // a write and a stream message on nearly every request.
    const at = now();
    if (at.getTime() - (lastSeen.get(trainee.id) ?? 0) >= SEEN_EVERY_MS) {
      // Bounded like the store's own memory: forgetting only means one more presence message.
      if (lastSeen.size >= 10_000) lastSeen.clear();
      lastSeen.set(trainee.id, at.getTime());
      store.touch(trainee, at);
      hub.publish(session.code, { type: 'seen', trainee: trainee.id, at: at.toISOString() });
    }
  };

  app.get('/api/me', { onRequest: asTrainee }, async (request): Promise<MeReply> => {
    const trainee = request.trainee!;
    return {
      trainee: { id: trainee.id, name: trainee.name, pseudonym: trainee.pseudonym },
      session: sessionView(request.session!),
      finished: store.finishedScenarios(trainee),
    };
  });

  app.get('/api/me/scenarios/:scenario', { onRequest: asTrainee, schema: { params: MyScenarioParams } }, async (request, reply) => {
    const scenario = catalog.ofSession(store, request.session!).get(request.params.scenario);
    if (!scenario) return fail(reply, 404, 'unknown-scenario', 'This session has no such scenario.');
    return forTrainees(scenario);
  });

  app.post('/api/events', { onRequest: asTrainee, schema: { body: EventBatch } }, async (request, reply) => {
    const session = request.session!;
    const { acks, changedRuns } = await intake.submit(request.trainee!, session, request.body.events, now());
    // Each changed run goes to the session's dashboards whole (read back only if one is watching).
    for (const run of hub.watching(session.code) > 0 ? changedRuns : []) {
      const record = store.runRecord(run);
      if (record) hub.publish(session.code, { type: 'run', run: record });
    }
    if (changedRuns.length > 0) options.onStored?.();
    const body: EventBatchReply = { results: acks };
    // Stored and duplicate events are safe to forget; a rejected one can never be stored, and says why.
    return reply.code(acks.some((a) => a.status === 'rejected') ? 422 : 200).send(body);
  });

  // ---- the trainer's --------------------------------------------------------------------------

  const asTrainer = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearer(request);
    if (!key || !timingSafeEqual(sha(key), trainerKeyHash)) return fail(reply, 401, 'trainer-key', 'The trainer key is missing or wrong.');
  };

  await app.register(async (trainer) => {
    trainer.addHook('onRequest', asTrainer);
    const t = trainer.withTypeProvider<TypeBoxTypeProvider>();

    const sessionOr404 = (code: string, reply: FastifyReply): SessionRow | undefined => {
      const session = store.session(code);
      if (!session) void fail(reply, 404, 'unknown-code', 'No session has this code.');
      return session;
    };

    t.get('/api/trainer/library', async () => catalog.library.map((s) => ({ id: s.id, info: s.info, menuStrings: s.menuStrings })));

    t.get('/api/trainer/sessions', async () => store.allSessions().map((s) => summaryOf(s)));

    t.post('/api/trainer/sessions', { schema: { body: CreateSessionRequest } }, async (request, reply) => {
      const unknown = request.body.scenarios.filter((id) => !catalog.shippedScenario(id));
      if (unknown.length > 0) return fail(reply, 400, 'unknown-scenario', `No scenario named ${unknown.join(', ')} in the library.`);
      const session = store.createSession(
        newJoinCode(store),
        request.body.title.trim(),
        request.body.retentionDays ?? DEFAULT_RETENTION_DAYS,
        now(),
      );
      for (const id of request.body.scenarios) store.putScenario(session, id, catalog.shippedScenario(id)!.info.version);
      return reply.code(201).send(summaryOf(session));
    });

    t.patch('/api/trainer/sessions/:code', { schema: { params: CodeParams, body: UpdateSessionRequest } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      // A period that has already run out would have the next sweep delete the session unasked.
      if (Date.parse(session.created_at) + request.body.retentionDays * DAY_MS <= now().getTime()) {
        return fail(
          reply,
          422,
          'would-expire',
          'With this many days the session would be deleted at once; delete it instead if that is meant.',
        );
      }
      store.setRetention(session, request.body.retentionDays);
      return summaryOf(store.session(session.code)!);
    });

    t.delete('/api/trainer/sessions/:code', { schema: { params: CodeParams } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      store.deleteSession(session);
      forgetSessions([session.code]);
      return reply.code(204).send();
    });

    t.get('/api/trainer/sessions/:code', { schema: { params: CodeParams } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      const snapshot: SessionSnapshot = {
        session: summaryOf(session),
        trainees: store.trainees(session).map(traineeRecord),
        runs: store.sessionRuns(session),
      };
      return snapshot;
    });

    t.get('/api/trainer/sessions/:code/scenarios/:scenario', { schema: { params: ScenarioParams } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      const scenario = catalog.ofSession(store, session).get(request.params.scenario);
      if (!scenario) return fail(reply, 404, 'unknown-scenario', 'This session has no such scenario.');
      return scenario;
    });

    t.post(
      '/api/trainer/sessions/:code/scenarios',
      { bodyLimit: SCENARIO_UPLOAD_LIMIT_BYTES + 4096, schema: { params: CodeParams, body: UploadScenarioRequest } },
      async (request, reply) => {
        const session = sessionOr404(request.params.code, reply);
        if (!session) return reply;
        const { scenario, diagnostics } = catalog.compileUpload(request.body.file, request.body.text);
        if (!scenario) return fail(reply, 422, 'scenario-errors', 'The file has errors; nothing was added.', { diagnostics });
        // Trainees' games keep the copy they have, and their runs go by its version: a changed file
        // replacing one in the session must say it is another version, or their choices would be judged
        // against texts they never saw.
        const current = catalog.ofSession(store, session).get(scenario.id);
        if (current && current.playable !== scenario.playable && scenario.info.version <= current.info.version) {
          return fail(
            reply,
            422,
            'version-not-raised',
            `The session already has version ${current.info.version} of ${scenario.id}: raise the file's version to replace it.`,
            {
              current: current.info.version,
            },
          );
        }
        store.putScenario(session, scenario.id, scenario.info.version, { file: request.body.file, source: request.body.text });
        catalog.sessionChanged(session.code);
        const added = { id: scenario.id, version: scenario.info.version, uploaded: true };
        hub.publish(session.code, { type: 'scenario-added', scenario: added });
        return reply.code(201).send({ scenario: added, diagnostics });
      },
    );

    // The live stream: server-sent events over a fetch the dashboard makes with its key.
    t.get('/api/trainer/sessions/:code/stream', { schema: { params: CodeParams } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
      // Nothing is written once the stream has ended (writing after the end would be an error).
      const write = (text: string) => {
        if (!out.writableEnded) out.write(text);
      };
      const send = (message: StreamMessage | { type: 'hello' }) => {
        write(`data: ${JSON.stringify(message)}\n\n`);
        if (message.type === 'session-deleted') out.end();
      };
      send({ type: 'hello' });
      const unsubscribe = hub.subscribe(session.code, send);
      // A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
      const keepAlive = setInterval(() => write(': still here\n\n'), 15_000);
      out.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
    });

    t.get('/api/trainer/sessions/:code/export.csv', { schema: { params: CodeParams, querystring: NamesQuery } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      const csv = sessionCsv(store, catalog, session, { names: request.query.names === '1' });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="prasan-${session.code}.csv"`)
        .send(csv);
    });

    t.get(
      '/api/trainer/sessions/:code/export.json',
      { schema: { params: CodeParams, querystring: NamesQuery } },
      async (request, reply) => {
        const session = sessionOr404(request.params.code, reply);
        if (!session) return reply;
        return reply
          .header('content-disposition', `attachment; filename="prasan-${session.code}.json"`)
          .send(sessionJson(store, catalog, session, { names: request.query.names === '1' }));
      },
    );

    t.get('/api/trainer/sessions/:code/xapi.json', { schema: { params: CodeParams } }, async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      return reply
        .header('content-disposition', `attachment; filename="prasan-${session.code}-xapi.json"`)
        .send(sessionStatements(store, catalog, session));
    });
  });

  // ---- the game itself ----------------------------------------------------------------------

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, {
      root: resolve(options.staticDir),
      // Ours, below, instead of the plugin's own max-age=0 (which would overwrite them).
      cacheControl: false,
      // Hashed files never change; the pages and the service worker must always be fresh.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/dashboard', async (_request, reply) => reply.redirect('./dashboard.html'));
  }

  return app;
}
