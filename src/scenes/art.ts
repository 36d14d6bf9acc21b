/**
 * The stage's pictures, drawn from shapes so nothing is downloaded: the five places a scenario can be
 * set in, and people as simple silhouettes with a sash for their side.
 */
import type Phaser from 'phaser';
import type { Background, Side } from '../engine';
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
} as const;

type G = Phaser.GameObjects.Graphics;

/** A person from the waist up, facing the viewer; `scale` 1 is about 160 px tall. */
export function drawPerson(g: G, x: number, baseY: number, scale: number, side: Side, highlight = false): void {
  const body = highlight ? PALETTE.navy : PALETTE.navyLight;
  g.fillStyle(body, highlight ? 1 : 0.85);
  g.fillRoundedRect(x - 48 * scale, baseY - 95 * scale, 96 * scale, 95 * scale, { tl: 36 * scale, tr: 36 * scale, bl: 0, br: 0 });
  g.fillStyle(PALETTE.skin, highlight ? 1 : 0.85);
  g.fillCircle(x, baseY - 128 * scale, 30 * scale);
  // The sash runs from the right shoulder to the left hip.
  g.fillStyle(PALETTE[side], 1);
  g.beginPath();
  g.moveTo(x + 30 * scale, baseY - 92 * scale);
  g.lineTo(x + 44 * scale, baseY - 80 * scale);
  g.lineTo(x - 30 * scale, baseY);
  g.lineTo(x - 48 * scale, baseY);
  g.closePath();
  g.fillPath();
  if (highlight) {
    g.lineStyle(3 * scale, PALETTE.gold, 1);
    g.strokeCircle(x, baseY - 128 * scale, 33 * scale);
  }
}

function floor(g: G, w: number, h: number, horizon: number, colour: number): void {
  g.fillStyle(colour, 1);
  g.fillRect(0, horizon, w, h - horizon);
}

function office(g: G, w: number, h: number): void {
  g.fillStyle(PALETTE.wall, 1).fillRect(0, 0, w, h);
  const horizon = h * 0.72;
  floor(g, w, h, horizon, PALETTE.wallShade);
  // Window with the parliament's gold roofline in the distance.
  const wx = w * 0.62,
    wy = h * 0.12,
    ww = w * 0.3,
    wh = h * 0.42;
  g.fillStyle(PALETTE.glass, 1).fillRect(wx, wy, ww, wh);
  g.fillStyle(PALETTE.gold, 0.55).fillRect(wx + ww * 0.1, wy + wh * 0.7, ww * 0.8, wh * 0.08);
  g.lineStyle(6, PALETTE.wood, 1).strokeRect(wx, wy, ww, wh);
  g.lineBetween(wx + ww / 2, wy, wx + ww / 2, wy + wh);
  // Flag on a pole: red, white, blue, white, red.
  const fx = w * 0.12,
    fy = h * 0.1;
  g.lineStyle(4, PALETTE.wood, 1).lineBetween(fx, fy, fx, horizon);
  const stripes = [0xa51931, 0xf4f5f8, 0x2d2a4a, 0x2d2a4a, 0xf4f5f8, 0xa51931];
  stripes.forEach((c, i) => g.fillStyle(c, 1).fillRect(fx + 2, fy + i * 10, 70, 10));
  // Desk.
  g.fillStyle(PALETTE.wood, 1).fillRect(w * 0.08, horizon - h * 0.04, w * 0.84, h * 0.1);
  g.fillStyle(PALETTE.woodLight, 1).fillRect(w * 0.08, horizon - h * 0.06, w * 0.84, h * 0.025);
}

function chamber(g: G, w: number, h: number): void {
  g.fillStyle(0x2a1f1a, 1).fillRect(0, 0, w, h);
  const cx = w / 2,
    cy = h * 1.05;
  // Rows of seats in a semicircle around the Speaker's chair.
  for (let row = 0; row < 5; row++) {
    const r = h * (0.35 + row * 0.13);
    g.fillStyle(PALETTE.carpet, 1 - row * 0.1);
    g.slice(cx, cy, r + h * 0.05, Math.PI, 2 * Math.PI, false);
    g.fillPath();
    const seats = 10 + row * 5;
    for (let i = 0; i <= seats; i++) {
      const a = Math.PI + (Math.PI * i) / seats;
      g.fillStyle(i < seats * 0.55 ? PALETTE.government : PALETTE.opposition, 0.75);
      g.fillCircle(cx + Math.cos(a) * r, cy + Math.sin(a) * r, Math.max(3, h * 0.014));
    }
  }
  // The Speaker's chair under a gold canopy.
  g.fillStyle(PALETTE.gold, 1).fillRect(cx - w * 0.05, h * 0.05, w * 0.1, h * 0.05);
  g.fillStyle(PALETTE.wood, 1).fillRoundedRect(cx - w * 0.03, h * 0.1, w * 0.06, h * 0.14, 8);
}

