/**
 * The workshop server: the built game, the trainees' API and the trainer's dashboard API on one
 * port. Every request body and parameter is checked against the TypeBox schemas in
 * src/workshop/protocol.ts before a handler sees it; every client error is a 4xx with a reason.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { SECURITY_HEADERS } from '../workshop/headers';
import { BODY_LIMIT_BYTES } from '../workshop/protocol';
import { fail, sha, type ServerContext } from './context';
import type { Store } from './db';
import { EventIntake } from './events';
import { FairUse, type FairUseOptions } from './fair-use';
import { Hub } from './hub';
import { SessionDeletions } from './deletion';
import { publicRoutes } from './routes/public';
import { staticRoutes } from './routes/static';
import { trainerRoutes } from './routes/trainer';
import { traineeRoutes } from './routes/trainee';
import type { ScenarioCatalog } from './scenarios';

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
  /** Fair-use limits (src/server/fair-use.ts); each one not given has its default. */
  fairUse?: FairUseOptions;
}

const HOUR_MS = 60 * 60 * 1000;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const intake = new EventIntake(store, catalog);
  const hub = new Hub();
  const fairUse = new FairUse(store, now, options.fairUse);

  const app = Fastify({
    ...fairUse.serverOptions(),
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    forceCloseConnections: true,
    // Fastify's defaults would quietly drop unknown properties and turn "3" into 3: a request that
    // doesn't match its schema exactly is refused instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    // A URL that can't be decoded is answered like every other refusal: a code and a sentence.
    // (It is sent before any hook, so it carries the security headers itself.)
    frameworkErrors: (error, _request, reply) => void fail(reply.headers(SECURITY_HEADERS), 400, 'bad-url', error.message),
  }).withTypeProvider<TypeBoxTypeProvider>();
  fairUse.watch(app.server);

  // Every answer, pages and API alike: a page elsewhere can't frame the game, nor sniff a type.
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

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
    const plain = status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'bad-request';
    if (status >= 400 && status < 500) return fail(reply, status, error.code ?? plain, error.message);
    console.error(`${request.method} ${request.url.split('?')[0]} failed:`, error);
    return fail(reply, 500, 'internal', 'The server could not do this; nothing was stored.');
  });
  app.setNotFoundHandler((request, reply) => fail(reply, 404, 'not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}`));

  // Deleting a session marks it (gone for every request at once), tells its dashboards, and then
  // removes its rows a slice at a time, answering other requests in between.
  const deletions = new SessionDeletions(store, {
    marked: (codes) => {
      intake.forget();
      for (const code of codes) {
        catalog.sessionChanged(store, code);
        hub.publish(code, { type: 'session-deleted' });
      }
    },
    deleted: (code, reason) => {
      if (reason === 'expired') options.onExpired?.([code]);
    },
  });

  // Sessions past their retention are deleted when the server is ready and every hour after (PDPA);
  // a deletion a restart cut short is taken up again. The rows go after the server is listening (the
  // sessions are out of every answer at once). A failed sweep (the disk full, say) is tried again
  // next time rather than stopping the workshop.
  const sweep = () => {
    deletions.sweep(now()).catch((error: unknown) => console.error('Deleting expired sessions failed:', error));
  };
  let sweeper: NodeJS.Timeout | undefined;
  // Trainers' files stored in sessions are compiled again in the worker, so the first request of a
  // session after a restart finds them ready (a request arriving sooner waits for its own).
  const compileStoredFiles = async () => {
    for (const session of store.allSessions()) await catalog.ready(store, session);
  };
  app.addHook('onReady', async () => {
    compileStoredFiles().catch((error: unknown) => console.error("Compiling trainers' stored files failed:", error));
    sweep();
    sweeper = setInterval(sweep, options.sweepEveryMs ?? HOUR_MS);
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await deletions.close();
  });

  const context: ServerContext = {
    store,
    catalog,
    intake,
    hub,
    now,
    trainerKeyHash: sha(options.trainerKey),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.onStored ? { onStored: options.onStored } : {}),
    deletions,
    fairUse,
  };
  await app.register(publicRoutes, { context });
  await app.register(traineeRoutes, { context });
  await app.register(trainerRoutes, { context });
  if (options.staticDir && existsSync(options.staticDir)) await app.register(staticRoutes, { root: options.staticDir });

  return app;
}
