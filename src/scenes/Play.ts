import { drawBackground } from './art';
import { reducedMotion, type NodeView } from './views';
import { StageScene } from './StageScene';

/** The place of the current node (the people are portraits beside the words). It draws; it never scores or decides. */
export class Play extends StageScene {
  private view: NodeView | undefined;

  constructor() {
    super('Play');
  }

  init(data: { view?: NodeView }): void {
    this.view = data.view;
  }

  override create(): void {
    super.create();
    this.game.events.on('node', this.show, this);
    this.events.once('shutdown', () => this.game.events.off('node', this.show, this));
  }

  private show(view: NodeView): void {
    const same = JSON.stringify(view) === JSON.stringify(this.view);
    this.view = view;
    if (same) return;
    if (reducedMotion()) {
      this.redraw();
      return;
    }
    this.cameras.main.fadeOut(120, 20, 33, 61);
    this.cameras.main.once('camerafadeoutcomplete', () => {
      this.redraw();
      this.cameras.main.fadeIn(200, 20, 33, 61);
    });
  }

  protected draw(width: number, height: number): void {
    if (this.view) drawBackground(this.art, this.view.background, width, height);
  }
}
