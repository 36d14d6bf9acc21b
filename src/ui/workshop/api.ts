/**
 * The trainee's side of the workshop API (src/server/app.ts), over an injected fetch. Every call has
 * a time limit and ends in a result, never a throw: a venue network that drops is the normal case.
 * Paths are relative: the game is built with base './' and the server serves it at its root.
 */
import { JOIN_CODE_PATTERN } from '../../workshop/limits';
import type { JoinReply, MeReply, SessionPreview } from '../../workshop/protocol';
import type { LibraryEntry } from '../../library/entry';
import { isRecord, type FetchLike } from './ports';

/** Why a call gave nothing: no answer, an answer saying no, or an answer that made no sense. */
export type ApiProblem = 'network' | 'unknown-code' | 'unauthorized' | 'invalid' | 'session-full' | 'busy' | 'joining-closed' | 'server';
export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

/** How long the boot-time check waits: a page on a static host must not wait for an absent server. */
const HELLO_TIMEOUT_MS = 2000;
const CALL_TIMEOUT_MS = 10_000;

/** A fetch that gives up after `ms`. Rejects like fetch does on a network error. */
export async function timedFetch(fetchImpl: FetchLike, url: string, init: RequestInit, ms: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetchImpl(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

export class WorkshopApi {
  constructor(
    private readonly fetchImpl: FetchLike,
    private readonly base = 'api/',
  ) {}

  /** True when a workshop server answers here (not a static host's index.html, not a 404). */
  async hello(): Promise<boolean> {
    const result = await this.call<unknown>('workshop', {}, HELLO_TIMEOUT_MS);
    return result.ok && isRecord(result.value) && result.value['app'] === 'prasan-workshop';
  }

  preview(code: string): Promise<ApiResult<SessionPreview>> {
    return this.call(`join/${encodeURIComponent(code)}`, {}, CALL_TIMEOUT_MS, (v) => isRecord(v) && typeof v['retentionDays'] === 'number');
  }

  join(code: string, name: string): Promise<ApiResult<JoinReply>> {
    return this.call(
      'join',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) },
      CALL_TIMEOUT_MS,
      (v) => isRecord(v) && typeof v['key'] === 'string' && isRecord(v['trainee']) && isRecord(v['session']),
    );
  }

  me(key: string): Promise<ApiResult<MeReply>> {
    return this.call(
      'me',
      { headers: { authorization: `Bearer ${key}` } },
      CALL_TIMEOUT_MS,
      (v) => isRecord(v) && Array.isArray(v['finished']),
    );
  }

  /** A trainer's own scenario of the session, compiled by the server: ready to play. */
  scenario(key: string, id: string): Promise<ApiResult<LibraryEntry>> {
    return this.call(
      `me/scenarios/${encodeURIComponent(id)}`,
      { headers: { authorization: `Bearer ${key}` } },
      CALL_TIMEOUT_MS,
      (v) => isRecord(v) && v['id'] === id && isRecord(v['info']) && isRecord(v['playable']),
    );
  }

  private async call<T>(
    path: string,
    init: RequestInit,
    ms: number,
    looksRight: (value: unknown) => boolean = () => true,
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await timedFetch(this.fetchImpl, this.base + path, init, ms);
    } catch {
      return { ok: false, problem: 'network' };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401) return { ok: false, problem: 'unauthorized' };
    // Too many joins or code lookups from this address just now (src/server/fair-use.ts).
    if (response.status === 429) return { ok: false, problem: 'busy' };
    if (response.status === 404 && isRecord(body) && body['error'] === 'unknown-code') return { ok: false, problem: 'unknown-code' };
    if (response.status === 400) return { ok: false, problem: 'invalid' };
    // The trainer closed joining, or the day the session was opened is over.
    if (response.status === 403 && isRecord(body) && body['error'] === 'joining-closed') return { ok: false, problem: 'joining-closed' };
    if (response.status === 409 && isRecord(body) && body['error'] === 'session-full') return { ok: false, problem: 'session-full' };
    if (!response.ok || body === undefined || !looksRight(body)) return { ok: false, problem: 'server' };
    return { ok: true, value: body as T };
  }
}

/** A join code as typed: letters upper-cased, spaces and dashes dropped. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** A code as the server accepts it (checked here first, so a typo is caught before a request). */
export const JOIN_CODE = new RegExp(JOIN_CODE_PATTERN);
