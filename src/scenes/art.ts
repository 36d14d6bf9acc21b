/**
 * The stage's pictures, drawn from shapes so nothing is downloaded: the five places a scenario can be
 * set in and the parliament for the menu (people are portraits beside the words, not drawn here).
 *
 * In play the stage is a short, wide band (from about 3:1 to 8:1) with the quit button at its left
 * and the meters over its top-right corner, so each place keeps what makes it recognisable between
 * the two and in the lower right. Sizes are in `u`, a hundredth of the band's
 * height, so a place keeps its proportions at every size; long things (walls, rows of seats, the
 * table) stretch with the width instead. Flat colours, a few tones per surface and no outlines, to sit
 * with the flat-vector portraits.
 */
import type Phaser from 'phaser';
import type { Background } from '../engine';
import { colourNumber } from '../palette';

export const PALETTE = {
  navy: colourNumber('navy'),
  navyLight: colourNumber('navy2'),
  gold: colourNumber('gold'),
  paper: colourNumber('paper'),
  wood: 0x6b4a2b,
  woodLight: 0x8a6540,
  wall: 0xe9e2d0,
  wallShade: 0xd8cfb8,
  carpet: 0x7a2e2e,
  seat: 0x3f5d8a,
  glass: 0xb9d3e6,
  skin: 0x2b2f3a,
  success: colourNumber('success'),
  partial: colourNumber('partial'),
  failure: colourNumber('failure'),
  government: colourNumber('government'),
  opposition: colourNumber('opposition'),
  neutral: colourNumber('neutral'),
  // The places' own materials.
  goldDark: colourNumber('goldDark'),
  paperShade: colourNumber('paper2'),
  ink: colourNumber('ink'),
  woodDark: 0x4a3322,
  teak: 0x7d5233,
  panel: 0x45311f,
  marble: 0xe6dfd1,
  floor: 0x5d6675,
  sky: 0xd3e2ea,
  skyline: 0xa9bac6,
  leaf: 0x56704c,
  steel: 0x363b45,
  flagRed: 0xa51931,
  flagWhite: 0xf4f5f8,
  flagBlue: 0x2d2a4a,
} as const;

type G = Phaser.GameObjects.Graphics;
type Point = readonly [number, number];

// ---------- Shared helpers ----------

/**
 * Where a place is drawn: `u` is a hundredth of the band's height (or a third of its width when the
 * area is taller than 3:1, so nothing spills sideways), `y(v)` puts v (0–100) on a band that sits at
 * the bottom of the area, `clear` is about where the meters begin (they are min(18em, 45vw) wide) and
 * `fx` is the middle of what stays visible, halfway between the portrait's edge (a fifth) and `clear`.
 */
interface Band {
  w: number;
  h: number;
  u: number;
  fx: number;
  clear: number;
  y: (v: number) => number;
}

function band(w: number, h: number): Band {
  const u = Math.min(h, w / 3) / 100;
  const top = h - 100 * u;
  const clear = w - Math.min(300, w * 0.45);
  return { w, h, u, fx: (w * 0.2 + clear) / 2, clear, y: (v) => top + v * u };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Repeatable 0–1 noise, so a place looks the same at every redraw. */
function noise(i: number): number {
  const s = Math.sin(i * 127.1 + 311.7) * 43758.5453;
  return s - Math.floor(s);
}

/** Colour a moved a share t (0–1) of the way to colour b. */
function mix(a: number, b: number, t: number): number {
  const channel = (shift: number) => {
    const from = (a >> shift) & 0xff,
      to = (b >> shift) & 0xff;
    return Math.round(from + (to - from) * t) << shift;
  };
  return channel(16) | channel(8) | channel(0);
}

/** The colour mixed toward white (k > 0) or black (k < 0): the few tones of one surface. */
function tone(colour: number, k: number): number {
  return mix(colour, k > 0 ? 0xffffff : 0x000000, Math.abs(k));
}

/** A rounded rectangle whose corners never exceed its half-size (Phaser draws nonsense beyond). */
function rounded(g: G, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.min(r, w / 2, h / 2);
  if (w <= 0 || h <= 0) return;
  if (radius < 0.5) g.fillRect(x, y, w, h);
  else g.fillRoundedRect(x, y, w, h, radius);
}

function poly(g: G, points: readonly Point[]): void {
  g.beginPath();
  points.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
  g.closePath();
  g.fillPath();
}

/** Points along an ellipse from angle a0 to a1 (y grows downward, so π/2 is the bottom). */
function ellipseArc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, steps = 40): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / steps;
    return [cx + Math.cos(a) * rx, cy + Math.sin(a) * ry] as const;
  });
}

/** A soft contact shadow, which is what makes flat things sit on a surface. */
function shadow(g: G, cx: number, cy: number, rw: number, rh: number, alpha = 0.16): void {
  g.fillStyle(0x000000, alpha).fillEllipse(cx, cy, rw, rh);
}

/** The Thai flag (red, white, double blue, white, red) from its hoist at (x, y), flying `dir`, gently waved. */
function thaiFlag(g: G, x: number, y: number, fw: number, fh: number, dir: 1 | -1): void {
  const stripes: [number, number][] = [
    [PALETTE.flagRed, 1],
    [PALETTE.flagWhite, 1],
    [PALETTE.flagBlue, 2],
    [PALETTE.flagWhite, 1],
    [PALETTE.flagRed, 1],
  ];
  // The wave grows away from the hoist and the fly end droops a little.
  const at = (t: number, v: number): Point => [x + dir * fw * t, y + v + Math.sin(t * Math.PI * 1.7) * fh * 0.07 * t + fh * 0.06 * t * t];
  const steps = 14;
  const ts = Array.from({ length: steps + 1 }, (_, i) => i / steps);
  const back = [...ts].reverse();
  let from = 0;
  for (const [colour, share] of stripes) {
    const y0 = (fh * from) / 6,
      y1 = (fh * (from + share)) / 6;
    g.fillStyle(colour, 1);
    poly(g, [...ts.map((t) => at(t, y0)), ...back.map((t) => at(t, y1))]);
    from += share;
  }
  // One fold in shade, so the cloth reads as cloth.
  const fold = ts.filter((t) => t > 0.35 && t < 0.62);
  g.fillStyle(0x000000, 0.1);
  poly(g, [...fold.map((t) => at(t, 0)), ...[...fold].reverse().map((t) => at(t, fh))]);
}

/** A flag on a floor-standing pole with a gold finial, as in every Thai government office. */
function flagPole(g: G, x: number, topY: number, floorY: number, u: number, dir: 1 | -1): void {
  shadow(g, x, floorY, 10 * u, 1.6 * u);
  g.fillStyle(PALETTE.goldDark, 1).fillRect(x - 0.5 * u, topY, 1 * u, floorY - topY);
  g.fillStyle(PALETTE.gold, 1).fillCircle(x, topY - 1 * u, 1.3 * u);
  rounded(g, x - 3 * u, floorY - 1.6 * u, 6 * u, 1.6 * u, 0.8 * u);
  thaiFlag(g, x + dir * 0.5 * u, topY + 1.5 * u, 26 * u, 17 * u, dir);
}

/** Files and books on a shelf between x0 and x1, standing on `baseY`, up to `tall` high. */
function binders(g: G, x0: number, x1: number, baseY: number, tall: number, seed: number): void {
  const colours = [PALETTE.navy, PALETTE.navyLight, PALETTE.paperShade, PALETTE.goldDark, PALETTE.carpet, PALETTE.teak, PALETTE.flagWhite];
  let x = x0;
  for (let i = 0; x < x1; i++) {
    // Files come in runs of one colour and height, with now and then a gap: shelving, not a pattern.
    const run = Math.floor(i / 4);
    const n = noise(seed * 31 + run);
    const bw = tall * (0.2 + 0.06 * noise(seed * 17 + run));
    if (noise(seed * 13 + i) > 0.92) {
      x += bw * 1.4;
      continue;
    }
    const bh = tall * (0.78 + 0.22 * noise(seed * 7 + run));
    const width = Math.min(bw, x1 - x);
    const colour = colours[Math.floor(n * colours.length)] ?? PALETTE.navy;
    g.fillStyle(colour, 1).fillRect(x, baseY - bh, width, bh);
    g.fillStyle(tone(colour, -0.2), 1).fillRect(x + width * 0.75, baseY - bh, width * 0.25, bh);
    g.fillStyle(tone(colour, 0.45), 1).fillRect(x + width * 0.2, baseY - bh * 0.7, width * 0.45, bh * 0.14);
    x += bw + tall * 0.02;
  }
}

