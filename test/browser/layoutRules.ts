// The pure geometry of the layout check (test/browser/layoutCheck.ts): what counts as text that overflows
// its box, two text boxes that intersect, and a lane whose content is hidden, decided on plain numbers that
// the page measured. No DOM here, so the rules have their own unit test (test/unit/layoutRules.test.ts).

/** A rectangle in CSS pixels, as getBoundingClientRect gives it. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One visible piece of text in the page, as measured there. */
export interface TextItem {
  /** A short selector path from the app root, e.g. `section.ls-queue-timer > div.ls-chip > span.ls-chip-label`. */
  path: string;
  text: string;
  /** Index of the element in the page's walk; `ancestors` holds the indexes of its measured ancestors. */
  id: number;
  ancestors: number[];
  /** Where the text's glyphs are (the union of its own text nodes' ranges), clipped to what is visible. */
  box: Box;
  /** The box that holds the text (the element, or its nearest block ancestor for inline text). */
  scrollWidth: number;
  clientWidth: number;
  /** Whether a tooltip tells the whole text (title on it or an ancestor, or its own aria-label). */
  hasTooltip: boolean;
  /** The path of an element drawn on top of the text (hit-tested at its midline), if any. */
  coveredBy: string | null;
}

/** One lane's track and what is drawn in it. */
export interface LaneItem {
  path: string;
  /** What the lane shows: its box, less what overflow ancestors and the viewport cut off. */
  container: Box;
  items: { path: string; text: string; box: Box }[];
  /** Whether the lane shows a "+N more" item fully inside its track. */
  hasMore: boolean;
}

export type Rule = 'overflow' | 'intersect' | 'covered' | 'hidden-lane-content' | 'lane-overlap';

/** A lane's whole box (source, stack, each queue, console, ...), and the lanes it sits in. */
export interface LaneBox {
  path: string;
  box: Box;
  id: number;
  ancestors: number[];
}

export interface Offender {
  rule: Rule;
  path: string;
  text: string;
  /** What was measured, for the message: boxes, widths, the other element. */
  detail: string;
}

/** Text may stick out this far (sub-pixel rounding of glyph boxes) before it counts. */
export const OVERFLOW_TOLERANCE_PX = 1;
/** Two text boxes may share this much (a glyph's side bearing, anti-aliasing) on each axis. */
export const INTERSECT_TOLERANCE_PX = 2;

const round = (n: number): number => Math.round(n * 10) / 10;
export const boxText = (b: Box): string => `[${round(b.left)},${round(b.top)} ${round(b.right - b.left)}x${round(b.bottom - b.top)}]`;

export function isEmpty(b: Box): boolean {
  return b.right - b.left <= 0 || b.bottom - b.top <= 0;
}

/** The part of `a` inside `b` (empty when they do not meet). */
export function clipBox(a: Box, b: Box): Box {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
}

/** Whether `a` and `b` overlap by more than `tol` px on both axes. */
export function intersects(a: Box, b: Box, tol = INTERSECT_TOLERANCE_PX): boolean {
  const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return dx > tol && dy > tol;
}

/** Whether `inner` lies within `outer`, allowing `tol` px on each side. */
export function contains(outer: Box, inner: Box, tol = OVERFLOW_TOLERANCE_PX): boolean {
  return inner.left >= outer.left - tol && inner.top >= outer.top - tol && inner.right <= outer.right + tol && inner.bottom <= outer.bottom + tol;
}

/** Text cut off by its box (ellipsis or clipped) with no tooltip that shows all of it. */
export function overflowOffenders(items: readonly TextItem[]): Offender[] {
  return items
    .filter((t) => t.scrollWidth > t.clientWidth + OVERFLOW_TOLERANCE_PX && !t.hasTooltip)
    .map((t) => ({ rule: 'overflow', path: t.path, text: t.text, detail: `scrollWidth ${t.scrollWidth} > clientWidth ${t.clientWidth}, no title` }));
}

/**
 * Pairs of text boxes drawn over each other. A pair where one element is the other's ancestor is one piece
 * of text with a child (a title and its count), not a collision. O(n²) on the few hundred visible texts.
 */
export function intersectionOffenders(items: readonly TextItem[]): Offender[] {
  const out: Offender[] = [];
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    if (isEmpty(a.box)) continue;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j];
      if (isEmpty(b.box) || a.ancestors.includes(b.id) || b.ancestors.includes(a.id)) continue;
      if (intersects(a.box, b.box))
        out.push({ rule: 'intersect', path: a.path, text: a.text, detail: `${boxText(a.box)} meets ${b.path} ${JSON.stringify(b.text)} ${boxText(b.box)}` });
    }
  }
  return out;
}

/** Text another element is drawn over (a lane pushed under the console, a row flying over a title). */
export function coveredOffenders(items: readonly TextItem[]): Offender[] {
  return items.filter((t) => t.coveredBy !== null).map((t) => ({ rule: 'covered', path: t.path, text: t.text, detail: `${boxText(t.box)} under ${t.coveredBy}` }));
}

/**
 * Lanes where an item is not inside what the lane shows (cut off by the track or the viewport, or spilling
 * out of the lane over its neighbours) and no "+N more" says something is not shown.
 */
export function hiddenLaneOffenders(lanes: readonly LaneItem[]): Offender[] {
  const out: Offender[] = [];
  for (const lane of lanes) {
    if (lane.hasMore || isEmpty(lane.container)) continue;
    for (const item of lane.items)
      if (!contains(lane.container, item.box))
        out.push({ rule: 'hidden-lane-content', path: item.path, text: item.text, detail: `${boxText(item.box)} outside its lane ${lane.path} ${boxText(lane.container)}, no "+N more"` });
  }
  return out;
}

/** Two lanes (neither inside the other) drawn over each other by more than a pixel. */
export function laneOverlapOffenders(lanes: readonly LaneBox[]): Offender[] {
  const out: Offender[] = [];
  for (let i = 0; i < lanes.length; i++)
    for (let j = i + 1; j < lanes.length; j++) {
      const [a, b] = [lanes[i], lanes[j]];
      if (a.ancestors.includes(b.id) || b.ancestors.includes(a.id)) continue;
      if (intersects(a.box, b.box, OVERFLOW_TOLERANCE_PX)) out.push({ rule: 'lane-overlap', path: a.path, text: '', detail: `${boxText(a.box)} meets lane ${b.path} ${boxText(b.box)}` });
    }
  return out;
}

/** A known glitch the layout check tolerates until its fix is merged: matched narrowly, with the reason. */
export interface KnownGlitch {
  rule: Rule;
  /** Must match the offender's path (and `text`, when given, its text; `detail`, its detail). */
  path: RegExp;
  text?: RegExp;
  detail?: RegExp;
  /** Only in the screenshot states whose name matches (e.g. /in-flight/). */
  state?: RegExp;
  reason: string;
}

export function isKnown(o: Offender, state: string, known: readonly KnownGlitch[]): KnownGlitch | undefined {
  return known.find(
    (k) => k.rule === o.rule && k.path.test(o.path) && (!k.text || k.text.test(o.text)) && (!k.detail || k.detail.test(o.detail)) && (!k.state || k.state.test(state)),
  );
}

/** One offender per line: rule, path, text, what was measured. */
export function formatOffenders(list: readonly Offender[]): string {
  return list.map((o) => `  ${o.rule}: ${o.path} ${JSON.stringify(o.text.length > 60 ? `${o.text.slice(0, 57)}...` : o.text)} ${o.detail}`).join('\n');
}
