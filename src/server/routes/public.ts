/** Routes anyone on the network may call: is a workshop here, what a join code is, and joining. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import {
  JoinCode,
  JoinRequest,
  MAX_TRAINEES_PER_SESSION,
  isShowableName,
  type JoinReply,
  type SessionPreview,
  type WorkshopHello,
} from '../../workshop/protocol';
import { fail, publicUrlOf, sessionView, type ServerContext } from '../context';
import { traineeRecord, type SessionRow } from '../db';

export const CodeParams = Type.Object({ code: JoinCode });

/** Joining ends with the day the session was opened, or when the trainer closes it, until reopened. */
const joiningClosed = (session: SessionRow, at: Date) => Date.parse(session.join_until) <= at.getTime();
const CLOSED_MESSAGE = 'Joining this session is closed; ask the trainer to open it.';

export const publicRoutes: FastifyPluginAsyncTypebox<{ context: ServerContext }> = async (app, { context }) => {
  const { store, hub, now } = context;
  // Per address, before anything is read: guessing codes or filling a session is this slow.
  const { lookupHook, joinHook } = context.fairUse;

  app.get('/api/workshop', async (request): Promise<WorkshopHello> => ({
    app: 'prasan-workshop',
    version: '1',
    publicUrl: publicUrlOf(context, request),
  }));

  app.get('/api/join/:code', { onRequest: lookupHook, schema: { params: CodeParams } }, async (request, reply) => {
    const session = store.session(request.params.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    // Said at the code, before the privacy notice and the name are asked for.
    if (joiningClosed(session, now())) return fail(reply, 403, 'joining-closed', CLOSED_MESSAGE);
    const preview: SessionPreview = { code: session.code, title: session.title, retentionDays: session.retention_days };
    return preview;
  });

  app.get('/api/join/:code/qr.svg', { onRequest: lookupHook, schema: { params: CodeParams } }, async (request, reply) => {
    const session = store.session(request.params.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    const svg = await QRCode.toString(`${publicUrlOf(context, request)}/?join=${session.code}`, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  app.post('/api/join', { onRequest: joinHook, schema: { body: JoinRequest } }, async (request, reply) => {
    const session = store.session(request.body.code);
    if (!session) return fail(reply, 404, 'unknown-code', 'No session has this code.');
    if (joiningClosed(session, now())) return fail(reply, 403, 'joining-closed', CLOSED_MESSAGE);
    if (store.traineeCount(session) >= MAX_TRAINEES_PER_SESSION) {
      return fail(reply, 409, 'session-full', `This session already has ${MAX_TRAINEES_PER_SESSION} trainees.`);
    }
    const name = request.body.name.trim();
    if (!isShowableName(name)) return fail(reply, 400, 'bad-name', 'A display name needs a letter or digit the room can see.');
    const key = randomBytes(24).toString('base64url');
    const trainee = store.addTrainee(session, randomUUID(), name, key, now());
    hub.publish(session.code, { type: 'joined', trainee: traineeRecord(trainee) });
    const joined: JoinReply = {
      trainee: { id: trainee.id, name: trainee.name, pseudonym: trainee.pseudonym },
      key,
      session: sessionView(context, session),
    };
    return reply.code(201).send(joined);
  });
};
