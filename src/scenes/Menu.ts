import Phaser from 'phaser';
import { drawParliament } from './art';

/** Behind the menu: the parliament at dusk. */
export class Menu extends Phaser.Scene {
  private art!: Phaser.GameObjects.Graphics;

  constructor() {
    super('Menu');
  }

  create(): void {
    this.art = this.add.graphics();
    this.draw();
    this.scale.on('resize', this.draw, this);
    this.events.once('shutdown', () => this.scale.off('resize', this.draw, this));
    this.game.events.emit('menu-ready');
  }

  private draw(): void {
    this.art.clear();
    drawParliament(this.art, this.scale.width, this.scale.height);
  }
}
