/**
 * The bench's reference page: the stock Phaser bundle (`import Phaser from 'phaser'`, built by the
 * bench with no project config, so no alias to the core build) and one scene drawing a rectangle.
 * Its scene's create() sets body[data-ready=true], as the game's Menu scene leads to the same flag.
 */
import Phaser from 'phaser';

class Bare extends Phaser.Scene {
  constructor() {
    super('Bare');
  }

  create(): void {
    const { width, height } = this.scale;
    this.add
      .graphics()
      .fillStyle(0xfca311, 1)
      .fillRect(width / 4, height / 4, width / 2, height / 2);
    document.body.dataset['ready'] = 'true';
  }
}

const parent = document.getElementById('stage')!;
new Phaser.Game({
  type: Phaser.AUTO,
  parent,
  backgroundColor: '#14213d',
  scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 450 },
  scene: [Bare],
  banner: false,
  audio: { noAudio: true },
  input: { keyboard: false },
});
