/**
 * The trainer's side of the workshop API. Every call carries the trainer key as a bearer token; the
 * key lives in sessionStorage, so it is gone when the browser tab closes.
 */
import type { LibraryEntry, PlayableScenario, ScenarioInfo } from '../library/entry';
import type { CreateSessionRequest, ErrorReply, SessionSnapshot, SessionSummary, WorkshopHello } from '../workshop/protocol';

const KEY_STORAGE = 'prasan-trainer-key';

export function storedKey(): string | undefined {
  return sessionStorage.getItem(KEY_STORAGE) ?? undefined;
}

export function storeKey(key: string | undefined): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** A reply the server refused, with its reason; status 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reply: ErrorReply | undefined,
    /** Seconds to wait, when the server said (429: refused for now). */
    readonly retryAfter?: number,
  ) {
    super(reply?.message ?? (status === 0 ? 'network' : `HTTP ${status}`));
  }
}

/** What the library lists of each shipped scenario. */
export type LibraryItem = Pick<LibraryEntry, 'id' | 'menuStrings'> & { info: ScenarioInfo };
/** A session's scenario with its content. */
export type SessionScenario = LibraryEntry & { info: ScenarioInfo; playable: PlayableScenario };

export class TrainerApi {
  constructor(
    readonly key: string,
    /** Called when the server says the key is wrong (it restarted with another one). */
    private readonly onRefused: () => void = () => undefined,
  ) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.key}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers, cache: 'no-store' });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, undefined);
    }
    if (response.ok) return response;
    const reply = (await response.json().catch(() => undefined)) as ErrorReply | undefined;
    if (response.status === 401) this.onRefused();
    throw new ApiError(response.status, reply, Number(response.headers.get('retry-after')) || undefined);
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.fetch(path, init);
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  hello(): Promise<WorkshopHello & { publicUrl?: string }> {
    return this.json('api/workshop');
  }

  library(): Promise<LibraryItem[]> {
    return this.json('api/trainer/library');
  }

  sessions(): Promise<SessionSummary[]> {
    return this.json('api/trainer/sessions');
  }

  createSession(request: CreateSessionRequest): Promise<SessionSummary> {
    return this.json('api/trainer/sessions', { method: 'POST', body: JSON.stringify(request) });
  }

  setRetention(code: string, retentionDays: number): Promise<SessionSummary> {
    return this.json(`api/trainer/sessions/${code}`, { method: 'PATCH', body: JSON.stringify({ retentionDays }) });
  }

  deleteSession(code: string): Promise<void> {
    return this.json(`api/trainer/sessions/${code}`, { method: 'DELETE' });
  }

  /** Closes joining, or opens it until midnight (the server's clock). */
  setJoining(code: string, open: boolean): Promise<SessionSummary> {
    return this.json(`api/trainer/sessions/${code}/joining`, { method: 'POST', body: JSON.stringify({ open }) });
  }

  /** Gives the session a new join code (the old one stops working); the summary has the new one. */
  newCode(code: string): Promise<SessionSummary> {
    return this.json(`api/trainer/sessions/${code}/new-code`, { method: 'POST' });
  }

  /** The trainee's key stops working; their runs are kept in the results or deleted. */
  removeTrainee(code: string, trainee: string, data: 'keep' | 'delete'): Promise<void> {
    return this.json(`api/trainer/sessions/${code}/trainees/${trainee}?data=${data}`, { method: 'DELETE' });
  }

  snapshot(code: string): Promise<SessionSnapshot> {
    return this.json(`api/trainer/sessions/${code}`);
  }

  scenario(code: string, id: string): Promise<SessionScenario> {
    return this.json(`api/trainer/sessions/${code}/scenarios/${id}`);
  }

  /** Sends a trainer's file; a 422 (the file has errors) comes back as an ApiError with diagnostics. */
  upload(code: string, file: string, text: string): Promise<{ scenario: { id: string; version: number }; diagnostics: unknown[] }> {
    return this.json(`api/trainer/sessions/${code}/scenarios`, { method: 'POST', body: JSON.stringify({ file, text }) });
  }

  stream(code: string, signal: AbortSignal): Promise<Response> {
    return this.fetch(`api/trainer/sessions/${code}/stream`, { signal, headers: { accept: 'text/event-stream' } });
  }

  /** Fetches a file with the key (a plain link can't send it) and hands it to the browser to save. */
  async download(path: string, fallbackName: string): Promise<void> {
    const response = await this.fetch(path);
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
