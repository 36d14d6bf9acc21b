import Phaser from 'phaser';
import { PALETTE } from './art';
import { stageHooks } from './views';

/**
 * A progress bar while the font and the scenarios load; when they are in, the app takes over and
 * starts the scene it needs. It shows no words: the Thai font isn't
 * there yet, and text in a fallback font would flash and reflow.
 */
export class Preloader extends Phaser.Scene {
  private bar!: Phaser.GameObjects.Graphics;
  private progress = 0;

  constructor() {
    super('Preloader');
  }

  create(): void {
    this.bar = this.add.graphics();
    this.draw();
    this.scale.on('resize', this.draw, this);
    this.events.once('shutdown', () => this.scale.off('resize', this.draw, this));
    void stageHooks(this.game)
      .load((fraction) => {
        this.progress = fraction;
        this.draw();
      })
      .then(() => this.scene.stop());
  }

  private draw(): void {
    const { width, height } = this.scale;
    this.cameras.main.setSize(width, height);
    const w = Math.min(420, width * 0.7);
    const x = (width - w) / 2;
    const y = height / 2;
    this.bar.clear();
    this.bar.fillStyle(PALETTE.navy, 1).fillRect(0, 0, width, height);
    this.bar.fillStyle(PALETTE.navyLight, 1).fillRoundedRect(x, y - 6, w, 12, 6);
    this.bar.fillStyle(PALETTE.gold, 1).fillRoundedRect(x, y - 6, Math.max(12, w * this.progress), 12, 6);
  }
}
