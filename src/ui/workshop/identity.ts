/**
 * Who this browser is in a workshop: the join code, the trainee's key (their secret for every
 * request), the trainee and the session as the server last described them, and the scenarios the
 * trainee has finished. Kept in localStorage so a reload, another tab or a dropped network keeps it.
 */
import type { MeReply, TraineeIdentity, TraineeSessionView } from '../../workshop/protocol';
import { isRecord, readStored, removeStored, writeStored, type KeyValueStorage } from './ports';

export const IDENTITY_KEY = 'prasan.workshop.v1';

export interface WorkshopIdentity {
  code: string;
  key: string;
  trainee: TraineeIdentity;
  session: TraineeSessionView;
  /** Scenario ids finished in this session: the server's list plus runs finished here. */
  finished: string[];
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isTrainee(value: unknown): value is TraineeIdentity {
  return isRecord(value) && isString(value['id']) && isString(value['name']) && isString(value['pseudonym']);
}

function isSessionView(value: unknown): value is TraineeSessionView {
  if (!isRecord(value) || !isString(value['code']) || typeof value['title'] !== 'string' || typeof value['retentionDays'] !== 'number')
    return false;
  const scenarios = value['scenarios'];
  return (
    Array.isArray(scenarios) &&
    scenarios.every((s) => isRecord(s) && isString(s['id']) && typeof s['version'] === 'number' && typeof s['uploaded'] === 'boolean')
  );
}

/** The stored identity, or undefined when there is none or it can't be read (a damaged one is ignored). */
export function readIdentity(storage: KeyValueStorage): WorkshopIdentity | undefined {
  const stored = readStored(storage, IDENTITY_KEY);
  if (!isRecord(stored)) return undefined;
  const { code, key, trainee, session, finished } = stored;
  if (!isString(code) || !isString(key) || !isTrainee(trainee) || !isSessionView(session)) return undefined;
  return { code, key, trainee, session, finished: Array.isArray(finished) ? finished.filter(isString) : [] };
}

export function writeIdentity(storage: KeyValueStorage, identity: WorkshopIdentity): boolean {
  return writeStored(storage, IDENTITY_KEY, identity);
}

export function forgetIdentity(storage: KeyValueStorage): void {
  removeStored(storage, IDENTITY_KEY);
}

/** The identity brought up to date by `GET api/me`, keeping what this browser finished meanwhile. */
export function refreshed(identity: WorkshopIdentity, me: MeReply): WorkshopIdentity {
  return {
    ...identity,
    trainee: me.trainee,
    session: me.session,
    finished: [...new Set([...me.finished, ...identity.finished])],
  };
}

/** Records a finished scenario (its result is on its way), re-reading storage so another tab's news stays. */
export function markFinished(storage: KeyValueStorage, scenario: string): WorkshopIdentity | undefined {
  const identity = readIdentity(storage);
  if (!identity || identity.finished.includes(scenario)) return identity;
  const updated = { ...identity, finished: [...identity.finished, scenario] };
  writeIdentity(storage, updated);
  return updated;
}
