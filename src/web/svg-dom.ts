/** Builds the engine's SVG tree (a scenario map) as DOM: every text set as text, never parsed. */
import type { SvgElement } from '../authoring/graph';
import { svg } from './dom';

export function svgToDom(node: SvgElement): SVGElement {
  const attrs = Object.fromEntries(Object.entries(node.attrs).filter(([k]) => k !== 'xmlns'));
  return svg(node.tag, attrs, ...node.children.map((child) => (typeof child === 'string' ? child : svgToDom(child))));
}