/** A potted plant, standing on floorY: leaves in three greens, the nearest lightest. */
function plant(g: G, x: number, floorY: number, u: number, size: number): void {
  shadow(g, x, floorY, 14 * u * size, 2 * u * size);
  const leaves: [number, number, number, number][] = [
    [-5, -30, 9, -0.15],
    [5, -34, 10, -0.15],
    [0, -40, 9, -0.05],
    [-7, -22, 8, 0],
    [7, -24, 8, 0.05],
    [0, -28, 9, 0.12],
  ];
  for (const [dx, dy, r, k] of leaves)
    g.fillStyle(tone(PALETTE.leaf, k), 1).fillCircle(x + dx * u * size, floorY + dy * u * size, r * u * size);
  g.fillStyle(PALETTE.paperShade, 1);
  poly(g, [
    [x - 6 * u * size, floorY - 14 * u * size],
    [x + 6 * u * size, floorY - 14 * u * size],
    [x + 4.5 * u * size, floorY],
    [x - 4.5 * u * size, floorY],
  ]);
  g.fillStyle(PALETTE.wallShade, 1).fillRect(x - 6 * u * size, floorY - 14 * u * size, 12 * u * size, 2 * u * size);
}

// ---------- Office ----------

/** A minister's or director's office: the window behind the desk, the flag beside it, files everywhere. */
function office(g: G, b: Band): void {
  const { w, u, fx, y } = b;
  const floorY = y(90);
  officeRoom(g, b, floorY);
  const deskW = clamp(0.2 * w, 70 * u, 150 * u);
  const deskX = fx - deskW / 2;
  officeWindow(g, fx, y(8), clamp(0.2 * w, 72 * u, 130 * u), y(58), u);
  // The flag stands at the desk's corner and flies over the window, where it reads against the sky.
  const poleX = deskX - 6 * u;
  const shelfRight = poleX - 8 * u;
  const shelfW = clamp(shelfRight - 0.22 * w, 36 * u, 90 * u);
  bookcase(g, shelfRight - shelfW, y(10), shelfW, floorY, u);
  flagPole(g, poleX, y(12), floorY, u, 1);
  officeChair(g, fx, y(33), u);
  officeDesk(g, deskX, y(61), deskW, floorY, u);
  const cabinetX = deskX + deskW + 10 * u;
  const cabinetW = clamp(w - cabinetX - 30 * u, 40 * u, 150 * u);
  lowCabinet(g, cabinetX, y(62), cabinetW, floorY, u);
  plant(g, cabinetX + cabinetW + 14 * u, floorY, u, 1.1);
}

/** The room: a warm wall, a wood dado at desk height and a carpeted floor. */
function officeRoom(g: G, b: Band, floorY: number): void {
  const { w, h, u, y } = b;
  g.fillStyle(PALETTE.wall, 1).fillRect(0, 0, w, h);
  g.fillStyle(PALETTE.wallShade, 0.7).fillRect(0, y(0), w, 2.5 * u);
  const dado = tone(PALETTE.woodLight, 0.42);
  g.fillStyle(dado, 1).fillRect(0, y(64), w, floorY - y(64));
  g.fillStyle(tone(dado, -0.08), 1);
  for (let x = 12 * u; x < w; x += 24 * u) g.fillRect(x, y(66), 0.6 * u, floorY - y(68));
  g.fillStyle(PALETTE.woodLight, 1).fillRect(0, y(63), w, 1.6 * u);
  g.fillStyle(PALETTE.wood, 1).fillRect(0, floorY - 2 * u, w, 2 * u);
  g.fillStyle(PALETTE.floor, 1).fillRect(0, floorY, w, h - floorY);
  g.fillStyle(tone(PALETTE.floor, -0.12), 1).fillRect(0, floorY, w, 1.2 * u);
}

/** A window with half-lowered blinds and the city outside, the parliament's gold roof among it. */
function officeWindow(g: G, cx: number, top: number, ww: number, bottom: number, u: number): void {
  const x = cx - ww / 2,
    wh = bottom - top;
  g.fillStyle(PALETTE.woodLight, 1).fillRect(x - 2 * u, top - 2 * u, ww + 4 * u, wh + 4 * u);
  g.fillStyle(PALETTE.sky, 1).fillRect(x, top, ww, wh);
  g.fillStyle(tone(PALETTE.sky, 0.35), 1).fillRect(x, top + wh * 0.55, ww, wh * 0.45);
  // The skyline: blocks of pale buildings, the gold roof in the middle, trees in front.
  for (let i = 0; i < 9; i++) {
    const bw = ww * (0.07 + 0.05 * noise(i + 3));
    const bh = wh * (0.14 + 0.22 * noise(i + 11));
    g.fillStyle(tone(PALETTE.skyline, 0.1 * noise(i)), 1).fillRect(x + (ww * i) / 9, bottom - bh, bw, bh);
  }
  const roof = x + ww * 0.78;
  g.fillStyle(PALETTE.gold, 0.85).fillRect(roof - ww * 0.12, bottom - wh * 0.2, ww * 0.24, wh * 0.06);
  g.fillTriangle(roof - ww * 0.05, bottom - wh * 0.2, roof, bottom - wh * 0.38, roof + ww * 0.05, bottom - wh * 0.2);
  g.fillStyle(tone(PALETTE.gold, 0.25), 0.85).fillRect(roof - ww * 0.1, bottom - wh * 0.14, ww * 0.2, wh * 0.14);
  for (let i = 0; i < 7; i++) g.fillStyle(tone(PALETTE.leaf, 0.25), 1).fillCircle(x + ww * (0.05 + i * 0.15), bottom, wh * 0.08);
  // Blinds over the top third, then the frame's mullion and transom on top of everything.
  g.fillStyle(PALETTE.paper, 1).fillRect(x, top, ww, wh * 0.3);
  g.fillStyle(PALETTE.paperShade, 1);
  for (let v = top + 1.6 * u; v < top + wh * 0.3; v += 2 * u) g.fillRect(x, v, ww, 0.5 * u);
  g.fillStyle(PALETTE.woodLight, 1).fillRect(cx - 1 * u, top, 2 * u, wh);
  g.fillStyle(tone(PALETTE.woodLight, 0.2), 1).fillRect(x - 3 * u, bottom + 1 * u, ww + 6 * u, 1.6 * u);
}

/** A tall open bookcase of binders and books. */
function bookcase(g: G, x: number, top: number, bw: number, floorY: number, u: number): void {
  shadow(g, x + bw / 2, floorY, bw * 1.1, 2 * u);
  g.fillStyle(PALETTE.woodDark, 1).fillRect(x, top, bw, floorY - top);
  g.fillStyle(tone(PALETTE.woodDark, -0.3), 1).fillRect(x + 1.5 * u, top + 1.5 * u, bw - 3 * u, floorY - top - 3 * u);
  const shelves = 4;
  const step = (floorY - top - 3 * u) / shelves;
  for (let i = 0; i < shelves; i++) {
    const base = top + 1.5 * u + step * (i + 1);
    binders(g, x + 2 * u, x + bw - 2 * u, base - 1 * u, step - 3 * u, i + 1);
    g.fillStyle(PALETTE.woodDark, 1).fillRect(x, base - 1 * u, bw, 1.6 * u);
  }
}

/** The high-backed chair behind the desk, its back against the window. */
function officeChair(g: G, cx: number, top: number, u: number): void {
  g.fillStyle(PALETTE.navy, 1);
  rounded(g, cx - 13 * u, top, 26 * u, 30 * u, 6 * u);
  g.fillStyle(PALETTE.navyLight, 1);
  rounded(g, cx - 10 * u, top + 3 * u, 20 * u, 25 * u, 4 * u);
  g.fillStyle(tone(PALETTE.navyLight, 0.15), 1);
  rounded(g, cx - 8 * u, top + 5 * u, 8 * u, 21 * u, 3 * u);
}

