import Phaser from 'phaser';
import { drawBackground, drawPerson } from './art';
import { reducedMotion, type NodeView } from './hooks';

/** The place of the current node and the people in it. It draws; it never scores or decides. */
export class Play extends Phaser.Scene {
  private art!: Phaser.GameObjects.Graphics;
  private view: NodeView | undefined;

  constructor() {
    super('Play');
  }

  init(data: { view?: NodeView }): void {
    this.view = data.view;
  }

  create(): void {
    this.art = this.add.graphics();
    this.draw();
    this.scale.on('resize', this.draw, this);
    this.game.events.on('node', this.show, this);
    this.events.once('shutdown', () => {
      this.scale.off('resize', this.draw, this);
      this.game.events.off('node', this.show, this);
    });
  }

  private show(view: NodeView): void {
    const same = JSON.stringify(view) === JSON.stringify(this.view);
    this.view = view;
    if (same) return;
    if (reducedMotion()) {
      this.draw();
      return;
    }
    this.cameras.main.fadeOut(120, 20, 33, 61);
    this.cameras.main.once('camerafadeoutcomplete', () => {
      this.draw();
      this.cameras.main.fadeIn(200, 20, 33, 61);
    });
  }

  private draw(): void {
    const { width, height } = this.scale;
    this.art.clear();
    if (!this.view) return;
    drawBackground(this.art, this.view.background, width, height);
    if (this.view.background === 'phone') return;
    const scale = Math.max(0.45, Math.min(1.6, height / 260));
    const people = this.view.people;
    people.forEach((person, i) => {
      if (i === 0) return;
      const x = width * (0.68 + 0.12 * i) - width * 0.05;
      drawPerson(this.art, Math.min(x, width - 40 * scale), height, scale * 0.8, person.side, false);
    });
    const speaker = people[0];
    if (speaker) drawPerson(this.art, width * 0.3, height, scale, speaker.side, speaker.speaking);
  }
}
