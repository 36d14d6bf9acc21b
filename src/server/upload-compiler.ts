/**
 * Trainers' files are compiled in a worker thread with a time and a memory limit: a file built to
 * explode into states (or simply a very large one) costs that thread, never the server's, and is
 * stopped at the limit with a clear refusal. One worker, one file at a time; it is started when first
 * needed and started again after a file was stopped.
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../engine';
import type { LibraryEntry, PlayableScenario, ScenarioInfo } from '../library/entry';

/** A scenario ready to be played and checked: what the game receives for a session's own files. */
export type ReadyScenario = LibraryEntry & { info: ScenarioInfo; playable: PlayableScenario };

export interface UploadJob {
  file: string;
  text: string;
}

export interface UploadResult {
  scenario?: ReadyScenario;
  diagnostics: Diagnostic[];
}

export interface UploadLimits {
  /** How long one file may take; the shipped library's largest takes about a second. */
  timeMs: number;
  /** The worker's heap; compiling the largest shipped file needs well under 100 MB. */
  memoryMb: number;
}

export const UPLOAD_LIMITS: UploadLimits = { timeMs: 30_000, memoryMb: 512 };

/** A file stopped at a limit: `time` or `memory`. */
export class UploadTooLarge extends Error {
  constructor(readonly limit: 'time' | 'memory') {
    super(limit === 'time' ? 'checking the file took too long' : 'checking the file needed too much memory');
  }
}

/**
 * The worker runs the built upload-worker.mjs beside the built command (dist-cli/), or the TypeScript
 * source through tsx when the server itself runs from the sources (tests, a changed checkout).
 */
function startWorker(memoryMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./upload-worker.mjs', import.meta.url), options);
  const entry = new URL('./upload-worker.ts', import.meta.url).href;
  // Found from the project (the worker's working folder), as the server itself found tsx.
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(load, { ...options, eval: true });
}

/** How long a worker may take to load the engine before it is given up as broken. */
const START_LIMIT_MS = 60_000;

interface Started {
  worker: Worker;
  /** Resolves once the worker has loaded and listens for files. */
  ready: Promise<void>;
}

export class UploadCompiler {
  private worker: Started | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limits: UploadLimits = UPLOAD_LIMITS) {}

  /** Compiles one file; rejects with UploadTooLarge when it passes a limit. */
  compile(file: string, text: string): Promise<UploadResult> {
    const job = this.queue.then(() => this.run({ file, text }));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private start(): Started {
    const worker = startWorker(this.limits.memoryMb);
    const started: Started = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the compiling worker did not start')), START_LIMIT_MS);
        worker.once('message', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.once('error', (error: Error & { code?: string }) => {
          clearTimeout(timer);
          reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new UploadTooLarge('memory') : error);
        });
        worker.once('exit', () => {
          clearTimeout(timer);
          reject(new Error('the compiling worker stopped while starting'));
        });
      }),
    };
    // Between jobs too: a worker that fails is let go (an error with no listener would stop the server).
    const forget = () => {
      if (this.worker === started) this.worker = undefined;
    };
    worker.on('error', forget).on('exit', forget);
    return started;
  }

  private async run(job: UploadJob): Promise<UploadResult> {
    const started = (this.worker ??= this.start());
    const { worker } = started;
    worker.ref();
    try {
      await started.ready;
    } catch (error) {
      this.worker = undefined;
      void worker.terminate();
      throw error;
    }
    return new Promise<UploadResult>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        outcome();
      };
      const stop = (error: Error) => {
        this.worker = undefined;
        void worker.terminate();
        settle(() => reject(error));
      };
      const onMessage = (result: UploadResult) => settle(() => resolve(result));
      const onError = (error: Error & { code?: string }) =>
        stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new UploadTooLarge('memory') : error);
      const onExit = () => stop(new Error('the compiling worker stopped'));
      const timer = setTimeout(() => stop(new UploadTooLarge('time')), this.limits.timeMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    }).finally(() => worker.unref());
  }
}
