/**
 * The workshop's wire format, shared by the server (which validates every request against these
 * schemas) and the game and dashboard (which send and read them). Plain TypeBox: JSON Schema at run
 * time, TypeScript types at compile time. No Node, no DOM.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERN, MAX_CHOICES, MAX_VERSION, TIMER_SETTINGS } from '../engine';
import { JOIN_CODE_PATTERN, MAX_EVENTS_PER_BATCH, SCENARIO_UPLOAD_LIMIT_BYTES, UUID_PATTERN } from './limits';

export * from './limits';

export const JoinCode = Type.String({ pattern: JOIN_CODE_PATTERN });
export const Uuid = Type.String({ pattern: UUID_PATTERN });

/** Scenario, node and choice ids as the format writes them (`timeout` for a timer is one too). */
export const ScenarioId = Type.String({ pattern: ID_PATTERN });
const NodeId = Type.String({ pattern: ID_PATTERN });
const IsoTime = Type.String({ format: 'date-time', maxLength: 40 });

/**
 * Text a person typed that others see (names, titles): no control characters, and none of the
 * invisible marks that reorder text (a right-to-left override would garble a name on the projector).
 */
const PLAIN_TEXT = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';

/** A display name: what the room sees. Trimmed, 1–40 characters, plain text. */
const DisplayName = Type.String({ minLength: 1, maxLength: 40, pattern: `^[^${PLAIN_TEXT}]+$` });

const RetentionDays = Type.Integer({ minimum: 1, maximum: 3650 });

// ---- events: what a trainee's game sends ------------------------------------------------------

const EventBase = {
  /** Made by the client; a retry with the same id is stored once. */
  id: Uuid,
  /** One play of one scenario, made by the client when the run starts. */
  run: Uuid,
  scenario: ScenarioId,
  // The same limit as the scenario format's: any file that checks can be played in a workshop.
  version: Type.Integer({ minimum: 1, maximum: MAX_VERSION }),
  at: IsoTime,
};

const StartEvent = Type.Object(
  {
    ...EventBase,
    kind: Type.Literal('start'),
    language: Type.String({ pattern: '^[a-z]{2}$' }),
    timer: Type.Union(TIMER_SETTINGS.map((t) => Type.Literal(t))),
  },
  { additionalProperties: false },
);

const DecisionEvent = Type.Object(
  {
    ...EventBase,
    kind: Type.Literal('decision'),
    /** The step's index in the run's path, from 0. */
    seq: Type.Integer({ minimum: 0, maximum: 999 }),
    node: NodeId,
    /** The choice id, or `timeout`. */
    choice: NodeId,
    /**
     * Where the choice stood among those shown, 1 = first (none for a timer). The order is drawn
     * from the run's id, which is its seed, so the server checks this against its own.
     */
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CHOICES })),
  },
  { additionalProperties: false },
);

const ResultEvent = Type.Object(
  {
    ...EventBase,
    kind: Type.Literal('result'),
    /** How many decisions the run made; the server scores the run itself from the stored ones. */
    steps: Type.Integer({ minimum: 0, maximum: 1000 }),
    /** The ending node, or null when the run stopped where nothing was offered. */
    ending: Type.Union([NodeId, Type.Null()]),
  },
  { additionalProperties: false },
);

export const WorkshopEvent = Type.Union([StartEvent, DecisionEvent, ResultEvent]);
export type WorkshopEvent = Static<typeof WorkshopEvent>;
type DecisionEvent = Static<typeof DecisionEvent>;

