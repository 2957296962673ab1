// The layout check every screenshot state runs (test/browser/layout.browser.test.ts): measures in the page
// every visible piece of text (HTML and SVG, clipped to what its overflow ancestors and the viewport let
// through) and every lane's track and items, then applies the pure rules of layoutRules.ts: text cut off
// without a tooltip, two text boxes drawn over each other, text covered by another element, lane content
// outside what its lane shows without a "+N more", two lanes drawn over each other.
// Offenders come back as a readable list: rule, selector path, text, the boxes.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  coveredOffenders,
  formatOffenders,
  hiddenLaneOffenders,
  intersectionOffenders,
  isKnown,
  overflowOffenders,
  laneOverlapOffenders,
  type KnownGlitch,
  type LaneBox,
  type LaneItem,
  type Offender,
  type TextItem,
} from './layoutRules';

interface Measured {
  texts: TextItem[];
  lanes: LaneItem[];
  laneBoxes: LaneBox[];
}

/**
 * Runs in the page, passed as source text (not a function) so that no helper the TypeScript loader adds to
 * named functions (esbuild's `__name`) has to exist in the page. Plain JavaScript on purpose.
 */
const MEASURE_IN_PAGE = String.raw`(() => {
  const root = document.getElementById('loopscope-root') || document.body;
  const viewport = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const rect = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const clip = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const clips = (el) => { const s = getComputedStyle(el); return s.overflowX !== 'visible' || s.overflowY !== 'visible'; };
  const short = (el) => {
    const cls = Array.from(el.classList).filter((c) => c.startsWith('ls-') || c.startsWith('is-')).slice(0, 3);
    return el.tagName.toLowerCase() + (cls.length ? '.' + cls.join('.') : '');
  };
  const pathOf = (el) => {
    const parts = [];
    for (let e = el; e && e !== root.parentElement; e = e.parentElement) parts.unshift(short(e));
    return parts.slice(-4).join(' > ');
  };
  /** What the element's overflow ancestors (itself included) and the viewport let through. */
  const visibleClip = (el, stopAt) => {
    let box = viewport;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      if (clips(e)) box = clip(box, rect(e.getBoundingClientRect()));
      if (e === stopAt) break;
    }
    return box;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && opacity(el) > 0.1;

  const all = [root, ...root.querySelectorAll('*')];
  const ids = new Map(all.map((el, i) => [el, i]));
  const texts = [];
  for (const el of all) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own.length || !shown(el)) continue;
    let glyphs = null;
    for (const n of own) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width === 0 || r.height === 0) continue;
        glyphs = glyphs ? { left: Math.min(glyphs.left, r.left), top: Math.min(glyphs.top, r.top), right: Math.max(glyphs.right, r.right), bottom: Math.max(glyphs.bottom, r.bottom) } : rect(r);
      }
    }
    if (!glyphs) continue;
    const box = clip(glyphs, visibleClip(el));
    if (box.right - box.left <= 0 || box.bottom - box.top <= 0) continue;
    let holder = el;
    while (holder.parentElement && holder !== root && getComputedStyle(holder).display === 'inline') holder = holder.parentElement;
    const isSvg = el instanceof SVGElement;
    let hasTooltip = !!(el.getAttribute('aria-label') || holder.getAttribute('aria-label'));
    for (let e = el; e && !hasTooltip; e = e.parentElement) if (e.getAttribute('title') || (e instanceof SVGElement && e.querySelector(':scope > title'))) hasTooltip = true;
    const ancestors = [];
    for (let e = el.parentElement; e; e = e.parentElement) if (ids.has(e)) ancestors.push(ids.get(e));
    // what is drawn on top at three points of the text's midline: the text itself (or its ancestors, for
    // text that lets the pointer through), else whatever covers it
    let coveredBy = null;
    const y = (box.top + box.bottom) / 2;
    for (const f of [0.15, 0.5, 0.85]) {
      const hit = document.elementFromPoint(box.left + (box.right - box.left) * f, y);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) {
        coveredBy = pathOf(hit);
        break;
      }
    }
    texts.push({
      coveredBy,
      path: pathOf(el),
      text: own.map((n) => n.textContent).join('').replace(/\s+/g, ' ').trim(),
      id: ids.get(el),
      ancestors,
      box,
      scrollWidth: isSvg ? 0 : holder.scrollWidth,
      clientWidth: isSvg ? 0 : holder.clientWidth,
      hasTooltip,
    });
  }

  // Text drawn by ::before / ::after (an empty lane's "empty"): no range can measure it, so its box is
  // worked out from its computed style: the text's width from a canvas, placed like CSS places it.
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of all) {
    if (!shown(el)) continue;
    for (const pseudo of ['::before', '::after']) {
      const ps = getComputedStyle(el, pseudo);
      const m = /^"(.*)"$/.exec(ps.content);
      if (!m || m[1].trim() === '' || ps.display === 'none' || ps.visibility === 'hidden' || Number(ps.opacity) === 0) continue;
      canvas.font = ps.font;
      const width = canvas.measureText(m[1]).width;
      const height = parseFloat(ps.lineHeight) || parseFloat(ps.fontSize) * 1.2;
      const r = el.getBoundingClientRect();
      const es = getComputedStyle(el);
      let left;
      let top;
      if (ps.position === 'absolute' && es.position !== 'static') {
        left = r.left + parseFloat(es.borderLeftWidth) + (parseFloat(ps.left) || 0);
        top = r.top + parseFloat(es.borderTopWidth) + (parseFloat(ps.top) || 0);
        const t = /^matrix\(([^)]*)\)$/.exec(ps.transform);
        if (t) {
          const [, , , , tx, ty] = t[1].split(',').map(Number);
          left += tx;
          top += ty;
        }
      } else if (pseudo === '::before') {
        left = r.left + parseFloat(es.borderLeftWidth) + parseFloat(es.paddingLeft);
        top = r.top + parseFloat(es.borderTopWidth) + parseFloat(es.paddingTop);
      } else continue; // an inline ::after follows the element's text: measured with it closely enough
      const box = clip({ left, top, right: left + width, bottom: top + height }, visibleClip(el));
      if (box.right - box.left <= 0 || box.bottom - box.top <= 0) continue;
      const ancestors = [ids.get(el)];
      for (let e = el.parentElement; e; e = e.parentElement) if (ids.has(e)) ancestors.push(ids.get(e));
      texts.push({ path: pathOf(el) + pseudo, text: m[1], id: -1 - texts.length, ancestors, box, scrollWidth: 0, clientWidth: 0, hasTooltip: true, coveredBy: null });
    }
  }

  const lanes = [];
  for (const lane of root.querySelectorAll('.ls-lane')) {
    const track = lane.querySelector('.ls-queue-track, .ls-stack-track');
    if (!track || !shown(lane)) continue;
    // what the lane shows: its own box, less what its overflow ancestors and the viewport cut off
    const container = clip(rect(lane.getBoundingClientRect()), visibleClip(track, lane));
    const items = Array.from(track.children)
      .filter((c) => !c.classList.contains('is-exiting') && shown(c))
      .map((c) => ({ path: pathOf(c), text: (c.textContent || '').replace(/\s+/g, ' ').trim(), box: rect(c.getBoundingClientRect()), more: c.classList.contains('is-more') }));
    const inside = (b) => b.left >= container.left - 1 && b.top >= container.top - 1 && b.right <= container.right + 1 && b.bottom <= container.bottom + 1;
    lanes.push({
      path: pathOf(lane),
      container,
      items: items.map(({ path, text, box }) => ({ path, text, box })),
      hasMore: items.some((i) => i.more && inside(i.box)),
    });
  }
  const laneBoxes = Array.from(root.querySelectorAll('.ls-lane'))
    .filter((l) => shown(l))
    .map((l) => ({ path: pathOf(l), box: rect(l.getBoundingClientRect()), id: ids.get(l), ancestors: Array.from(root.querySelectorAll('.ls-lane')).filter((a) => a !== l && a.contains(l)).map((a) => ids.get(a)) }));
  return { texts, lanes, laneBoxes };
})()`;

