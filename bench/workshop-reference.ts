/**
 * The reference for `npm run bench:workshop`: a bare Fastify server with the workshop's routes and
 * body limit that parses each JSON body and answers at once — no schema, no key check, no engine, no
 * SQLite, no stream. Driven by the same trainees in the same run, it shows what HTTP and JSON alone
 * cost on this machine, so the workshop's figures can be read as ratios to it.
 *
 * Run as a child process: node --import tsx bench/workshop-reference.ts --port N
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { BODY_LIMIT_BYTES, type EventBatch, type EventBatchReply, type JoinReply, type WorkshopHello } from '../src/workshop/protocol';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: false, forceCloseConnections: true });

app.get('/api/workshop', async (): Promise<WorkshopHello> => ({ app: 'prasan-workshop', version: '1' }));

app.post('/api/join', async (request, reply) => {
  const { code, name } = request.body as { code: string; name: string };
  const id = randomUUID();
  const joined: JoinReply = {
    trainee: { id, name, pseudonym: 'reference' },
    key: id,
    session: { code, title: 'reference', retentionDays: 90, scenarios: [] },
  };
  return reply.code(201).send(joined);
});

app.post('/api/events', async (request) => {
  const { events } = request.body as EventBatch;
  const reply: EventBatchReply = { results: events.map((e) => ({ id: e.id, status: 'stored' })) };
  return reply;
});

await app.listen({ host: '127.0.0.1', port: Number(values.port ?? 0) });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
