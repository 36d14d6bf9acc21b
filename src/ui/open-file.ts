/** Opening a trainer's own scenario file (file picker or drag-and-drop) and compiling it in a worker. */
import { registerScenarioStrings } from '../i18n';
import type { LibraryEntry } from '../library/entry';

export function compileFromDisk(file: File): Promise<LibraryEntry> {
  return file.arrayBuffer().then(
    (bytes) =>
      new Promise<LibraryEntry>((resolve, reject) => {
        const worker = new Worker(new URL('./compile-worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<LibraryEntry>) => {
          worker.terminate();
          const entry = event.data;
          if (entry.playable) registerScenarioStrings(entry.playable.model.id, entry.playable.strings);
          resolve(entry);
        };
        worker.onerror = (error) => {
          worker.terminate();
          reject(new Error(error.message));
        };
        worker.postMessage({ file: file.name, bytes }, [bytes]);
      }),
  );
}

/** Calls `onFiles` with the .yaml files dropped anywhere on `target`. */
export function acceptDrops(target: HTMLElement, onFiles: (files: File[]) => void): void {
  target.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    target.classList.add('dropping');
  });
  target.addEventListener('dragleave', () => target.classList.remove('dropping'));
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    target.classList.remove('dropping');
    const files = [...(event.dataTransfer?.files ?? [])].filter((f) => /\.ya?ml$/i.test(f.name));
    if (files.length > 0) onFiles(files);
  });
}
