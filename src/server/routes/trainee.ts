/** A trainee's own routes, with the key their join gave them: who they are, their scenarios, their events. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventBatch, ScenarioId, type EventBatchReply, type MeReply } from '../../workshop/protocol';
import { bearer, fail, sessionView, type ServerContext } from '../context';
import type { SessionRow, TraineeRow } from '../db';
import { refuse } from '../fair-use';
import { forTrainees } from '../scenarios';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on a trainee's routes once their key is known, with their session. */
    trainee?: TraineeRow;
    session?: SessionRow;
  }
}

const SEEN_EVERY_MS = 15_000;
const MyScenarioParams = Type.Object({ scenario: ScenarioId });

export const traineeRoutes: FastifyPluginAsyncTypebox<{ context: ServerContext }> = async (app, { context }) => {
  const { store, catalog, hub, intake, now } = context;

  // Keys are checked when a request arrives, before its body is read or validated.
  const lastSeen = new Map<string, number>();
  const asTrainee = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = bearer(request);
    const trainee = key ? store.traineeByKey(key) : undefined;
    if (!trainee) return fail(reply, 401, 'unknown-trainee', 'Join the session again: this key is not known.');
    const session = store.sessionOf(trainee);
    request.trainee = trainee;
    request.session = session;
    // The session's own files compiled (after a restart, in the worker) before its events are judged.
    await catalog.ready(store, session);
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
  app.addHook('onRequest', asTrainee);

  app.get('/api/me', async (request): Promise<MeReply> => {
    const trainee = request.trainee!;
    return {
      trainee: { id: trainee.id, name: trainee.name, pseudonym: trainee.pseudonym },
      session: sessionView(context, request.session!),
      finished: store.finishedScenarios(trainee),
    };
  });

  app.get('/api/me/scenarios/:scenario', { schema: { params: MyScenarioParams } }, async (request, reply) => {
    const scenario = catalog.ofSession(store, request.session!).get(request.params.scenario);
    if (!scenario) return fail(reply, 404, 'unknown-scenario', 'This session has no such scenario.');
    return forTrainees(scenario);
  });

  app.post('/api/events', { schema: { body: EventBatch } }, async (request, reply) => {
    const session = request.session!;
    // Over the trainee's event rate or unfinished-run cap: refused for now, nothing stored (the outbox waits and sends again).
    const admitted = context.fairUse.admitEvents(request.trainee!, request.body.events, now());
    if ('refused' in admitted) return refuse(reply, admitted.refused);
    const { acks, changedRuns } = await intake.submit(request.trainee!, session, request.body.events, now()).finally(admitted.release);
    // Each changed run goes to the session's dashboards whole (read back only if one is watching).
    for (const run of hub.watching(session.code) > 0 ? changedRuns : []) {
      const record = store.runRecord(run);
      if (record) hub.publish(session.code, { type: 'run', run: record });
    }
    if (changedRuns.length > 0) context.onStored?.();
    const body: EventBatchReply = { results: acks };
    // Stored and duplicate events are safe to forget; a rejected one can never be stored, and says why.
    return reply.code(acks.some((a) => a.status === 'rejected') ? 422 : 200).send(body);
  });
};
