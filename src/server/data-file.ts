/**
 * The workshop's data file, guarded. Before the server starts: its folder can be made and written,
 * the file can be written, and no other server uses it (a lock). While it runs: the file is still the
 * one it opened (not deleted, not replaced by another). Each problem is one line for the trainer.
 *
 * The lock is a small SQLite file beside the data file (`prasan.sqlite.lock`), held open in SQLite's
 * exclusive locking mode: the operating system lets go of it when the process ends, however it ends
 * (kill -9 too), so a crashed server never leaves a stale lock behind.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Db } from './db';

type Opened = { db: Db; lock: Db } | { problem: string };

/** Why a file operation failed, in a few words (the code's own message has the path already). */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}

/** Takes the lock beside `file`; undefined when another server holds it. */
function takeLock(file: string): Db | undefined {
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    // Exclusive mode keeps the lock from the first write until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = MEMORY');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, since TEXT); DELETE FROM holder');
    lock.prepare('INSERT INTO holder VALUES (?, ?)').run(process.pid, new Date().toISOString());
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
}

/** Opens the data file for a server, or says in one line why it can't. */
export function openDataFile(file: string): Opened {
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    return { problem: `can't make the folder ${folder} for the data file: ${reason(error)}. Choose another place with --data.` };
  }
  // The data file's journal (-wal, -shm) and the lock are made beside it: the folder must be writable too.
  for (const [path, what] of [[folder, 'folder'], ...(existsSync(file) ? [[file, 'file'] as const] : [])] as const) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch (error) {
      return {
        problem: `the data ${what} ${path} can't be written (${reason(error)}); give it to the user who runs the server (it may have been made with sudo) or choose another with --data.`,
      };
    }
  }
  let lock: Db | undefined;
  try {
    lock = takeLock(file);
  } catch (error) {
    return { problem: `can't lock the data file ${file}: ${reason(error)}.` };
  }
  if (!lock) {
    return {
      problem: `another Prasan server is using the data file ${file}; stop it first (its window shows the trainer key), or give this one another --data file.`,
    };
  }
  try {
    const db = openDatabase(file);
    // A write lock taken and let go: a file the disk won't let us write is found now, not at the first join.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return { db, lock };
  } catch (error) {
    lock.close();
    const code = (error as { code?: string }).code ?? '';
    const what =
      code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
        ? 'it is not a Prasan data file, or it is damaged'
        : code.startsWith('SQLITE_READONLY')
          ? 'it is read-only'
          : reason(error);
    return { problem: `can't use the data file ${file}: ${what}.` };
  }
}

/** How often the data file is checked while the server runs. */
const WATCH_EVERY_MS = 2000;

/**
 * Calls `gone` once if the data file is deleted or replaced by another file while the server runs
 * (the server still writes to the one it opened, which no one would find again); returns a stop.
 * The file is held open here, so its inode number can't be given to a new file while it is watched.
 */
export function watchDataFile(file: string, gone: (what: 'deleted' | 'replaced') => void, everyMs = WATCH_EVERY_MS): () => void {
  const fd = openSync(file, 'r');
  const opened = fstatSync(fd);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    closeSync(fd);
  };
  const timer = setInterval(() => {
    let now: { dev: number; ino: number } | undefined;
    try {
      now = statSync(file);
    } catch {
      now = undefined;
    }
    if (now && now.dev === opened.dev && now.ino === opened.ino) return;
    stop();
    gone(now ? 'replaced' : 'deleted');
  }, everyMs);
  // The check never keeps the process alive by itself.
  timer.unref();
  return stop;
}
