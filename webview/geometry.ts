// The lanes' fixed geometry, in one place. Rendering needs these numbers (chips and stack rows are placed by
// index, virtual lists compute which rows are in view) and the stylesheet needs them (sizes of chips, rows).
// They are defined here and handed to CSS as custom properties on the app's root (--ls-more-width, ...),
// rather than read back from CSS with getComputedStyle: the renderers need them before layout and under
// jsdom (which computes no styles), and a getComputedStyle read forces a style recalculation.

/** The narrowest a queue chip gets (chips share their lane's width: laneLayout). */
export const CHIP_MIN_WIDTH = 130;
/** The widest a queue chip gets when its lane has room to spare. */
export const CHIP_MAX_WIDTH = 280;
/** Width of the "+N more" chip at the end of a full lane. */
export const MORE_CHIP_WIDTH = 56;
/** Space between two chips of a queue lane. */
export const CHIP_GAP = 6;
/** Height of one row of chips (styles/queues.css .ls-queue-track); an expanded lane has several. */
export const CHIP_ROW_HEIGHT = 40;
/** How many rows of chips an expanded lane shows at most... */
export const EXPANDED_ROWS = 4;
/** ...unless a narrow lane needs more rows to show this many chips (the "fewer" chip included). */
export const EXPANDED_MIN_CHIPS = 8;

/** Height of one call-stack row (styles/stack.css .ls-frame). */
export const FRAME_HEIGHT = 26;
/** Space between two call-stack rows. */
export const FRAME_GAP = 4;
/** Row height plus gap: row i (from the bottom) sits at y = -i * STACK_PITCH. */
export const STACK_PITCH = FRAME_HEIGHT + FRAME_GAP;

/** Height of one row of the source and console lists (styles/virtualList.css .ls-src, .ls-out). */
export const LIST_ROW_HEIGHT = 20;

/** How many items of `pitch` (size + gap) fit in `length` px: the last item needs no gap after it. */
export function fitCount(length: number, size: number, gap: number): number {
  return Math.floor((length + gap) / (size + gap));
}

/** How a queue lane lays out its chips: how many are shown, how wide, and the "+N more" chip. */
export interface LaneLayout {
  /** Items shown as chips (the head of the queue). */
  shown: number;
  chipWidth: number;
  /** Chips per row. */
  columns: number;
  rows: number;
  /** Items not shown (the "+N more" chip), 0 when all are. */
  more: number;
  /** Whether the lane ends in a more/fewer chip (a full lane, or an expanded one). */
  toggle: boolean;
}

/** Where chip slot `i` of `layout` is, px from the track's top left. */
export function chipSlot(layout: LaneLayout, i: number): { x: number; y: number } {
  const col = i % layout.columns;
  return { x: col * (layout.chipWidth + CHIP_GAP), y: Math.floor(i / layout.columns) * CHIP_ROW_HEIGHT };
}

/**
 * The layout of `total` items in a track `width` px wide: chips share the width (between CHIP_MIN_WIDTH and
 * CHIP_MAX_WIDTH); when not all fit, the last slot is a "+N more" chip and the shown chips fill the rest.
 * Expanded (the user opened "+N more"): up to EXPANDED_ROWS rows (more in a narrow lane, for at least
 * EXPANDED_MIN_CHIPS chips), the last slot a "fewer" chip. An unknown
 * width (0: not laid out, e.g. jsdom) shows up to `unmeasured` chips of the narrowest width.
 */
export function laneLayout(width: number, total: number, expanded: boolean, unmeasured = 64): LaneLayout {
  if (!(width > 0) || !Number.isFinite(width)) {
    const shown = Math.min(total, unmeasured);
    return { shown, chipWidth: CHIP_MIN_WIDTH, columns: Math.max(1, shown), rows: 1, more: total - shown, toggle: shown < total };
  }
  const share = (n: number, room: number): number => Math.floor(Math.min(CHIP_MAX_WIDTH, (room - (n - 1) * CHIP_GAP) / n));
  if (expanded) {
    const columns = Math.max(1, fitCount(width, CHIP_MIN_WIDTH, CHIP_GAP));
    const chipWidth = share(columns, width);
    const maxRows = Math.max(EXPANDED_ROWS, Math.ceil(EXPANDED_MIN_CHIPS / columns));
    // the last slot is the "fewer" chip
    const shown = Math.min(total, columns * maxRows - 1);
    return { shown, chipWidth, columns, rows: Math.ceil((shown + 1) / columns), more: total - shown, toggle: true };
  }
  const fits = Math.max(1, fitCount(width, CHIP_MIN_WIDTH, CHIP_GAP));
  if (total <= fits) {
    const n = Math.max(1, total);
    return { shown: total, chipWidth: share(n, width), columns: n, rows: 1, more: 0, toggle: false };
  }
  const room = width - MORE_CHIP_WIDTH - CHIP_GAP;
  const shown = Math.max(0, fitCount(room, CHIP_MIN_WIDTH, CHIP_GAP));
  const chipWidth = shown > 0 ? Math.floor((room - (shown - 1) * CHIP_GAP) / shown) : CHIP_MIN_WIDTH;
  return { shown, chipWidth, columns: shown + 1, rows: 1, more: total - shown, toggle: true };
}

/** Gives the stylesheet the sizes above (style.setProperty is allowed by the page's CSP). */
export function applyGeometry(root: HTMLElement): void {
  root.style.setProperty('--ls-more-width', `${MORE_CHIP_WIDTH}px`);
  root.style.setProperty('--ls-chip-row', `${CHIP_ROW_HEIGHT}px`);
  root.style.setProperty('--ls-frame-height', `${FRAME_HEIGHT}px`);
  root.style.setProperty('--ls-row-height', `${LIST_ROW_HEIGHT}px`);
}
