/**
 * The one palette of the game, the dashboard and the scenario maps: a sober briefing look (navy
 * frame, warm paper for reading, a muted gold accent) and one colour per ending kind and side. The
 * stylesheet (web/base.css) names the same colours as custom properties; a test holds the two
 * together. Every colour that carries text passes WCAG AA against white or paper.
 */
export const PALETTE = {
  navy: '#14213d',
  navy2: '#243b66',
  paper: '#faf7f0',
  paper2: '#f1ebdc',
  gold: '#b8962e',
  goldDark: '#7a6220',
  ink: '#1c1f26',
  muted: '#545b66',
  success: '#2e7d32',
  partial: '#8a5200',
  failure: '#b3261e',
  incomplete: '#5f6368',
  focus: '#0b57d0',
  government: '#1f6fb2',
  opposition: '#c2571a',
  neutral: '#7d7d7d',
} as const;

export type PaletteColour = keyof typeof PALETTE;

/** A palette colour as a number, for Phaser's drawing calls. */
export function colourNumber(colour: PaletteColour): number {
  return Number.parseInt(PALETTE[colour].slice(1), 16);
}
