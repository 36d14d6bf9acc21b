import { drawParliament } from './art';
import { StageScene } from './StageScene';

/** Behind the menu: the parliament at dusk. */
export class Menu extends StageScene {
  constructor() {
    super('Menu');
  }

  protected draw(width: number, height: number): void {
    drawParliament(this.art, width, height);
  }
}