/** The desk seen from the visitor's side, with what a day of coordination leaves on it. */
function officeDesk(g: G, x: number, top: number, dw: number, floorY: number, u: number): void {
  shadow(g, x + dw / 2, floorY, dw * 1.1, 3 * u, 0.22);
  g.fillStyle(PALETTE.wood, 1).fillRect(x, top + 2 * u, dw, floorY - top - 2 * u);
  g.fillStyle(tone(PALETTE.wood, -0.18), 1).fillRect(x + 4 * u, top + 6 * u, dw / 2 - 6 * u, floorY - top - 10 * u);
  g.fillRect(x + dw / 2 + 2 * u, top + 6 * u, dw / 2 - 6 * u, floorY - top - 10 * u);
  g.fillStyle(PALETTE.woodLight, 1).fillRect(x - 2 * u, top, dw + 4 * u, 2.4 * u);
  g.fillStyle(tone(PALETTE.woodLight, 0.2), 1).fillRect(x - 2 * u, top, dw + 4 * u, 0.8 * u);
  // Folders stacked at the left, the in-tray beside them.
  const folders = [PALETTE.navyLight, PALETTE.goldDark, PALETTE.paperShade, PALETTE.carpet, PALETTE.navy];
  folders.forEach((c, i) => g.fillStyle(c, 1).fillRect(x + (3 + noise(i) * 2) * u, top - (i + 1) * 1.8 * u, 20 * u, 1.8 * u));
  g.fillStyle(PALETTE.steel, 1).fillRect(x + 27 * u, top - 4 * u, 18 * u, 4 * u);
  g.fillStyle(PALETTE.paper, 1).fillRect(x + 28 * u, top - 5.5 * u, 16 * u, 2.5 * u);
  // The name plate at the front, the lamp and the pen pot at the right.
  g.fillStyle(PALETTE.woodDark, 1).fillRect(x + dw / 2 - 8 * u, top - 3.4 * u, 16 * u, 3.4 * u);
  g.fillStyle(PALETTE.gold, 1).fillRect(x + dw / 2 - 6 * u, top - 2.2 * u, 12 * u, 1 * u);
  deskLamp(g, x + dw - 14 * u, top, u);
  g.fillStyle(PALETTE.steel, 1).fillRect(x + dw - 26 * u, top - 5 * u, 4 * u, 5 * u);
  g.fillStyle(PALETTE.navyLight, 1).fillRect(x + dw - 25.4 * u, top - 8 * u, 0.8 * u, 3 * u);
  g.fillStyle(PALETTE.flagRed, 1).fillRect(x + dw - 23.8 * u, top - 7.4 * u, 0.8 * u, 2.4 * u);
}

/** A banker's lamp: brass stem, dark green shade. */
function deskLamp(g: G, x: number, deskTop: number, u: number): void {
  g.fillStyle(PALETTE.goldDark, 1).fillEllipse(x, deskTop - 0.6 * u, 8 * u, 2 * u);
  g.fillRect(x - 0.5 * u, deskTop - 10 * u, 1 * u, 10 * u);
  g.fillStyle(0x2f5446, 1).slice(x, deskTop - 9 * u, 7 * u, Math.PI, 2 * Math.PI, false);
  g.fillPath();
  g.fillStyle(0xf3e3a8, 0.9).fillRect(x - 6 * u, deskTop - 9.4 * u, 12 * u, 0.8 * u);
}

/** A low cabinet of binders along the wall, box files and a small orchid on top. */
function lowCabinet(g: G, x: number, top: number, cw: number, floorY: number, u: number): void {
  shadow(g, x + cw / 2, floorY, cw * 1.05, 2 * u);
  g.fillStyle(PALETTE.teak, 1).fillRect(x, top, cw, floorY - top);
  g.fillStyle(tone(PALETTE.teak, -0.35), 1).fillRect(x + 1.5 * u, top + 2 * u, cw - 3 * u, floorY - top - 4 * u);
  const mid = (top + floorY) / 2;
  binders(g, x + 2.5 * u, x + cw - 2.5 * u, mid, mid - top - 3 * u, 7);
  binders(g, x + 2.5 * u, x + cw - 2.5 * u, floorY - 2 * u, floorY - mid - 3 * u, 9);
  g.fillStyle(PALETTE.teak, 1).fillRect(x, mid, cw, 1.4 * u);
  g.fillStyle(tone(PALETTE.teak, 0.2), 1).fillRect(x - 1 * u, top - 1.4 * u, cw + 2 * u, 1.6 * u);
  g.fillStyle(PALETTE.goldDark, 1).fillRect(x + 4 * u, top - 8 * u, 12 * u, 6.6 * u);
  g.fillStyle(PALETTE.navyLight, 1).fillRect(x + 17 * u, top - 9.6 * u, 9 * u, 8.2 * u);
  if (cw > 60 * u) orchid(g, x + cw - 14 * u, top - 1.4 * u, u);
}

/** White orchids in a low pot, a touch every Thai office and meeting table has. */
function orchid(g: G, x: number, baseY: number, u: number): void {
  g.fillStyle(PALETTE.paperShade, 1).fillRect(x - 4 * u, baseY - 5 * u, 8 * u, 5 * u);
  g.lineStyle(0.6 * u, tone(PALETTE.leaf, -0.1), 1).lineBetween(x, baseY - 5 * u, x + 2 * u, baseY - 17 * u);
  g.fillStyle(PALETTE.leaf, 1).fillEllipse(x - 3 * u, baseY - 6 * u, 7 * u, 2.4 * u);
  g.fillEllipse(x + 3 * u, baseY - 6.5 * u, 7 * u, 2.4 * u);
  const blooms: Point[] = [
    [2, -17],
    [4.5, -15.5],
    [6, -13],
    [-0.5, -15],
  ];
  for (const [dx, dy] of blooms) {
    g.fillStyle(PALETTE.flagWhite, 1).fillCircle(x + dx * u, baseY + dy * u, 1.6 * u);
    g.fillStyle(0xb07aa1, 1).fillCircle(x + dx * u, baseY + dy * u, 0.5 * u);
  }
}

// ---------- Chamber ----------

/**
 * The House's chamber from the back of the floor: the Speaker's raised chair under a gold canopy,
 * the emblem above it, and the members' curved rows facing it, government to the Speaker's right
 * (the viewer's left) and opposition to the left.
 */
function chamber(g: G, b: Band): void {
  const { w, h, u, fx, y } = b;
  g.fillStyle(PALETTE.panel, 1).fillRect(0, 0, w, h);
  chamberWall(g, b);
  speakerDais(g, fx, y(60), 1.1 * u);
  for (let row = 0; row < 6; row++) seatRow(g, b, row);
  // The chamber is lit from above: the near rows fall a little into shade.
  g.fillStyle(0x000000, 0.12).fillRect(0, y(94), w, h - y(94));
}

/** The walls behind the Speaker: golden slats over dark panelling in teak-pilastered bays, the gallery above. */
function chamberWall(g: G, b: Band): void {
  const { w, u, fx, y } = b;
  g.fillStyle(mix(PALETTE.gold, PALETTE.panel, 0.68), 1);
  for (let x = 0; x < w; x += 3.2 * u) g.fillRect(x, y(10), 1 * u, y(54) - y(10));
  g.fillStyle(PALETTE.gold, 0.1).fillRect(0, y(10), w, y(36) - y(10));
  // Broad teak pilasters break the slats into bays, symmetric about the Speaker.
  const bay = Math.max(0.11 * w, 40 * u);
  for (let k = 1; fx - k * bay > -bay || fx + k * bay < w + bay; k++) {
    for (const x of [fx - k * bay, fx + k * bay]) {
      g.fillStyle(tone(PALETTE.panel, -0.2), 1).fillRect(x - 2.5 * u, y(10), 5 * u, y(54) - y(10));
      g.fillStyle(PALETTE.goldDark, 1).fillRect(x - 3 * u, y(11.5), 6 * u, 1.2 * u);
    }
  }
  // The public gallery above: a dark band, its gold rail and a line of small lamps.
  g.fillStyle(tone(PALETTE.panel, -0.35), 1).fillRect(0, 0, w, y(10));
  g.fillStyle(PALETTE.goldDark, 1).fillRect(0, y(10), w, 1.6 * u);
  g.fillStyle(PALETTE.gold, 1).fillRect(0, y(10), w, 0.5 * u);
  g.fillStyle(0xf3e3a8, 0.8);
  for (let x = fx % (8 * u); x < w; x += 8 * u) g.fillCircle(x, y(6), 0.7 * u);
  // The floor of the well, in the chamber's warm carpet.
  g.fillStyle(PALETTE.carpet, 1).fillRect(0, y(54), w, b.h - y(54));
}

