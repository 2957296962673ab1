// The Timeline's colours for the canvas: the same theme tokens the stylesheet uses (styles/theme.css), read
// from the computed style once per theme (a canvas cannot use var()), and the hatching of suspended awaits.

import { SOURCES, type TaskSource } from '../src/shared/eventLoop';
import type { TimelineColours } from './timelineDraw';

/** The tokens' values on `el` (light, dark or high contrast, whichever applies now). */
export function readTimelineColours(el: Element): TimelineColours {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const queue = {} as Record<TaskSource, string>;
  for (const q of Object.keys(SOURCES) as TaskSource[]) queue[q] = v(SOURCES[q].colourToken, '#888');
  return {
    queue,
    fg: v('--ls-fg', '#000'),
    muted: v('--ls-muted', '#666'),
    border: v('--ls-border', '#ccc'),
    panel: v('--ls-panel', '#fff'),
    call: v('--ls-tl-call', '#0969da'),
    late: v('--ls-late', '#bf3989'),
    font: v('--ls-font', 'sans-serif'),
  };
}

/** Diagonal hatching for the suspended intervals: `stroke` lines on `fill`. */
export function hatchPattern(doc: Document, stroke: string, fill: string): CanvasPattern | null {
  const tile = doc.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const c = tile.getContext('2d');
  if (!c) return null;
  c.fillStyle = fill;
  c.fillRect(0, 0, 6, 6);
  c.strokeStyle = stroke;
  c.lineWidth = 1.2;
  c.beginPath();
  c.moveTo(-1, 7);
  c.lineTo(7, -1);
  c.moveTo(5, 7);
  c.lineTo(7, 5);
  c.moveTo(-1, 1);
  c.lineTo(1, -1);
  c.stroke();
  return c.createPattern(tile, 'repeat');
}
