import type Phaser from 'phaser';
import type { Background, EndingKind } from '../engine';

/** What the stage shows for a node: the place. */
export interface NodeView {
  background: Background;
}

/** What the app gives the stage: the loading work the Preloader waits on. */
export interface StageHooks {
  load(onProgress: (fraction: number) => void): Promise<void>;
}

export function stageHooks(game: Phaser.Game): StageHooks {
  return game.registry.get('hooks') as StageHooks;
}

export type DebriefView = { kind: EndingKind | 'incomplete' };

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
