// Toolbar icons as inline SVG (16x16, currentColor), so they follow the theme and need no font glyphs.

const PATHS = {
  first: 'M2 2h2v12H2z M9.5 2 4.5 8l5 6z M15 2l-5 6 5 6z',
  back: 'M12 2 5 8l7 6z',
  play: 'M4 2v12l10-6z',
  pause: 'M3.5 2h3v12h-3z M9.5 2h3v12h-3z',
  forward: 'M4 2v12l7-6z',
  last: 'M12 2h2v12h-2z M6.5 2l5 6-5 6z M1 2l5 6-5 6z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(doc: Document, name: IconName): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = doc.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `ls-icon ls-icon-${name}`);
  const path = doc.createElementNS(ns, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
