// The flight of a callback from its queue lane to the call stack, drawn in a layer above the lanes (a fixed
// overlay, .ls-flight-layer) so nothing is re-laid out under it. The chip leaves its lane at once; a small
// token in the queue's colour slips out through the gap below its lane, along that gap to the stack lane,
// down the stack's free side, and grows into the row that was made for it (the row is there from the start,
// hidden: the target makes room before the token lands). The route keeps to gaps so no text is ever covered:
// a screenshot mid-flight reads like one at rest. With reduced motion there is no flight (duration 0).

/** A rectangle in viewport px. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One waypoint of a flight: where the token is at `offset` (0..1) of the flight's time. */
export interface Waypoint extends Box {
  offset: number;
}

/** The travelling token's size, px. */
export const TOKEN = { width: 26, height: 8 };
/** Space kept between the token and the stack lane's right edge. */
const SIDE_MARGIN = 6;

export interface FlightGeometry {
  /** The chip as it was drawn in its lane. */
  from: Box;
  /** The stack row it becomes. */
  to: Box;
  /** The middle of the gap under the chip's lane (between it and the next lane). */
  corridorY: number;
  /** The stack track's right edge: the token comes down just inside it. */
  stackRight: number;
}

/**
 * The waypoints: shrink into the gap under the lane, travel along it to the stack, down its free right
 * side to the row's height, grow into the row. Every segment stays inside the chip's own slot, the gap,
 * or the stack's free side, none of which holds text.
 */
export function flightRoute(g: FlightGeometry): Waypoint[] {
  const { width: w, height: h } = TOKEN;
  const y = g.corridorY - h / 2;
  const x = Math.max(g.to.left, g.stackRight - w - SIDE_MARGIN);
  const rowY = g.to.top + g.to.height / 2 - h / 2;
  return [
    { offset: 0, ...g.from },
    { offset: 0.25, left: g.from.left, top: y, width: w, height: h },
    { offset: 0.6, left: x, top: y, width: w, height: h },
    { offset: 0.85, left: x, top: rowY, width: w, height: h },
    { offset: 1, ...g.to },
  ];
}

const px = (b: Box): Keyframe => ({ left: `${b.left}px`, top: `${b.top}px`, width: `${b.width}px`, height: `${b.height}px` });

/** The flight under way, so the next step can land it at once. */
const current = new WeakMap<HTMLElement, () => void>();

/** Ends a flight still under way in `layer` (the row it was bringing is shown). */
export function landFlight(layer: HTMLElement): void {
  current.get(layer)?.();
}

/**
 * Flies a token in the queue's colour (`colour`, a --ls-q value) along `route`, hiding `row` (the stack row
 * it becomes) until it lands. Does nothing where the Web Animations API is missing (jsdom).
 */
export function fly(layer: HTMLElement, route: readonly Waypoint[], ms: number, colour: string, row: HTMLElement): void {
  landFlight(layer);
  const doc = layer.ownerDocument;
  const token = doc.createElement('div');
  if (ms <= 0 || typeof token.animate !== 'function') return;
  token.className = 'ls-flight';
  token.setAttribute('aria-hidden', 'true');
  token.style.setProperty('--ls-q', colour);
  Object.assign(token.style, px(route[route.length - 1]));
  layer.append(token);
  row.classList.add('is-landing');
  const animation = token.animate(
    route.map((p) => ({ ...px(p), offset: p.offset })),
    { duration: ms, easing: 'linear', fill: 'forwards' },
  );
  const land = (): void => {
    if (current.get(layer) !== land) return;
    current.delete(layer);
    animation.cancel();
    token.remove();
    row.classList.remove('is-landing');
  };
  current.set(layer, land);
  animation.onfinish = land;
  animation.oncancel = land;
}

/** A callback about to fly: its lane, its item, where its chip was drawn, the queue's colour. */
export interface Departure {
  lane: HTMLElement;
  itemId: string;
  from: Box;
  colour: string;
}

/**
 * Where a callback leaves from: its chip, read before the step's DOM writes (no forced layout). None when
 * the chip is not drawn or is scrolled out of the lanes' view (its flight would start over other text).
 */
export function departureOf(lane: HTMLElement, chip: HTMLElement | null, itemId: string, colour: string): Departure | undefined {
  const shown = lane.parentElement?.getBoundingClientRect();
  if (!chip || !shown) return undefined;
  const from = boxOf(chip);
  if (from.top < shown.top || from.top + from.height > shown.bottom) return undefined;
  return { lane, itemId, from, colour };
}

/** After the step is drawn: flies `d` to `row` (its stack row) at the bottom of `stackTrack`. */
export function launch(layer: HTMLElement, d: Departure, row: HTMLElement, stackTrack: HTMLElement, ms: number): void {
  // the gap under the lane as it is drawn now (an expanded lane may have lost a row this step)
  const corridorY = d.lane.getBoundingClientRect().bottom + 2;
  const route = flightRoute({ from: d.from, to: boxOf(row), corridorY, stackRight: stackTrack.getBoundingClientRect().right });
  fly(layer, route, ms, d.colour, row);
}

/** The viewport box of an element. */
export function boxOf(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}