export const EventBatch = Type.Object(
  { events: Type.Array(WorkshopEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
  { additionalProperties: false },
);
export type EventBatch = Static<typeof EventBatch>;

/**
 * What the server did with each event. `stored` and `duplicate` both mean "the server has it": the
 * outbox may forget it. `rejected` events can never be stored (forged, or not offered there).
 */
type EventStatus = 'stored' | 'duplicate' | 'rejected';
export interface EventAck {
  id: string;
  status: EventStatus;
  /** Why an event was rejected: a stable code, e.g. `run-conflict`, `not-offered`, `out-of-order`. */
  reason?: string;
}
export interface EventBatchReply {
  results: EventAck[];
}

// ---- joining -------------------------------------------------------------------------------

export const JoinRequest = Type.Object({ code: JoinCode, name: DisplayName }, { additionalProperties: false });
export type JoinRequest = Static<typeof JoinRequest>;

/** What a trainee may know of their session. */
export interface TraineeSessionView {
  code: string;
  title: string;
  retentionDays: number;
  scenarios: { id: string; version: number; uploaded: boolean }[];
}

export interface TraineeIdentity {
  id: string;
  name: string;
  /** The name exports and the dashboard use unless the trainer asks for names (PDPA). */
  pseudonym: string;
}

export interface JoinReply {
  trainee: TraineeIdentity;
  /** The trainee's secret: every later request carries it as `Authorization: Bearer <key>`. */
  key: string;
  session: TraineeSessionView;
}

/** Before joining: enough to show the privacy notice and the session's title. */
export interface SessionPreview {
  code: string;
  title: string;
  retentionDays: number;
}

export interface MeReply {
  trainee: TraineeIdentity;
  session: TraineeSessionView;
  /** Scenario ids this trainee has finished in this session. */
  finished: string[];
}

export interface WorkshopHello {
  app: 'prasan-workshop';
  version: string;
  /** The address trainees open (what the join QR code holds), for the dashboard to show. */
  publicUrl?: string;
}

// ---- the trainer's side ----------------------------------------------------------------------

export const CreateSessionRequest = Type.Object(
  {
    title: Type.String({ maxLength: 120, pattern: `^[^${PLAIN_TEXT}]*$` }),
    scenarios: Type.Array(ScenarioId, { minItems: 1, maxItems: 50, uniqueItems: true }),
    retentionDays: Type.Optional(RetentionDays),
  },
  { additionalProperties: false },
);
export type CreateSessionRequest = Static<typeof CreateSessionRequest>;

export const UploadScenarioRequest = Type.Object(
  { file: Type.String({ minLength: 1, maxLength: 200 }), text: Type.String({ maxLength: SCENARIO_UPLOAD_LIMIT_BYTES }) },
  { additionalProperties: false },
);
export type UploadScenarioRequest = Static<typeof UploadScenarioRequest>;

export const UpdateSessionRequest = Type.Object({ retentionDays: RetentionDays }, { additionalProperties: false });

/** Closes joining, or opens it again until the end of the day (the server's clock). */
export const JoiningRequest = Type.Object({ open: Type.Boolean() }, { additionalProperties: false });

/** Removing a trainee: `keep` keeps their runs in the results and exports, `delete` deletes them. */
export const RemoveTraineeQuery = Type.Object(
  { data: Type.Union([Type.Literal('keep'), Type.Literal('delete')]) },
  { additionalProperties: false },
);

export interface SessionSummary {
  code: string;
  title: string;
  createdAt: string;
  retentionDays: number;
  /** When the session and everything in it is deleted. */
  expiresAt: string;
  /** Until when the join code lets people join: the end of the day it was opened; a past time when closed. */
  joinUntil: string;
  scenarios: { id: string; version: number; uploaded: boolean }[];
  trainees: number;
}

export interface TraineeRecord {
  id: string;
  name: string;
  pseudonym: string;
  joinedAt: string;
  lastSeenAt: string;
  /** Set when the trainer removed them and kept their runs: their key no longer works. */
  removedAt?: string;
}

export interface RunRecord {
  id: string;
  trainee: string;
  scenario: string;
  version: number;
  language: string | null;
  startedAt: string;
  /** The run's id is also the seed of its order of choices (see the engine's order.ts). */
  steps: { seq: number; node: string; choice: string; at: string }[];
  /** Set when the result event has arrived. */
  result: { ending: string | null; endingKind: string | null; skills: Record<string, number>; finishedAt: string } | null;
}

/** Everything the dashboard shows of one session; live changes then come as stream messages. */
export interface SessionSnapshot {
  session: SessionSummary;
  trainees: TraineeRecord[];
  runs: RunRecord[];
}

/** One message on the dashboard's live stream (server-sent events, `data:` is this as JSON). */
export type StreamMessage =
  | { type: 'joined'; trainee: TraineeRecord }
  | { type: 'seen'; trainee: string; at: string }
  | { type: 'run'; run: RunRecord }
  | { type: 'scenario-added'; scenario: { id: string; version: number; uploaded: boolean } }
  /** Joining was closed or opened, or the session has a new join code (the stream goes on under it). */
  | { type: 'session'; session: SessionSummary }
  /** With `dataDeleted`, the trainee and their runs are gone; else they are kept, marked removed. */
  | { type: 'trainee-removed'; trainee: string; at: string; dataDeleted: boolean }
  | { type: 'session-deleted' };

export interface ErrorReply {
  error: string;
  message: string;
  diagnostics?: unknown[];
  /** For `version-not-raised`: the version the session has now. */
  current?: number;
  /** For `scenario-too-large`: which of the upload worker's limits the file passed. */
  limit?: 'time' | 'memory';
}
