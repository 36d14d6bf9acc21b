/**
 * Compiles a scenario file a trainer opened from disk, off the page's main thread: exploring a large
 * scenario's states can take seconds, and the page must stay responsive meanwhile.
 */
import { compileBytes } from '../engine';
import { infoOf, type LibraryEntry } from './library-types';

self.onmessage = (event: MessageEvent<{ file: string; bytes: ArrayBuffer }>) => {
  const { file, bytes } = event.data;
  const { compiled, diagnostics } = compileBytes(file, new Uint8Array(bytes));
  const entry: LibraryEntry = compiled
    ? {
        file,
        id: compiled.model.id,
        fromDisk: true,
        info: infoOf(compiled.model),
        playable: { model: compiled.model, strings: compiled.strings, attainable: compiled.exploration.max, lowest: compiled.exploration.min },
        diagnostics,
      }
    : { file, id: file.replace(/\.ya?ml$/, ''), fromDisk: true, diagnostics };
  self.postMessage(entry);
};
