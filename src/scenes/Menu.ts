import { drawParliament } from './art';
import { StageScene } from './StageScene';

/** Behind the menu: the parliament at dusk. */
export class Menu extends StageScene {
  constructor() {
    super('Menu');
  }

  override create(): void {
    super.create();
    this.game.events.emit('menu-ready');
  }

  protected draw(width: number, height: number): void {
    drawParliament(this.art, width, height);
  }
}
