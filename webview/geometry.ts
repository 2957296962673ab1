// The lanes' fixed geometry, in one place. Rendering needs these numbers (chips and stack rows are placed by
// index, virtual lists compute which rows are in view) and the stylesheet needs them (sizes of chips, rows).
// They are defined here and handed to CSS as custom properties on the app's root (--ls-chip-width, ...),
// rather than read back from CSS with getComputedStyle: the renderers need them before layout and under
// jsdom (which computes no styles), and a getComputedStyle read forces a style recalculation.

/** Width of a queue chip (styles/queues.css .ls-chip). */
export const CHIP_WIDTH = 180;
/** Space between two chips of a queue lane. */
export const CHIP_GAP = 6;
/** Chip width plus gap: chip i sits at x = i * CHIP_PITCH. */
export const CHIP_PITCH = CHIP_WIDTH + CHIP_GAP;

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

/** Gives the stylesheet the sizes above (style.setProperty is allowed by the page's CSP). */
export function applyGeometry(root: HTMLElement): void {
  root.style.setProperty('--ls-chip-width', `${CHIP_WIDTH}px`);
  root.style.setProperty('--ls-frame-height', `${FRAME_HEIGHT}px`);
  root.style.setProperty('--ls-row-height', `${LIST_ROW_HEIGHT}px`);
}