/** The Speaker's raised chair and bench, the clerks' table below, the canopy and emblem above; `base` is the floor. */
function speakerDais(g: G, cx: number, base: number, s: number): void {
  // The tall panel behind the chair, framed in gold.
  g.fillStyle(PALETTE.goldDark, 1).fillRect(cx - 17 * s, base - 56 * s, 34 * s, 46 * s);
  g.fillStyle(tone(PALETTE.carpet, -0.25), 1).fillRect(cx - 15.5 * s, base - 52 * s, 31 * s, 42 * s);
  canopy(g, cx, base - 59 * s, s);
  emblem(g, cx, base - 42 * s, 6.5 * s);
  // The chair: gold frame, red back.
  g.fillStyle(PALETTE.gold, 1);
  rounded(g, cx - 6.5 * s, base - 33 * s, 13 * s, 20 * s, 4 * s);
  g.fillStyle(PALETTE.carpet, 1);
  rounded(g, cx - 5 * s, base - 31.5 * s, 10 * s, 17 * s, 3 * s);
  // The Speaker's bench, then the clerks' wider table a step lower.
  g.fillStyle(PALETTE.teak, 1).fillRect(cx - 20 * s, base - 20 * s, 40 * s, 12 * s);
  g.fillStyle(tone(PALETTE.teak, -0.25), 1).fillRect(cx - 17 * s, base - 17 * s, 34 * s, 7 * s);
  g.fillStyle(PALETTE.gold, 1).fillRect(cx - 21 * s, base - 21 * s, 42 * s, 1.4 * s);
  g.fillStyle(tone(PALETTE.teak, 0.12), 1).fillRect(cx - 32 * s, base - 9 * s, 64 * s, 9 * s);
  g.fillStyle(tone(PALETTE.teak, -0.12), 1).fillRect(cx - 32 * s, base - 4 * s, 64 * s, 4 * s);
  g.fillStyle(PALETTE.goldDark, 1).fillRect(cx - 33 * s, base - 9.6 * s, 66 * s, 1.2 * s);
}

/** A gold canopy with a scalloped valance, the Thai sign of a seat of honour. */
function canopy(g: G, cx: number, top: number, u: number): void {
  const half = 21 * u;
  g.fillStyle(PALETTE.goldDark, 1);
  poly(g, [
    [cx - half * 0.7, top - 4 * u],
    [cx + half * 0.7, top - 4 * u],
    [cx + half, top + 4 * u],
    [cx - half, top + 4 * u],
  ]);
  g.fillStyle(PALETTE.gold, 1).fillRect(cx - half, top + 3 * u, half * 2, 2.4 * u);
  const scallops = 9;
  const r = half / scallops;
  for (let i = 0; i < scallops; i++) g.fillCircle(cx - half + r + i * 2 * r, top + 5.4 * u, r);
  g.fillStyle(PALETTE.gold, 1).fillTriangle(cx - 3 * u, top - 4 * u, cx, top - 10 * u, cx + 3 * u, top - 4 * u);
}

/** The state emblem (the Garuda) hinted by a gold disc with a paler core and a ring of rays. */
function emblem(g: G, cx: number, cy: number, r: number): void {
  g.fillStyle(PALETTE.gold, 0.35).fillCircle(cx, cy, r * 1.3);
  g.fillStyle(PALETTE.gold, 1).fillCircle(cx, cy, r);
  g.fillStyle(tone(PALETTE.gold, 0.35), 1).fillCircle(cx, cy, r * 0.62);
  g.fillStyle(PALETTE.goldDark, 1);
  // The Garuda's spread wings as two small triangles and its head as a dot.
  g.fillTriangle(cx, cy + r * 0.1, cx - r * 0.5, cy - r * 0.2, cx - r * 0.2, cy + r * 0.35);
  g.fillTriangle(cx, cy + r * 0.1, cx + r * 0.5, cy - r * 0.2, cx + r * 0.2, cy + r * 0.35);
  g.fillCircle(cx, cy - r * 0.22, r * 0.14);
}

/**
 * One curved row of members' desks and chairs around the Speaker, seen from behind: the nearer the
 * row, the wider, lower and larger. Gaps every few seats are the gangways.
 */
function seatRow(g: G, b: Band, row: number): void {
  const { w, u, fx, y } = b;
  const cx = fx,
    cy = y(54);
  const rx = 46 * u + row * Math.max(0.075 * w, 22 * u);
  const ry = 12 * u + row * 8 * u;
  const s = u * (1 + row * 0.15);
  const ring = (d: number, a0 = 0, a1 = Math.PI) => ellipseArc(cx, cy, rx + d, ry + d, a0, a1);
  // The riser of the tier in shade, the desk's dark front and its pale top, then the chairs.
  g.fillStyle(tone(PALETTE.carpet, -0.3), 1);
  poly(g, [...ring(3 * s), ...ring(5 * s, Math.PI, 0)]);
  g.fillStyle(PALETTE.teak, 1);
  poly(g, [...ring(-3 * s), ...ring(0.4 * s, Math.PI, 0)]);
  g.fillStyle(tone(PALETTE.teak, 0.35), 1);
  poly(g, [...ring(-3 * s), ...ring(-2 * s, Math.PI, 0)]);
  seatsAlong(g, cx, cy, rx + 3 * s, ry + 3 * s, s, w);
}

/** The chair backs along one row, coloured by side; a gangway every ninth seat. */
function seatsAlong(g: G, cx: number, cy: number, rx: number, ry: number, s: number, w: number): void {
  const spacing = 4.6 * s;
  const length = (Math.PI * (rx + ry)) / 2;
  const count = Math.floor(length / spacing);
  for (let i = 1; i < count; i++) {
    if (i % 9 === 0) continue;
    const a = Math.PI - (Math.PI * i) / count;
    const x = cx + Math.cos(a) * rx,
      yy = cy + Math.sin(a) * ry;
    if (x < -6 * s || x > w + 6 * s || Math.sin(a) < 0.2) continue;
    // Plain rectangles: there are hundreds of seats, and rounded corners cost a path each.
    const colour = tone(x < cx ? PALETTE.government : PALETTE.opposition, -0.35);
    g.fillStyle(colour, 1).fillRect(x - 1.8 * s, yy - 5 * s, 3.6 * s, 5 * s);
    g.fillStyle(tone(colour, 0.2), 1).fillRect(x - 1.8 * s, yy - 5 * s, 3.6 * s, 1.4 * s);
  }
}

// ---------- Corridor ----------

/** One-point perspective: the vanishing point and the focal length, in pixels. */
interface Perspective {
  vx: number;
  vy: number;
  f: number;
}

// The corridor in metres: its walls across, its ceiling, how far it runs, the pillars' spacing.
const LEFT = -2.6,
  RIGHT = 4.2,
  CEILING = 5.5,
  FAR = 62,
  NEAR = 0.5,
  BAY = 3.4;

/**
 * A long corridor of the parliament: teak pillars receding, daylight from tall windows on the right,
 * doors on the left, and a press pack with cameras and microphones turned toward the speaker.
 */
function corridor(g: G, b: Band): void {
  const { u, fx, y } = b;
  const p: Perspective = { vx: fx - 22 * u, vy: y(44), f: 88 * u };
  corridorShell(g, b, p);
  for (let z = 3 + BAY * 17; z >= 3; z -= BAY) {
    pillar(g, p, LEFT, z, -1);
    pillar(g, p, RIGHT, z, 1);
  }
  pressPack(g, b, p);
}

/** Screen x and y of a point of the corridor (x across, height above the floor, z ahead), eye 1.6 m up. */
function project(p: Perspective, x: number, height: number, z: number): Point {
  return [p.vx + (x * p.f) / z, p.vy + ((1.6 - height) * p.f) / z];
}

/** A rectangle on a side wall (x fixed), from depth z0 to z1 and height h0 to h1. */
function onWall(p: Perspective, x: number, z0: number, z1: number, h0: number, h1: number): Point[] {
  return [project(p, x, h0, z0), project(p, x, h1, z0), project(p, x, h1, z1), project(p, x, h0, z1)];
}

/** A rectangle on the floor or the ceiling (height fixed), from x0 to x1 across and z0 to z1 ahead. */
function level(p: Perspective, height: number, x0: number, x1: number, z0: number, z1: number): Point[] {
  return [project(p, x0, height, z0), project(p, x1, height, z0), project(p, x1, height, z1), project(p, x0, height, z1)];
}

/** Walls, floor, ceiling and the far end, before the pillars stand in front of them. */
function corridorShell(g: G, b: Band, p: Perspective): void {
  g.fillStyle(PALETTE.wall, 1).fillRect(0, 0, b.w, b.h);
  g.fillStyle(tone(PALETTE.wall, 0.35), 1);
  poly(g, level(p, CEILING, LEFT, RIGHT, NEAR, FAR));
  g.fillStyle(PALETTE.marble, 1);
  poly(g, level(p, 0, LEFT, RIGHT, NEAR, FAR));
  g.fillStyle(tone(PALETTE.marble, -0.06), 1);
  for (let z = 1.7; z < FAR; z += 1.7) poly(g, level(p, 0, LEFT, RIGHT, z, z + 0.05));
  // The red runner down the middle with its gold borders.
  g.fillStyle(PALETTE.carpet, 1);
  poly(g, level(p, 0, 0.2, 1.6, NEAR, FAR));
  g.fillStyle(PALETTE.gold, 0.7);
  poly(g, level(p, 0, 0.2, 0.3, NEAR, FAR));
  poly(g, level(p, 0, 1.5, 1.6, NEAR, FAR));
  leftWall(g, p);
  rightWindows(g, p);
  // Two lines of ceiling lights.
  for (let z = 3 + BAY / 2; z < FAR; z += BAY) {
    const [a, ay] = project(p, -0.6, CEILING, z);
    const [c] = project(p, 2.4, CEILING, z);
    const s = p.f / z;
    g.fillStyle(0xfff6dc, 1).fillEllipse(a, ay, 0.7 * s, 0.14 * s);
    g.fillEllipse(c, ay, 0.7 * s, 0.14 * s);
  }
  corridorEnd(g, p);
}

