/**
 * What the workshop server's route plugins share: the store, the scenarios, the live hub, the clock,
 * and the few helpers every route uses to answer. Built once by `buildServer`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { SessionSummary, TraineeSessionView } from '../workshop/protocol';
import type { SessionRow, Store } from './db';
import type { SessionDeletions } from './deletion';
import type { EventIntake } from './events';
import type { FairUse } from './fair-use';
import type { Hub } from './hub';
import type { ScenarioCatalog } from './scenarios';

export interface ServerContext {
  store: Store;
  catalog: ScenarioCatalog;
  intake: EventIntake;
  hub: Hub;
  now: () => Date;
  /** The trainer key's hash: the key itself is never kept. */
  trainerKeyHash: Buffer;
  /** The address trainees use, when it was given at start (else each request's own). */
  publicUrl?: string;
  /** Called after events are stored (LRS forwarding wakes up). */
  onStored?: () => void;
  /** Deletes sessions without holding up other requests. */
  deletions: SessionDeletions;
  /** Limits per trainee and per address (src/server/fair-use.ts). */
  fairUse: FairUse;
}

export function sha(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** A refusal with a stable code and a sentence (and sometimes more, e.g. a file's diagnostics). */
export function fail(reply: FastifyReply, status: number, error: string, message: string, extra: object = {}) {
  return reply.code(status).send({ error, message, ...extra });
}

/** A session's summary with the versions of its scenarios as served now (the library may be newer than the session). */
export function summaryOf(context: ServerContext, session: SessionRow): SessionSummary {
  const summary = context.store.summary(session);
  const served = context.catalog.ofSession(context.store, session);
  return { ...summary, scenarios: summary.scenarios.map((s) => ({ ...s, version: served.get(s.id)?.info.version ?? s.version })) };
}

/** What a trainee may know of their session. */
export function sessionView(context: ServerContext, session: SessionRow): TraineeSessionView {
  const summary = summaryOf(context, session);
  return { code: summary.code, title: summary.title, retentionDays: summary.retentionDays, scenarios: summary.scenarios };
}

/** Where trainees go: the configured address, or else the one this request came to. */
export function publicUrlOf(context: ServerContext, request: FastifyRequest): string {
  return context.publicUrl ?? `${request.protocol}://${request.host}`;
}
