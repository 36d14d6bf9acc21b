/**
 * Settings and the saved game, in localStorage. Storage can be full, blocked (private modes) or hold
 * anything a past version wrote, so every read is checked and every failure is survivable.
 */
import { isTimerSetting, type TimerSetting } from '../engine';

export type { TimerSetting };
export type TextSize = 'normal' | 'large';

export interface Settings {
  language: 'th' | 'en';
  timer: TimerSetting;
  textSize: TextSize;
}

const SETTINGS_KEY = 'prasan.settings.v1';
const DEFAULTS: Settings = { language: 'th', timer: 'normal', textSize: 'normal' };

export function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeKey(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage that can't be written can't hold a stale value either.
  }
}

export function readRaw(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function loadSettings(): Settings {
  const stored = readJson(SETTINGS_KEY);
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  return {
    language: s.language === 'en' || s.language === 'th' ? s.language : DEFAULTS.language,
    timer: isTimerSetting(s.timer) ? s.timer : DEFAULTS.timer,
    textSize: s.textSize === 'large' ? 'large' : DEFAULTS.textSize,
  };
}

export function saveSettings(settings: Settings): void {
  writeJson(SETTINGS_KEY, settings);
}

/** How long a node's timer runs under a setting; undefined when timers are off. */
export function timerSeconds(seconds: number, setting: TimerSetting): number | undefined {
  if (setting === 'off') return undefined;
  return setting === 'long' ? seconds * 2 : seconds;
}
