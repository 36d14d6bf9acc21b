/**
 * Compiles a scenario file a trainer opened from disk, off the page's main thread: exploring a large
 * scenario's states can take seconds, and the page must stay responsive meanwhile.
 */
import { compileBytes } from '../engine';
import { entryOf, type LibraryEntry } from '../library/entry';

self.onmessage = (event: MessageEvent<{ file: string; bytes: ArrayBuffer }>) => {
  const { file, bytes } = event.data;
  const { compiled, diagnostics } = compileBytes(file, new Uint8Array(bytes));
  const entry: LibraryEntry = compiled
    ? { ...entryOf(file, compiled, diagnostics), fromDisk: true }
    : { file, id: file.replace(/\.ya?ml$/, ''), fromDisk: true, diagnostics };
  self.postMessage(entry);
};