export interface LayoutReport {
  /** Offenders not on the known list: these fail the check. */
  offenders: Offender[];
  /** Offenders the known list tolerates, with the glitch that matched. */
  known: { offender: Offender; glitch: KnownGlitch }[];
  textCount: number;
  laneCount: number;
}

/** Measures the page as it is now and applies every rule. */
export async function checkLayout(page: Page, state: string, knownGlitches: readonly KnownGlitch[] = []): Promise<LayoutReport> {
  const m = (await page.evaluate(MEASURE_IN_PAGE)) as Measured;
  const all = [...overflowOffenders(m.texts), ...intersectionOffenders(m.texts), ...coveredOffenders(m.texts), ...hiddenLaneOffenders(m.lanes), ...laneOverlapOffenders(m.laneBoxes)];
  const report: LayoutReport = { offenders: [], known: [], textCount: m.texts.length, laneCount: m.lanes.length };
  for (const o of all) {
    const glitch = isKnown(o, state, knownGlitches);
    if (glitch) report.known.push({ offender: o, glitch });
    else report.offenders.push(o);
  }
  return report;
}

/** Fails with the list of offenders (what, where, the boxes) unless the page's layout is clean. */
export async function assertLayout(page: Page, state: string, knownGlitches: readonly KnownGlitch[] = []): Promise<LayoutReport> {
  const report = await checkLayout(page, state, knownGlitches);
  if (process.env.LOOPSCOPE_LAYOUT_DEBUG) console.log(`${state}: ${report.textCount} texts, ${report.laneCount} lanes, ${report.known.length} known glitches`);
  assert.ok(report.textCount > 0, `${state}: the layout check found no text at all`);
  assert.ok(report.offenders.length === 0, `${state}: ${report.offenders.length} layout offender(s):\n${formatOffenders(report.offenders)}`);
  return report;
}
