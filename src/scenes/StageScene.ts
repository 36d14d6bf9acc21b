import Phaser from 'phaser';

/**
 * A scene that is one drawing, redrawn whenever the stage changes size. Phaser's RESIZE mode resizes
 * the canvas but not the cameras, so that is done here too.
 */
export abstract class StageScene extends Phaser.Scene {
  protected art!: Phaser.GameObjects.Graphics;

  create(): void {
    this.art = this.add.graphics();
    this.redraw();
    this.scale.on('resize', this.redraw, this);
    this.events.once('shutdown', () => this.scale.off('resize', this.redraw, this));
  }

  protected redraw(): void {
    const { width, height } = this.scale;
    this.cameras.main.setSize(width, height);
    this.art.clear();
    this.draw(width, height);
  }

  protected abstract draw(width: number, height: number): void;
}