/** The left wall: a teak wainscot and a panelled door in every bay. */
function leftWall(g: G, p: Perspective): void {
  g.fillStyle(tone(PALETTE.teak, 0.4), 1);
  poly(g, onWall(p, LEFT, NEAR, FAR, 0, 1.1));
  for (let z = 3.9; z < FAR; z += BAY) {
    g.fillStyle(PALETTE.goldDark, 1);
    poly(g, onWall(p, LEFT, z + 0.3, z + 2.2, 0, 2.8));
    g.fillStyle(PALETTE.teak, 1);
    poly(g, onWall(p, LEFT, z + 0.4, z + 2.1, 0, 2.7));
    g.fillStyle(tone(PALETTE.teak, -0.15), 1);
    poly(g, onWall(p, LEFT, z + 1.22, z + 1.28, 0, 2.7));
  }
}

/** The right wall: floor-to-ceiling glass onto the grounds, framed by mullions, a transom and a low sill. */
function rightWindows(g: G, p: Perspective): void {
  g.fillStyle(PALETTE.sky, 1);
  poly(g, onWall(p, RIGHT, NEAR, FAR, 0.3, 4.6));
  g.fillStyle(tone(PALETTE.sky, 0.4), 1);
  poly(g, onWall(p, RIGHT, NEAR, FAR, 0.3, 1.4));
  g.fillStyle(tone(PALETTE.teak, 0.2), 1);
  poly(g, onWall(p, RIGHT, NEAR, FAR, 0, 0.3));
  g.fillStyle(tone(PALETTE.wall, -0.06), 1);
  poly(g, onWall(p, RIGHT, NEAR, FAR, 3.5, 3.62));
  for (let z = 3 - (2 * BAY) / 3; z < FAR; z += BAY / 3) poly(g, onWall(p, RIGHT, z, z + 0.1, 0.3, 4.6));
}

/** The far end: a double door under the emblem. */
function corridorEnd(g: G, p: Perspective): void {
  const [lx, top] = project(p, LEFT, CEILING, FAR);
  const [rx, bottom] = project(p, RIGHT, 0, FAR);
  g.fillStyle(PALETTE.wallShade, 1).fillRect(lx, top, rx - lx, bottom - top);
  const [dx0, dy0] = project(p, 0.2, 3.2, FAR);
  const [dx1] = project(p, 1.6, 0, FAR);
  g.fillStyle(PALETTE.teak, 1).fillRect(dx0, dy0, dx1 - dx0, bottom - dy0);
  const [ex, ey] = project(p, 0.9, 4.3, FAR);
  g.fillStyle(PALETTE.gold, 1).fillCircle(ex, ey, (0.45 * p.f) / FAR);
}

/** A teak pillar against a wall (side -1 left, 1 right) at depth z: its lit front, shaded flank and gold bands. */
function pillar(g: G, p: Perspective, wallX: number, z: number, side: -1 | 1): void {
  const depth = 0.4,
    width = 0.9;
  const inner = wallX - side * depth;
  g.fillStyle(tone(PALETTE.teak, -0.22), 1);
  poly(g, onWall(p, inner, z, z + width, 0, CEILING));
  const [x0, top] = project(p, wallX, CEILING, z);
  const [x1, bottom] = project(p, inner, 0, z);
  const left = Math.min(x0, x1),
    right = Math.max(x0, x1);
  g.fillStyle(PALETTE.teak, 1).fillRect(left, top, right - left, bottom - top);
  g.fillStyle(tone(PALETTE.teak, 0.15), 1).fillRect(left + (right - left) * 0.2, top, (right - left) * 0.2, bottom - top);
  const s = p.f / z;
  g.fillStyle(PALETTE.gold, 1).fillRect(left, project(p, 0, 4.4, z)[1], right - left, 0.3 * s);
  g.fillRect(left, bottom - 0.25 * s, right - left, 0.25 * s);
}

/** The press pack: tripods with cameras and a stand of microphones, all turned left toward the speaker. */
function pressPack(g: G, b: Band, p: Perspective): void {
  const { u, fx, clear } = b;
  const room = clamp(clear - fx - 6 * u, 40 * u, 96 * u);
  const floorAt = (z: number) => p.vy + (1.6 * p.f) / z;
  tripodCamera(g, fx + room * 0.4, floorAt(4.2), p.f / 4.2, 0);
  if (room > 70 * u) tripodCamera(g, fx + room * 0.68, floorAt(3.7), p.f / 3.7, 1);
  microphones(g, fx + room * 0.08, floorAt(3), p.f / 3);
  tripodCamera(g, fx + room, floorAt(3.1), p.f / 3.1, 2);
}

/** A TV camera on a tripod; `s` is pixels per metre at its depth. */
function tripodCamera(g: G, x: number, floorY: number, s: number, n: number): void {
  const head = floorY - 1.45 * s;
  shadow(g, x, floorY, 1.1 * s, 0.14 * s, 0.2);
  g.lineStyle(Math.max(1, 0.035 * s), PALETTE.steel, 1);
  g.lineBetween(x, head, x - 0.42 * s, floorY);
  g.lineBetween(x, head, x + 0.4 * s, floorY - 0.02 * s);
  g.lineBetween(x, head, x + 0.05 * s, floorY + 0.05 * s);
  g.fillStyle(PALETTE.steel, 1).fillRect(x - 0.05 * s, head - 0.06 * s, 0.1 * s, 0.2 * s);
  // Body, lens toward the left, viewfinder and handle on top, a red tally light.
  const body = tone(PALETTE.steel, n === 1 ? 0.1 : 0);
  g.fillStyle(body, 1);
  rounded(g, x - 0.28 * s, head - 0.32 * s, 0.6 * s, 0.28 * s, 0.05 * s);
  g.fillStyle(tone(body, -0.3), 1);
  rounded(g, x - 0.5 * s, head - 0.28 * s, 0.26 * s, 0.2 * s, 0.04 * s);
  g.fillStyle(tone(PALETTE.glass, -0.3), 1).fillRect(x - 0.53 * s, head - 0.26 * s, 0.04 * s, 0.16 * s);
  g.fillStyle(tone(body, 0.15), 1).fillRect(x - 0.14 * s, head - 0.42 * s, 0.36 * s, 0.06 * s);
  g.fillStyle(tone(body, -0.1), 1).fillRect(x + 0.2 * s, head - 0.46 * s, 0.14 * s, 0.14 * s);
  g.fillStyle(PALETTE.flagRed, 1).fillCircle(x - 0.22 * s, head - 0.26 * s, 0.025 * s);
}

/** A stand bristling with microphones, each with its station's coloured cube. */
function microphones(g: G, x: number, floorY: number, s: number): void {
  const head = floorY - 1.5 * s;
  shadow(g, x, floorY, 0.6 * s, 0.1 * s, 0.2);
  g.fillStyle(PALETTE.steel, 1).fillRect(x - 0.02 * s, head, 0.04 * s, floorY - head);
  g.fillEllipse(x, floorY, 0.36 * s, 0.06 * s);
  const cubes = [PALETTE.navyLight, PALETTE.carpet, PALETTE.goldDark, PALETTE.flagWhite, PALETTE.success];
  cubes.forEach((colour, i) => {
    const dy = (i - 2) * 0.09 * s;
    const reach = (0.34 + 0.08 * noise(i + 4)) * s;
    g.fillStyle(PALETTE.steel, 1).fillRect(x - reach, head + dy - 0.015 * s, reach, 0.03 * s);
    g.fillStyle(colour, 1).fillRect(x - reach + 0.06 * s, head + dy - 0.05 * s, 0.1 * s, 0.1 * s);
    g.fillStyle(PALETTE.ink, 1).fillEllipse(x - reach, head + dy, 0.12 * s, 0.08 * s);
  });
}

// ---------- Meeting room ----------

