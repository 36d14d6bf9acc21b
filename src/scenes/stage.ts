/**
 * The Phaser stage: one game whose scenes draw the place behind the DOM. The app switches scenes
 * through this controller; the scenes only draw.
 */
import Phaser from 'phaser';
import { Boot } from './Boot';
import { Debrief } from './Debrief';
import type { DebriefView, NodeView, StageHooks } from './views';
import { Menu } from './Menu';
import { Play } from './Play';
import { Preloader } from './Preloader';

export interface Stage {
  showMenu(): void;
  showNode(view: NodeView): void;
  showDebrief(view: DebriefView): void;
  game: Phaser.Game;
}

/** Long enough for a scene to start and a fade out and in (120 + 200 ms) to finish. */
const AWAKE_MS = 800;

export function createStage(parent: HTMLElement, hooks: StageHooks): Stage {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#14213d',
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 450 },
    scene: [Boot, Preloader, Menu, Play, Debrief],
    banner: false,
    audio: { noAudio: true },
    input: { keyboard: false },
    callbacks: { preBoot: (g) => g.registry.set('hooks', hooks) },
  });

  // The stage's box changes with the screen (full-window behind the menu, the top part in play);
  // Phaser only notices window resizes, so tell it when its parent changes size.
  // The stage is a still picture between changes. Phaser's loop runs only while something moves (a
  // scene starting, a fade, a resize) and then sleeps: measured in headless Chromium, an idle stage
  // otherwise kept the page busy 4.8 s out of every 5.
  let sleepTimer: number | undefined;
  const awake = () => {
    game.loop.wake(true);
    window.clearTimeout(sleepTimer);
    sleepTimer = window.setTimeout(() => game.loop.sleep(), AWAKE_MS);
  };

  new ResizeObserver(() => {
    awake();
    game.scale.getParentBounds();
    game.scale.refresh();
  }).observe(parent);

  const only = (key: string, data?: object) => {
    for (const scene of ['Menu', 'Play', 'Debrief']) if (scene !== key && game.scene.isActive(scene)) game.scene.stop(scene);
    if (!game.scene.isActive(key)) game.scene.start(key, data);
  };

  return {
    game,
    showMenu: () => {
      awake();
      only('Menu');
    },
    showNode: (view) => {
      awake();
      if (game.scene.isActive('Play')) game.events.emit('node', view);
      else only('Play', { view });
    },
    showDebrief: (view) => {
      awake();
      if (game.scene.isActive('Debrief')) game.scene.stop('Debrief');
      only('Debrief', view);
    },
  };
}