function corridor(g: G, w: number, h: number): void {
  g.fillStyle(PALETTE.wallShade, 1).fillRect(0, 0, w, h);
  const vx = w / 2,
    vy = h * 0.42;
  g.fillStyle(PALETTE.wall, 1);
  g.fillTriangle(0, 0, vx, vy, 0, h);
  g.fillTriangle(w, 0, vx, vy, w, h);
  g.fillStyle(PALETTE.carpet, 1).fillTriangle(w * 0.2, h, vx, vy, w * 0.8, h);
  // Columns receding into the distance.
  for (let i = 1; i <= 5; i++) {
    const t = i / 6;
    const x1 = vx - vx * (1 - t),
      x2 = vx + vx * (1 - t);
    const top = vy - vy * (1 - t),
      bottom = vy + (h - vy) * (1 - t);
    g.fillStyle(PALETTE.gold, 0.35 + t * 0.3);
    g.fillRect(x1 - 6 * (1 - t) * 3, top, 12 * (1 - t) * 3, bottom - top);
    g.fillRect(x2 - 6 * (1 - t) * 3, top, 12 * (1 - t) * 3, bottom - top);
  }
}

function meetingRoom(g: G, w: number, h: number): void {
  g.fillStyle(PALETTE.wall, 1).fillRect(0, 0, w, h);
  const horizon = h * 0.6;
  floor(g, w, h, horizon, PALETTE.wallShade);
  // A screen on the wall and a long table in perspective.
  g.fillStyle(PALETTE.navyLight, 1).fillRect(w * 0.35, h * 0.08, w * 0.3, h * 0.22);
  g.fillStyle(PALETTE.wood, 1);
  g.fillTriangle(w * 0.42, horizon - h * 0.05, w * 0.58, horizon - h * 0.05, w * 0.9, h);
  g.fillTriangle(w * 0.42, horizon - h * 0.05, w * 0.9, h, w * 0.1, h);
  for (let i = 0; i < 4; i++) {
    const t = (i + 1) / 5;
    g.fillStyle(PALETTE.navyLight, 0.6);
    g.fillCircle(w * (0.42 - t * 0.36), horizon + (h - horizon) * t * 0.9, 10 + t * 14);
    g.fillCircle(w * (0.58 + t * 0.36), horizon + (h - horizon) * t * 0.9, 10 + t * 14);
  }
}

function phone(g: G, w: number, h: number): void {
  g.fillStyle(PALETTE.navy, 1).fillRect(0, 0, w, h);
  // A handset in close-up and the voice as a line of waves.
  const cx = w * 0.3,
    cy = h * 0.5,
    s = Math.min(w, h) / 400;
  g.fillStyle(PALETTE.paper, 1);
  g.fillRoundedRect(cx - 40 * s, cy - 110 * s, 80 * s, 220 * s, 28 * s);
  g.fillStyle(PALETTE.navyLight, 1).fillRoundedRect(cx - 28 * s, cy - 80 * s, 56 * s, 150 * s, 10 * s);
  g.lineStyle(4, PALETTE.gold, 1);
  for (let i = 1; i <= 3; i++) {
    g.beginPath();
    g.arc(cx + 40 * s, cy, i * 40 * s, -Math.PI / 4, Math.PI / 4, false);
    g.strokePath();
  }
  g.lineStyle(3, PALETTE.gold, 0.7);
  g.beginPath();
  g.moveTo(w * 0.5, cy);
  for (let x = w * 0.5; x < w * 0.95; x += 6) g.lineTo(x, cy + Math.sin(x / 9) * 18 * s * Math.sin((x - w * 0.5) / 60));
  g.strokePath();
}

export function drawBackground(g: G, kind: Background, w: number, h: number): void {
  ({ office, chamber, corridor, 'meeting-room': meetingRoom, phone })[kind](g, w, h);
}

/** The parliament building's silhouette against a dusk sky, for the menu. */
export function drawParliament(g: G, w: number, h: number): void {
  g.fillGradientStyle(PALETTE.navy, PALETTE.navy, PALETTE.navyLight, PALETTE.navyLight, 1);
  g.fillRect(0, 0, w, h);
  const base = h * 0.82;
  g.fillStyle(PALETTE.gold, 0.28);
  g.fillRect(w * 0.1, base - h * 0.16, w * 0.8, h * 0.16);
  g.fillTriangle(w * 0.4, base - h * 0.16, w * 0.5, base - h * 0.34, w * 0.6, base - h * 0.16);
  g.fillStyle(PALETTE.gold, 0.4);
  for (let i = 0; i < 16; i++) g.fillRect(w * 0.12 + (i * w * 0.76) / 16, base - h * 0.14, w * 0.012, h * 0.14);
  g.fillStyle(0x0e1830, 1).fillRect(0, base, w, h - base);
}