/** A meeting room: a long table with name plates, glasses and microphones, the slides on the wall. */
function meetingRoom(g: G, b: Band): void {
  const { w, h, u, fx, y } = b;
  const floorY = y(92);
  g.fillStyle(PALETTE.wall, 1).fillRect(0, 0, w, h);
  g.fillStyle(PALETTE.floor, 1).fillRect(0, floorY, w, h - floorY);
  slatWall(g, fx, y(2), clamp(0.3 * w, 96 * u, 220 * u), floorY, u);
  wallScreen(g, fx, y(8), 62 * u, u);
  flagPole(g, fx - clamp(0.15 * w, 54 * u, 110 * u), y(14), floorY, u, -1);
  const tableX = 0.12 * w,
    tableW = w - 8 * u - tableX;
  const spacing = 27 * u;
  const seats = Math.floor((tableW - 10 * u) / spacing);
  const start = tableX + (tableW - seats * spacing) / 2 + spacing / 2;
  for (let i = 0; i < seats; i++) meetingChair(g, start + i * spacing, y(46), u, 1);
  meetingTable(g, tableX, y(66), tableW, floorY, u);
  for (let i = 0; i < seats; i++) seatSetting(g, start + i * spacing, y(66), u, i);
  flowers(g, fx, y(66), u);
  for (let i = 0; i < seats - 1; i++) meetingChair(g, start + (i + 0.5) * spacing, y(83), u, 1.25);
}

/** The wood-slatted feature wall that frames the screen. */
function slatWall(g: G, cx: number, top: number, sw: number, floorY: number, u: number): void {
  g.fillStyle(PALETTE.woodLight, 1).fillRect(cx - sw / 2, top, sw, floorY - top);
  g.fillStyle(tone(PALETTE.woodLight, -0.18), 1);
  for (let x = cx - sw / 2 + 1.5 * u; x < cx + sw / 2; x += 3 * u) g.fillRect(x, top, 0.8 * u, floorY - top);
  g.fillStyle(tone(PALETTE.woodLight, -0.4), 1).fillRect(cx - sw / 2, top, sw, 1.2 * u);
}

/** The wall screen, showing a slide: a gold title bar, two lines of text and a small bar chart. */
function wallScreen(g: G, cx: number, top: number, sw: number, u: number): void {
  const sh = sw * 0.52,
    x = cx - sw / 2;
  g.fillStyle(PALETTE.ink, 1);
  rounded(g, x - 1.2 * u, top - 1.2 * u, sw + 2.4 * u, sh + 2.4 * u, 1 * u);
  g.fillStyle(PALETTE.navy, 1).fillRect(x, top, sw, sh);
  g.fillStyle(PALETTE.gold, 1).fillRect(x + sw * 0.06, top + sh * 0.1, sw * 0.5, sh * 0.1);
  g.fillStyle(PALETTE.paper, 0.75).fillRect(x + sw * 0.06, top + sh * 0.32, sw * 0.38, sh * 0.05);
  g.fillRect(x + sw * 0.06, top + sh * 0.44, sw * 0.3, sh * 0.05);
  g.fillRect(x + sw * 0.06, top + sh * 0.56, sw * 0.34, sh * 0.05);
  const bars = [0.35, 0.55, 0.45, 0.7];
  bars.forEach((v, i) => {
    g.fillStyle(i === 3 ? PALETTE.gold : tone(PALETTE.navyLight, 0.3), 1);
    g.fillRect(x + sw * (0.56 + i * 0.09), top + sh * (0.86 - v * 0.8), sw * 0.06, sh * v * 0.8);
  });
  g.fillStyle(PALETTE.paper, 0.4).fillRect(x + sw * 0.54, top + sh * 0.86, sw * 0.4, sh * 0.015);
  // A sheen across the glass.
  g.fillStyle(0xffffff, 0.05);
  poly(g, [
    [x + sw * 0.55, top],
    [x + sw * 0.75, top],
    [x + sw * 0.45, top + sh],
    [x + sw * 0.25, top + sh],
  ]);
}

/** A conference chair's back: the far row shows its top above the table, the near row is larger. */
function meetingChair(g: G, x: number, top: number, u: number, scale: number): void {
  const cw = 15 * u * scale,
    ch = 22 * u * scale;
  const near = scale > 1;
  const colour = near ? tone(PALETTE.navyLight, -0.25) : PALETTE.navyLight;
  g.fillStyle(colour, 1);
  rounded(g, x - cw / 2, top, cw, ch, 4 * u * scale);
  g.fillStyle(tone(colour, near ? 0.1 : 0.14), 1).fillRect(x - cw / 2 + 2.4 * u * scale, top + 3 * u * scale, cw * 0.3, ch - 8 * u * scale);
}

/** The long table: a pale top seen a little from above, its dark edge and a modesty panel. */
function meetingTable(g: G, x: number, top: number, tw: number, floorY: number, u: number): void {
  shadow(g, x + tw / 2, floorY, tw * 1.02, 4 * u, 0.22);
  g.fillStyle(tone(PALETTE.wood, -0.2), 1).fillRect(x + 6 * u, top + 8 * u, tw - 12 * u, floorY - top - 10 * u);
  g.fillStyle(tone(PALETTE.woodLight, 0.25), 1);
  rounded(g, x, top, tw, 7 * u, 3 * u);
  g.fillStyle(PALETTE.wood, 1).fillRect(x + 2 * u, top + 6 * u, tw - 4 * u, 2.4 * u);
  g.fillStyle(tone(PALETTE.woodLight, 0.4), 1).fillRect(x + 3 * u, top + 0.8 * u, tw - 6 * u, 0.8 * u);
}

/** One seat's things on the table: papers, a name plate, a glass of water and a microphone. */
function seatSetting(g: G, x: number, top: number, u: number, i: number): void {
  g.fillStyle(PALETTE.paper, 1);
  poly(g, [
    [x - 7 * u, top + 1.2 * u],
    [x + 4 * u, top + 1.2 * u],
    [x + 5 * u, top + 4 * u],
    [x - 6 * u, top + 4 * u],
  ]);
  // The name plate faces across the table: white card, a navy line for the name.
  g.fillStyle(PALETTE.flagWhite, 1).fillRect(x - 5 * u, top + 1 * u, 10 * u, 4.4 * u);
  g.fillStyle(PALETTE.paperShade, 1).fillRect(x - 5 * u, top + 4.4 * u, 10 * u, 1 * u);
  g.fillStyle(PALETTE.navy, 1).fillRect(x - 3.5 * u, top + 2.4 * u, 7 * u * (0.7 + 0.3 * noise(i)), 0.9 * u);
  // A glass of water catching the light.
  g.fillStyle(PALETTE.glass, 0.55).fillRect(x + 7 * u, top - 2 * u, 2.6 * u, 5.4 * u);
  g.fillStyle(tone(PALETTE.glass, -0.1), 0.7).fillRect(x + 7 * u, top + 0.4 * u, 2.6 * u, 3 * u);
  g.fillStyle(0xffffff, 0.6).fillRect(x + 7.4 * u, top - 1.6 * u, 0.5 * u, 4.4 * u);
  // A gooseneck microphone, its ring lit for whoever has the floor.
  g.fillStyle(PALETTE.steel, 1).fillRect(x - 11 * u, top + 2 * u, 4 * u, 1.6 * u);
  g.lineStyle(0.5 * u, PALETTE.steel, 1).lineBetween(x - 9 * u, top + 2 * u, x - 7.6 * u, top - 8 * u);
  g.fillStyle(PALETTE.steel, 1).fillCircle(x - 7.4 * u, top - 8.6 * u, 0.8 * u);
  if (i === 1) g.fillStyle(PALETTE.flagRed, 1).fillCircle(x - 7.4 * u, top - 8.6 * u, 0.45 * u);
}

/** A low arrangement of flowers in the middle of the table. */
function flowers(g: G, cx: number, top: number, u: number): void {
  g.fillStyle(PALETTE.leaf, 1).fillEllipse(cx, top - 1.5 * u, 18 * u, 5 * u);
  const blooms: [number, number, number][] = [
    [-6, -3, 0xf4f5f8],
    [-2, -4.5, 0xd8b4cf],
    [2.5, -4, 0xf4f5f8],
    [6, -2.6, 0xe9cf8a],
    [0, -2, 0xe9cf8a],
    [-4, -1.5, 0xd8b4cf],
  ];
  for (const [dx, dy, colour] of blooms) g.fillStyle(colour, 1).fillCircle(cx + dx * u, top + dy * u, 1.8 * u);
  g.fillStyle(PALETTE.goldDark, 1).fillRect(cx - 6 * u, top - 0.4 * u, 12 * u, 1.6 * u);
}

// ---------- Phone ----------

