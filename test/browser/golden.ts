// Golden screenshots: a PNG compared with test/browser/golden/NAME.png by Playwright's own image comparator
// (pixelmatch inside playwright-core, so no extra dependency), with a tolerance for anti-aliasing. On a
// mismatch NAME-changed.png is written beside the golden (git ignores it) and a diff image under
// test-results/golden-diff/. `LOOPSCOPE_BLESS=1` (npm run test:bless-goldens) writes the goldens instead.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const GOLDEN_DIR = path.join(__dirname, 'golden');
const DIFF_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'golden-diff');

/**
 * How different a screenshot may be. `threshold`: how far a pixel's colour may move before it counts as
 * changed (0..1, YIQ distance; anti-aliased edges are ignored by pixelmatch anyway). `maxDiffPixelRatio`:
 * the share of changed pixels allowed. Measured: two runs on the 2-core machine under two busy CPU hogs gave
 * identical images; 0.2 % still lets a sub-pixel text shift (another font hinting) pass, while a moved
 * chip, a wrapped line or a changed colour is well above it.
 */
export const GOLDEN_TOLERANCE = { threshold: 0.2, maxDiffPixelRatio: 0.002 } as const;

interface ImageComparison {
  errorMessage: string;
  diff?: Buffer;
}
type ImageComparator = (actual: Buffer, expected: Buffer, options?: { threshold?: number; maxDiffPixels?: number; maxDiffPixelRatio?: number }) => ImageComparison | null;

/** playwright-core's comparator (what `expect(page).toHaveScreenshot` uses); the package ships no types for it. */
function pngComparator(): ImageComparator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('playwright-core/lib/coreBundle') as { utils: { getComparator(mimeType: string): ImageComparator } };
  return core.utils.getComparator('image/png');
}

export const blessing = (): boolean => process.env.LOOPSCOPE_BLESS === '1';

export const goldenPath = (name: string): string => path.join(GOLDEN_DIR, `${name}.png`);
export const changedPath = (name: string): string => path.join(GOLDEN_DIR, `${name}-changed.png`);

/**
 * Compares `png` with the golden NAME.png. Returns null when it matches (or was blessed), else a message
 * saying where the changed image and the diff are.
 */
export function compareWithGolden(name: string, png: Buffer): string | null {
  const golden = goldenPath(name);
  const changed = changedPath(name);
  if (blessing()) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(golden, png);
    rmSync(changed, { force: true });
    return null;
  }
  if (!existsSync(golden)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(changed, png);
    return `no golden image ${path.relative(process.cwd(), golden)}: look at ${path.basename(changed)}, then bless with LOOPSCOPE_BLESS=1`;
  }
  const result = pngComparator()(png, readFileSync(golden), GOLDEN_TOLERANCE);
  if (!result) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, png);
  let where = path.relative(process.cwd(), changed);
  if (result.diff) {
    mkdirSync(DIFF_DIR, { recursive: true });
    const diff = path.join(DIFF_DIR, `${name}-diff.png`);
    writeFileSync(diff, result.diff);
    where += `, diff ${path.relative(process.cwd(), diff)}`;
  }
  return `${name}.png differs from its golden: ${result.errorMessage} (see ${where}; if the change is intended, bless with LOOPSCOPE_BLESS=1)`;
}
