/**
 * The trainer's routes, behind the trainer key: the library, sessions (create, retention, delete), a
 * session's room (snapshot, live stream), a trainer's own scenario files, and the exports.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  CreateSessionRequest,
  DEFAULT_RETENTION_DAYS,
  JOIN_CODE_ALPHABET,
  JoinCode,
  JoiningRequest,
  RemoveTraineeQuery,
  SCENARIO_UPLOAD_LIMIT_BYTES,
  ScenarioId,
  UpdateSessionRequest,
  UploadScenarioRequest,
  Uuid,
  type SessionSnapshot,
  type StreamMessage,
} from '../../workshop/protocol';
import { SECURITY_HEADERS } from '../../workshop/headers';
import { bearer, fail, sha, summaryOf, type ServerContext } from '../context';
import { openEventStream } from '../hub';
import { endOfDay, traineeRecord, type SessionRow, type Store } from '../db';
import { deleteTraineeData } from '../deletion';
import { Readable } from 'node:stream';
import { jsonList, jsonWithList, runPages, sessionCsv, sessionJson, sessionStatements } from '../exports';
import { refuse } from '../fair-use';
import { CodeParams } from './public';
import { UploadTooLarge } from '../upload-compiler';

const DAY_MS = 24 * 60 * 60 * 1000;
const ScenarioParams = Type.Object({ code: JoinCode, scenario: ScenarioId });
const TraineeParams = Type.Object({ code: JoinCode, trainee: Uuid });
const NamesQuery = Type.Object({ names: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])) });

/** A file for the browser to save, streamed as its pieces are made (never built whole in memory). */
function download(reply: FastifyReply, type: string, name: string, pieces: AsyncIterable<string>): FastifyReply {
  return reply.type(`${type}; charset=utf-8`).header('content-disposition', `attachment; filename="${name}"`).send(Readable.from(pieces));
}

/** A fresh join code no session uses (one being deleted still holds its code). */
function newJoinCode(store: Store): string {
  for (;;) {
    const bytes = randomBytes(6);
    const code = [...bytes].map((b) => JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length]).join('');
    if (!store.codeTaken(code)) return code;
  }
}

