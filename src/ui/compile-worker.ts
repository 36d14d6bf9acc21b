/**
 * Compiles a scenario file a trainer opened from disk, off the page's main thread: exploring a large
 * scenario's states can take seconds, and the page must stay responsive meanwhile.
 */
import { compileScenario, MAX_FILE_BYTES, MESSAGES, type Diagnostic } from '../engine';
import { infoOf, type LibraryEntry } from './library-types';

function fileProblem(file: string, code: 'PRS001' | 'PRS002', params: Diagnostic['params']): LibraryEntry {
  return { file, id: file.replace(/\.ya?ml$/, ''), fromDisk: true, diagnostics: [{ file, line: 1, column: 1, severity: MESSAGES[code].severity, code, params }] };
}

self.onmessage = (event: MessageEvent<{ file: string; bytes: ArrayBuffer }>) => {
  const { file, bytes } = event.data;
  let entry: LibraryEntry;
  if (bytes.byteLength > MAX_FILE_BYTES) entry = fileProblem(file, 'PRS001', { size: bytes.byteLength, limit: MAX_FILE_BYTES });
  else {
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
    if (text === undefined) entry = fileProblem(file, 'PRS002', {});
    else {
      const { compiled, diagnostics } = compileScenario(file, text);
      entry = compiled
        ? {
            file,
            id: compiled.model.id,
            fromDisk: true,
            info: infoOf(compiled.model),
            playable: { model: compiled.model, strings: compiled.strings, attainable: compiled.exploration.max, lowest: compiled.exploration.min },
            diagnostics,
          }
        : { file, id: file.replace(/\.ya?ml$/, ''), fromDisk: true, diagnostics };
    }
  }
  self.postMessage(entry);
};