/** A call, seen from above the desk: the mobile mid-call, the desk phone, and notes being taken. */
function phone(g: G, b: Band): void {
  const { w, h, u, fx, y } = b;
  deskTop(g, w, h, u);
  const padX = fx - 80 * u,
    padW = 172 * u;
  g.fillStyle(0x000000, 0.2);
  rounded(g, padX + 1.5 * u, y(7.5), padW, 88 * u, 3 * u);
  g.fillStyle(PALETTE.navy, 1);
  rounded(g, padX, y(6), padW, 88 * u, 3 * u);
  g.lineStyle(0.4 * u, PALETTE.gold, 0.7).strokeRoundedRect(padX + 2 * u, y(8), padW - 4 * u, 84 * u, 2 * u);
  deskPhone(g, fx - 52 * u, y(50), u);
  callRings(g, fx + 2 * u, y(50), u);
  mobile(g, fx + 2 * u, y(50), u);
  notepad(g, fx + 32 * u, y(11), u);
  teacup(g, padX + padW + 24 * u, y(64), u);
  folders(g, padX + padW + 48 * u, y(14), u);
}

/** The desk: broad planks of warm wood with a little grain. */
function deskTop(g: G, w: number, h: number, u: number): void {
  g.fillStyle(PALETTE.teak, 1).fillRect(0, 0, w, h);
  const plank = 24 * u;
  for (let i = 0; i * plank < h; i++) {
    g.fillStyle(tone(PALETTE.teak, (noise(i) - 0.5) * 0.1), 1).fillRect(0, i * plank, w, plank);
    g.fillStyle(tone(PALETTE.teak, -0.2), 1).fillRect(0, i * plank, w, 0.4 * u);
    g.fillStyle(tone(PALETTE.teak, 0.08), 0.5);
    for (let j = 0; j < 5; j++) g.fillRect(w * noise(i * 5 + j), i * plank + plank * (0.2 + 0.6 * noise(j + i)), w * 0.2, 0.3 * u);
  }
}

/** The office's desk phone: handset in its cradle, keypad, a lit line button. */
function deskPhone(g: G, cx: number, cy: number, u: number): void {
  g.fillStyle(0x000000, 0.25);
  rounded(g, cx - 18 * u, cy - 20 * u, 40 * u, 44 * u, 5 * u);
  g.fillStyle(PALETTE.steel, 1);
  rounded(g, cx - 20 * u, cy - 22 * u, 40 * u, 44 * u, 5 * u);
  g.fillStyle(tone(PALETTE.steel, -0.25), 1);
  rounded(g, cx - 19 * u, cy - 21 * u, 11 * u, 42 * u, 5 * u);
  g.fillStyle(tone(PALETTE.steel, 0.12), 1);
  rounded(g, cx - 18 * u, cy - 22 * u, 9 * u, 44 * u, 4.5 * u);
  g.fillStyle(tone(PALETTE.steel, 0.22), 1);
  rounded(g, cx - 17 * u, cy - 20 * u, 3 * u, 40 * u, 1.5 * u);
  g.fillStyle(0x9fb3a4, 1).fillRect(cx - 4 * u, cy - 17 * u, 19 * u, 7 * u);
  g.fillStyle(tone(0x9fb3a4, -0.35), 1).fillRect(cx - 2 * u, cy - 14.4 * u, 10 * u, 1 * u);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 3; c++) {
      g.fillStyle(tone(PALETTE.steel, 0.35), 1);
      rounded(g, cx - 3 * u + c * 6.4 * u, cy - 6 * u + r * 6 * u, 4.6 * u, 4 * u, 1 * u);
    }
  g.fillStyle(PALETTE.success, 1).fillCircle(cx + 17 * u, cy - 8 * u, 1.2 * u);
}

/** The call's waves spreading from the mobile on both sides. */
function callRings(g: G, cx: number, cy: number, u: number): void {
  for (let i = 1; i <= 3; i++) {
    g.lineStyle(1.3 * u, PALETTE.gold, 1 - i * 0.25);
    const r = 16 * u + i * 5 * u;
    for (const a of [0, Math.PI]) {
      g.beginPath();
      g.arc(cx, cy, r, a - 0.45, a + 0.45, false);
      g.strokePath();
    }
  }
}

/** The mobile on the desk, mid-call: caller, a green call bar, the timer and the red end button. */
function mobile(g: G, cx: number, cy: number, u: number): void {
  const mw = 32 * u,
    mh = 64 * u;
  g.fillStyle(0x000000, 0.3);
  rounded(g, cx - mw / 2 + 2 * u, cy - mh / 2 + 2.5 * u, mw, mh, 5 * u);
  g.fillStyle(PALETTE.ink, 1);
  rounded(g, cx - mw / 2, cy - mh / 2, mw, mh, 5 * u);
  g.fillStyle(tone(PALETTE.navy, 0.06), 1);
  rounded(g, cx - mw / 2 + 1.5 * u, cy - mh / 2 + 1.5 * u, mw - 3 * u, mh - 3 * u, 4 * u);
  g.fillStyle(PALETTE.success, 1);
  rounded(g, cx - 6 * u, cy - mh / 2 + 4 * u, 12 * u, 3 * u, 1.5 * u);
  // The caller: a plain person glyph, no face.
  g.fillStyle(PALETTE.navyLight, 1).fillCircle(cx, cy - 12 * u, 7 * u);
  g.fillStyle(tone(PALETTE.navyLight, 0.35), 1).fillCircle(cx, cy - 14 * u, 2.6 * u);
  g.slice(cx, cy - 7 * u, 4.6 * u, Math.PI, 2 * Math.PI, false);
  g.fillPath();
  g.fillStyle(PALETTE.paper, 1).fillRect(cx - 9 * u, cy - 1 * u, 18 * u, 2.2 * u);
  g.fillStyle(PALETTE.gold, 1).fillRect(cx - 5 * u, cy + 3 * u, 10 * u, 1.4 * u);
  for (const dx of [-8, 0, 8]) g.fillStyle(tone(PALETTE.navyLight, 0.1), 1).fillCircle(cx + dx * u, cy + 13 * u, 2.4 * u);
  g.fillStyle(PALETTE.failure, 1).fillCircle(cx, cy + 23 * u, 3.6 * u);
  g.fillStyle(PALETTE.flagWhite, 1).fillRect(cx - 2 * u, cy + 22.6 * u, 4 * u, 0.8 * u);
}

/** The notepad: ruled paper under a binding, a few lines of notes, a pen lying across it. */
function notepad(g: G, x: number, top: number, u: number): void {
  const pw = 52 * u,
    ph = 78 * u;
  g.fillStyle(0x000000, 0.25).fillRect(x + 1.5 * u, top + 2 * u, pw, ph);
  g.fillStyle(PALETTE.paperShade, 1).fillRect(x + 0.8 * u, top + 0.8 * u, pw, ph);
  g.fillStyle(PALETTE.paper, 1).fillRect(x, top, pw, ph);
  g.fillStyle(PALETTE.goldDark, 1).fillRect(x, top, pw, 6 * u);
  g.fillStyle(tone(PALETTE.goldDark, -0.25), 1).fillRect(x, top + 5 * u, pw, 1 * u);
  g.fillStyle(tone(PALETTE.glass, -0.1), 0.8);
  for (let v = top + 13 * u; v < top + ph - 3 * u; v += 6 * u) g.fillRect(x + 3 * u, v, pw - 6 * u, 0.35 * u);
  g.fillStyle(PALETTE.flagRed, 0.5).fillRect(x + 9 * u, top + 6 * u, 0.35 * u, ph - 6 * u);
  // Handwriting as short wavy strokes of ink, a tick before two of the lines.
  g.lineStyle(0.55 * u, PALETTE.navyLight, 0.9);
  for (let line = 0; line < 6; line++) {
    const base = top + 12.4 * u + line * 6 * u;
    const length = (pw - 16 * u) * (0.45 + 0.5 * noise(line + 20));
    g.beginPath();
    g.moveTo(x + 12 * u, base);
    for (let t = 0; t <= length; t += 1.2 * u) g.lineTo(x + 12 * u + t, base - Math.abs(Math.sin(t / u)) * 1.4 * u);
    g.strokePath();
  }
  g.lineStyle(0.6 * u, PALETTE.success, 1);
  for (const line of [1, 4]) {
    const base = top + 12 * u + line * 6 * u;
    g.lineBetween(x + 4 * u, base - 1.5 * u, x + 5.4 * u, base);
    g.lineBetween(x + 5.4 * u, base, x + 7.6 * u, base - 3 * u);
  }
  pen(g, x + pw * 0.72, top + ph * 0.62, u);
}

