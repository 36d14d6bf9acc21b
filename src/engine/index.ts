/** The engine's public surface: pure TypeScript, no Phaser, DOM or i18next. */
export * from './appearance';
export * from './compile';
export * from './diagnostics';
export * from './explore';
export * from './machine';
export * from './model';
export * from './order';
export * from './play';
export * from './result';
export * from './review';
export * from './run';
export * from './schema';
export * from './skills';
export * from './texts';
export type { Path } from './yaml-source';
