import Phaser from 'phaser';
import { PALETTE } from './art';
import type { DebriefView } from './hooks';

/** Behind the debrief: a calm field in the colour of the ending. */
export class Debrief extends Phaser.Scene {
  private art!: Phaser.GameObjects.Graphics;
  private view: DebriefView = { kind: 'incomplete' };

  constructor() {
    super('Debrief');
  }

  init(data: DebriefView): void {
    this.view = data;
  }

  create(): void {
    this.art = this.add.graphics();
    this.draw();
    this.scale.on('resize', this.draw, this);
    this.events.once('shutdown', () => this.scale.off('resize', this.draw, this));
  }

  private draw(): void {
    const { width, height } = this.scale;
    const colour = this.view.kind === 'incomplete' ? PALETTE.neutral : PALETTE[this.view.kind];
    this.art.clear();
    this.art.fillGradientStyle(PALETTE.navy, PALETTE.navy, colour, colour, 1);
    this.art.fillRect(0, 0, width, height);
  }
}
