/**
 * Building DOM by hand, safely: text is always set as text (`textContent`), never parsed as HTML, so a
 * scenario line such as `<img src=x onerror=…>` shows exactly as written.
 */
type Child = Node | string | null | undefined | false;
/** An event handler. What it returns is let go: one that returns a promise handles its own failures. */
type Listener = (event: Event) => unknown;
type Attributes = Record<string, string | number | boolean | undefined | Listener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), (event) => void value(event));
    else if (name === 'class') element.className = String(value);
    // Through the style object: the content security policy refuses a style attribute as markup.
    else if (name === 'style') element.style.cssText = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children.flat());
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Plain text with blank lines as paragraph breaks, each paragraph a `<p>`. */
export function paragraphs(text: string, lang?: string): HTMLParagraphElement[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => h('p', lang ? { lang } : {}, p));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attributes: Record<string, string | number> = {}, ...children: (SVGElement | string)[]): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'style') element.style.cssText = String(value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

export function clear(element: Element): void {
  element.replaceChildren();
}
