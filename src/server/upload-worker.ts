/**
 * Compiles a trainer's scenario file in a worker thread (see upload-compiler.ts): exploring a large
 * file's states takes seconds and memory, and the server's own thread must keep answering the room.
 */
import { parentPort } from 'node:worker_threads';
import { compileBytes } from '../engine';
import { entryOf } from '../library/entry';
import type { UploadJob, UploadResult } from './upload-compiler';

parentPort!.on('message', ({ file, text }: UploadJob) => {
  const { compiled, diagnostics } = compileBytes(file, new TextEncoder().encode(text));
  const result: UploadResult = compiled ? { scenario: entryOf(file, compiled, diagnostics), diagnostics } : { diagnostics };
  parentPort!.postMessage(result);
});
// Loaded and listening: the compiler's clock for a file starts now, not while the engine loads.
parentPort!.postMessage('ready');
