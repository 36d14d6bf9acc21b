import Phaser from 'phaser';

/** Loads nothing itself: the Preloader shows progress from the first frame. */
export class Boot extends Phaser.Scene {
  constructor() {
    super('Boot');
  }

  create(): void {
    this.scene.start('Preloader');
  }
}
