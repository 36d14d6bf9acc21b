import { PALETTE } from './art';
import type { DebriefView } from './views';
import { StageScene } from './StageScene';

/** Behind the debrief: a calm field in the colour of the ending. */
export class Debrief extends StageScene {
  private view: DebriefView = { kind: 'incomplete' };

  constructor() {
    super('Debrief');
  }

  init(data: DebriefView): void {
    this.view = data;
  }

  protected draw(width: number, height: number): void {
    const colour = this.view.kind === 'incomplete' ? PALETTE.neutral : PALETTE[this.view.kind];
    this.art.fillGradientStyle(PALETTE.navy, PALETTE.navy, colour, colour, 1);
    this.art.fillRect(0, 0, width, height);
  }
}