export const trainerRoutes: FastifyPluginAsyncTypebox<{ context: ServerContext }> = async (app, { context }) => {
  const { store, catalog, hub, now, deletions } = context;
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // An address that sent too many wrong keys waits first, whatever key it sends now.
    const backoff = context.fairUse.trainerKeyWait(request);
    if (backoff) return refuse(reply, backoff);
    const key = bearer(request);
    if (!key || !timingSafeEqual(sha(key), context.trainerKeyHash)) {
      if (key) context.fairUse.trainerKeyFailed(request);
      return fail(reply, 401, 'trainer-key', 'The trainer key is missing or wrong.');
    }
    context.fairUse.trainerKeySucceeded(request);
  });

  // A session's own files are compiled (in the worker) before any of its routes reads its scenarios.
  app.addHook('preHandler', async (request) => {
    const { code } = request.params as { code?: string };
    const session = code === undefined ? undefined : store.session(code);
    if (session) await catalog.ready(store, session);
  });

  const sessionOr404 = (code: string, reply: FastifyReply): SessionRow | undefined => {
    const session = store.session(code);
    if (!session) void fail(reply, 404, 'unknown-code', 'No session has this code.');
    return session;
  };

  app.get('/api/trainer/library', async () => catalog.library.map((s) => ({ id: s.id, info: s.info, menuStrings: s.menuStrings })));

  app.get('/api/trainer/sessions', async () => store.allSessions().map((s) => summaryOf(context, s)));

  app.post('/api/trainer/sessions', { schema: { body: CreateSessionRequest } }, async (request, reply) => {
    const unknown = request.body.scenarios.filter((id) => !catalog.shippedScenario(id));
    if (unknown.length > 0) return fail(reply, 400, 'unknown-scenario', `No scenario named ${unknown.join(', ')} in the library.`);
    const session = store.createSession(
      newJoinCode(store),
      request.body.title.trim(),
      request.body.retentionDays ?? DEFAULT_RETENTION_DAYS,
      now(),
    );
    for (const id of request.body.scenarios) store.putScenario(session, id, catalog.shippedScenario(id)!.info.version);
    return reply.code(201).send(summaryOf(context, session));
  });

  app.patch('/api/trainer/sessions/:code', { schema: { params: CodeParams, body: UpdateSessionRequest } }, async (request, reply) => {
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
    return summaryOf(context, store.session(session.code)!);
  });

  app.delete('/api/trainer/sessions/:code', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    await deletions.delete(session, 'trainer');
    return reply.code(204).send();
  });

  app.get('/api/trainer/sessions/:code', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    // Streamed a page of runs at a time (a SessionSnapshot): a large room neither holds up other
    // requests nor has to fit in one string.
    const head: Omit<SessionSnapshot, 'runs'> = {
      session: summaryOf(context, session),
      trainees: store.trainees(session).map(traineeRecord),
    };
    return reply.type('application/json; charset=utf-8').send(Readable.from(jsonWithList(head, 'runs', runPages(store, session))));
  });

  app.get('/api/trainer/sessions/:code/scenarios/:scenario', { schema: { params: ScenarioParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    const scenario = catalog.ofSession(store, session).get(request.params.scenario);
    if (!scenario) return fail(reply, 404, 'unknown-scenario', 'This session has no such scenario.');
    return scenario;
  });

  app.post(
    '/api/trainer/sessions/:code/scenarios',
    { bodyLimit: SCENARIO_UPLOAD_LIMIT_BYTES + 4096, schema: { params: CodeParams, body: UploadScenarioRequest } },
    async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      let compiled;
      try {
        compiled = await catalog.compileUpload(request.body.file, request.body.text);
      } catch (error) {
        if (!(error instanceof UploadTooLarge)) throw error;
        return fail(reply, 422, 'scenario-too-large', `The file is too large to check: ${error.message}. Nothing was added.`, {
          limit: error.limit,
        });
      }
      const { scenario, diagnostics } = compiled;
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
      catalog.sessionChanged(store, session.code);
      const added = { id: scenario.id, version: scenario.info.version, uploaded: true };
      hub.publish(session.code, { type: 'scenario-added', scenario: added });
      return reply.code(201).send({ scenario: added, diagnostics });
    },
  );

  // The live stream: server-sent events over a fetch the dashboard makes with its key.
  app.get('/api/trainer/sessions/:code/stream', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    reply.hijack();
    const out = reply.raw;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) out.setHeader(name, value);
    const write = openEventStream(out);
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

  app.get('/api/trainer/sessions/:code/export.csv', { schema: { params: CodeParams, querystring: NamesQuery } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    const csv = sessionCsv(store, catalog, session, { names: request.query.names === '1' });
    return download(reply, 'text/csv', `prasan-${session.code}.csv`, csv);
  });

  app.get(
    '/api/trainer/sessions/:code/export.json',
    { schema: { params: CodeParams, querystring: NamesQuery } },
    async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      const json = sessionJson(store, catalog, session, { names: request.query.names === '1' });
      return download(reply, 'application/json', `prasan-${session.code}.json`, json);
    },
  );

  app.get('/api/trainer/sessions/:code/xapi.json', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    const statements = jsonList(sessionStatements(store, catalog, session));
    return download(reply, 'application/json', `prasan-${session.code}-xapi.json`, statements);
  });

  // ---- the trainer controls the room: joining, the join code, removing a trainee ------------------

  /** The session's summary, sent to its dashboards too (joining opened or closed, a new code). */
  const announce = (session: SessionRow) => {
    const summary = summaryOf(context, session);
    hub.publish(session.code, { type: 'session', session: summary });
    return summary;
  };

  app.post('/api/trainer/sessions/:code/joining', { schema: { params: CodeParams, body: JoiningRequest } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    // Opened: until the end of today, so a code left open still stops working overnight. Closed: now.
    const at = now();
    store.setJoinUntil(session, request.body.open ? endOfDay(at) : at);
    return announce(store.session(session.code)!);
  });

  app.post('/api/trainer/sessions/:code/new-code', { schema: { params: CodeParams } }, async (request, reply) => {
    const session = sessionOr404(request.params.code, reply);
    if (!session) return reply;
    const code = newJoinCode(store);
    store.setCode(session, code);
    // What is kept under the old code follows the session: its dashboards' live streams (which are
    // then told the new code), and its scenarios (dropped, to be read again under the new one).
    catalog.sessionChanged(store, session.code);
    hub.rename(session.code, code);
    return announce(store.session(code)!);
  });

  app.delete(
    '/api/trainer/sessions/:code/trainees/:trainee',
    { schema: { params: TraineeParams, querystring: RemoveTraineeQuery } },
    async (request, reply) => {
      const session = sessionOr404(request.params.code, reply);
      if (!session) return reply;
      const trainee = store.trainee(request.params.trainee);
      if (!trainee || trainee.session_id !== session.id) return fail(reply, 404, 'unknown-trainee', 'This session has no such trainee.');
      // Their key stops working first, so nothing more arrives while their rows are deleted.
      const at = trainee.removed_at ?? now().toISOString();
      store.removeTrainee(trainee, new Date(at));
      const dataDeleted = request.query.data === 'delete';
      if (dataDeleted) {
        // A trainee who flooded the room may have tens of thousands of runs: deleted a slice at a time.
        await deleteTraineeData(store, trainee.id);
        store.deleteTrainee(trainee);
        context.intake.forget();
      }
      hub.publish(session.code, { type: 'trainee-removed', trainee: trainee.id, at, dataDeleted });
      return reply.code(204).send();
    },
  );
};
