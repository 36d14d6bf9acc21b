/**
 * A character's portrait as one SVG file holding the four expressions side by side, each under an SVG
 * view named after it: `portrait.svg#concerned` shows that face, so one download serves them all.
 * Used at build time for the shipped scenarios and, loaded on demand, in the browser for other files.
 */
import { createAvatar } from '@dicebear/core';
import * as avataaars from '@dicebear/avataaars';
import { EXPRESSIONS, type Look } from '../engine';
import { avataaarsOptions } from './avataaars';

const SIZE = 280;

/** The same number for the same id everywhere (it picks a hair style or a suit's colour). */
function variantOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
  return h;
}

/** Ids made unique per face, so the four copies' masks don't point at each other. */
function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

export function portraitSvg(id: string, look: Look): string {
  const variant = variantOf(id);
  const faces = EXPRESSIONS.map((expression, i) => {
    const svg = createAvatar(avataaars, { seed: id, ...avataaarsOptions(look, expression, variant) }).toString();
    // Each face is its own nested <svg> placed in its column; the licence metadata is kept once.
    const placed = svg.replace('<svg ', `<svg x="${i * SIZE}" y="0" width="${SIZE}" height="${SIZE}" `);
    return prefixIds(i === 0 ? placed : placed.replace(/<metadata[\s\S]*?<\/metadata>/, ''), expression);
  });
  const views = EXPRESSIONS.map((e, i) => `<view id="${e}" viewBox="${i * SIZE} 0 ${SIZE} ${SIZE}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">${views}${faces.join('')}</svg>`;
}