/** A fountain pen lying at an angle. */
function pen(g: G, x: number, y: number, u: number): void {
  g.save();
  g.translateCanvas(x, y);
  g.rotateCanvas(-0.5);
  g.fillStyle(0x000000, 0.2);
  rounded(g, -18 * u, -0.6 * u, 36 * u, 3.4 * u, 1.4 * u);
  g.fillStyle(PALETTE.navy, 1);
  rounded(g, -18 * u, -1.6 * u, 30 * u, 3.2 * u, 1.4 * u);
  g.fillStyle(PALETTE.gold, 1).fillRect(-6 * u, -1.6 * u, 1.4 * u, 3.2 * u);
  g.fillTriangle(12 * u, -1.4 * u, 18 * u, 0, 12 * u, 1.4 * u);
  g.fillRect(-15 * u, -2 * u, 9 * u, 0.8 * u);
  g.restore();
}

/** A cup of tea on its saucer, seen from above. */
function teacup(g: G, cx: number, cy: number, u: number): void {
  g.fillStyle(0x000000, 0.22).fillCircle(cx + 1.5 * u, cy + 2 * u, 14 * u);
  g.fillStyle(PALETTE.flagWhite, 1).fillCircle(cx, cy, 14 * u);
  g.fillStyle(PALETTE.paperShade, 1).fillCircle(cx, cy, 9.5 * u);
  g.fillStyle(PALETTE.flagWhite, 1).fillCircle(cx, cy, 8.6 * u);
  g.fillStyle(0xa0652b, 1).fillCircle(cx, cy, 6.8 * u);
  g.fillStyle(0xffffff, 0.25).fillEllipse(cx - 2 * u, cy - 2.4 * u, 5 * u, 2 * u);
  g.fillStyle(PALETTE.flagWhite, 1);
  rounded(g, cx + 8 * u, cy - 1.6 * u, 6 * u, 3.2 * u, 1.6 * u);
}

/** Two closed files stacked a little askew, the top one flagged urgent with a red tab. */
function folders(g: G, x: number, top: number, u: number): void {
  g.fillStyle(0x000000, 0.22).fillRect(x + 2 * u, top + 2.5 * u, 50 * u, 66 * u);
  g.fillStyle(PALETTE.navyLight, 1).fillRect(x + 3 * u, top - 2 * u, 48 * u, 66 * u);
  g.fillStyle(0xd9c089, 1).fillRect(x, top, 48 * u, 66 * u);
  g.fillStyle(tone(0xd9c089, -0.12), 1).fillRect(x, top, 4 * u, 66 * u);
  g.fillStyle(PALETTE.flagWhite, 1).fillRect(x + 14 * u, top + 14 * u, 26 * u, 9 * u);
  g.fillStyle(PALETTE.navy, 0.8).fillRect(x + 17 * u, top + 17.4 * u, 18 * u, 1.2 * u);
  g.fillStyle(PALETTE.failure, 1).fillRect(x + 48 * u, top + 8 * u, 4 * u, 10 * u);
}

export function drawBackground(g: G, kind: Background, w: number, h: number): void {
  ({ office, chamber, corridor, 'meeting-room': meetingRoom, phone })[kind](g, band(w, h));
}

/**
 * The parliament at dusk, for the menu behind the title: the long colonnaded building with the golden
 * tiered spire at its heart, reflected in the river. Low in contrast so the menu stays readable.
 */
export function drawParliament(g: G, w: number, h: number): void {
  const s = Math.min(w / 1.3, h) / 100;
  const base = h * 0.8;
  duskSky(g, w, h, base);
  const bw = Math.min(w * 0.86, 150 * s);
  const cx = w / 2;
  skyline(g, w, base, s);
  parliamentHall(g, cx, base, bw, s);
  goldenSpire(g, cx, base - 24 * s, s);
  river(g, w, h, base, cx, bw, s);
}

/** The sky from night above to a warm last light at the horizon, and a few early stars. */
function duskSky(g: G, w: number, h: number, horizon: number): void {
  const glow = horizon - h * 0.25;
  g.fillGradientStyle(PALETTE.navy, PALETTE.navy, PALETTE.navyLight, PALETTE.navyLight, 1);
  g.fillRect(0, 0, w, glow);
  const dusk = mix(PALETTE.navyLight, PALETTE.gold, 0.3);
  g.fillGradientStyle(PALETTE.navyLight, PALETTE.navyLight, dusk, dusk, 1);
  g.fillRect(0, glow, w, horizon - glow);
  const r = Math.max(0.8, Math.min(w, h) * 0.0018);
  for (let i = 0; i < 48; i++)
    g.fillStyle(PALETTE.paper, 0.25 + 0.45 * noise(i + 90)).fillCircle(w * noise(i + 7), glow * 0.9 * noise(i + 51), r);
}

/** The city's low blocks along the horizon, a shade darker than the sky, so the building has a place. */
function skyline(g: G, w: number, base: number, s: number): void {
  g.fillStyle(mix(PALETTE.navy, PALETTE.navyLight, 0.4), 1);
  for (let x = 0, i = 0; x < w; i++) {
    const bw = (4 + 6 * noise(i + 200)) * s;
    const bh = (3 + 9 * noise(i + 220)) * s;
    g.fillRect(x, base - bh, bw, bh);
    x += bw + 0.6 * s;
  }
}

/** The long hall: a stepped podium, the colonnade lit gold from within, a higher centre block. */
function parliamentHall(g: G, cx: number, base: number, bw: number, s: number): void {
  const body = 0x1c2b4b;
  g.fillStyle(tone(body, 0.1), 1).fillRect(cx - bw / 2 - 2 * s, base - 4 * s, bw + 4 * s, 4 * s);
  g.fillStyle(body, 1).fillRect(cx - bw / 2, base - 16 * s, bw, 12 * s);
  g.fillRect(cx - 20 * s, base - 24 * s, 40 * s, 8 * s);
  g.fillStyle(mix(PALETTE.gold, body, 0.3), 1).fillRect(cx - bw / 2, base - 16.6 * s, bw, 0.6 * s);
  g.fillRect(cx - 20 * s, base - 24.6 * s, 40 * s, 0.6 * s);
  // Light between the columns, warm and dim.
  const columns = Math.floor(bw / (3.4 * s));
  const step = bw / columns;
  for (let i = 0; i < columns; i++) {
    g.fillStyle(mix(PALETTE.gold, body, 0.45 + 0.2 * noise(i + 60)), 1);
    g.fillRect(cx - bw / 2 + i * step + step * 0.3, base - 14 * s, step * 0.4, 9 * s);
  }
  g.fillStyle(mix(PALETTE.gold, body, 0.6), 1);
  for (let i = 0; i < 10; i++) g.fillRect(cx - 18 * s + i * 4 * s, base - 22.6 * s, 1.6 * s, 5.6 * s);
}

/** The golden spire in tiers, each lit on its left and shaded on its right, dimmed by the dusk. */
function goldenSpire(g: G, cx: number, base: number, s: number): void {
  const lit = mix(PALETTE.gold, PALETTE.navy, 0.3),
    shade = mix(PALETTE.goldDark, PALETTE.navy, 0.3);
  const tiers: [number, number][] = [
    [22, 2.6],
    [17, 2.6],
    [12.5, 2.6],
    [9, 2.6],
  ];
  let y = base;
  for (const [width, tall] of tiers) {
    g.fillStyle(shade, 1).fillRect(cx - (width / 2) * s, y - tall * s, width * s, tall * s);
    g.fillStyle(lit, 1).fillRect(cx - (width / 2) * s, y - tall * s, (width / 2) * s, tall * s);
    y -= tall * s;
  }
  // The bell and the tapering finial.
  g.fillStyle(shade, 1).fillEllipse(cx, y - 2.6 * s, 8 * s, 7 * s);
  g.fillTriangle(cx, y - 20 * s, cx - 2 * s, y - 4.5 * s, cx + 2 * s, y - 4.5 * s);
  g.fillStyle(lit, 1).slice(cx, y - 2.6 * s, 4 * s, Math.PI / 2, (3 * Math.PI) / 2, false);
  g.fillPath();
  g.fillTriangle(cx, y - 20 * s, cx - 2 * s, y - 4.5 * s, cx, y - 4.5 * s);
}

/** The river in front, with the building's lights broken into ripples. */
function river(g: G, w: number, h: number, base: number, cx: number, bw: number, s: number): void {
  const water = 0x0e1830;
  g.fillStyle(water, 1).fillRect(0, base, w, h - base);
  for (let i = 0; i < 30; i++) {
    const depth = noise(i + 140);
    const y = base + 1.5 * s + (h - base) * 0.8 * depth;
    const len = (0.06 + 0.22 * noise(i + 120)) * bw * (1 - depth * 0.7);
    const x = cx - bw * 0.45 + bw * 0.9 * noise(i + 180);
    g.fillStyle(mix(PALETTE.gold, water, 0.6 + 0.3 * depth), 1).fillRect(x - len / 2, y, len, 0.45 * s);
  }
}
