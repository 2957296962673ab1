// The layout check's rules on hand-made boxes (test/browser/layoutRules.ts): when text counts as cut off,
// when two text boxes collide, when a lane hides content, and how known glitches are matched.
import assert from 'node:assert/strict';
import {
  clipBox,
  contains,
  coveredOffenders,
  formatOffenders,
  hiddenLaneOffenders,
  intersectionOffenders,
  intersects,
  isKnown,
  laneOverlapOffenders,
  overflowOffenders,
  type Box,
  type KnownGlitch,
  type TextItem,
} from '../browser/layoutRules';

const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height });

let nextId = 0;
function text(over: Partial<TextItem> & { box: Box }): TextItem {
  return { path: `span#${nextId}`, text: 'label', id: nextId++, ancestors: [], scrollWidth: 100, clientWidth: 100, hasTooltip: false, coveredBy: null, ...over };
}

describe('layout rules (pure geometry)', () => {
  it('boxes intersect only when they share more than the tolerance on both axes', () => {
    assert.equal(intersects(box(0, 0, 10, 10), box(5, 5, 10, 10)), true);
    assert.equal(intersects(box(0, 0, 10, 10), box(10, 0, 10, 10)), false, 'touching edges');
    assert.equal(intersects(box(0, 0, 10, 10), box(8.5, 0, 10, 10)), false, '1.5 px of a side bearing is within 2 px');
    assert.equal(intersects(box(0, 0, 10, 10), box(7, 0, 10, 10)), true, '3 px is not');
    assert.equal(intersects(box(0, 0, 10, 10), box(5, 9, 10, 10)), false, 'overlap on one axis only counts on both');
    assert.equal(intersects(box(0, 0, 10, 10), box(2, 2, 3, 3), 0), true, 'one inside the other');
  });

  it('containment allows a pixel on each side; clipping keeps the common part', () => {
    assert.equal(contains(box(0, 0, 100, 40), box(-1, 2, 101, 36)), true);
    assert.equal(contains(box(0, 0, 100, 40), box(90, 2, 20, 36)), false);
    assert.deepEqual(clipBox(box(0, 0, 100, 40), box(50, 10, 100, 100)), box(50, 10, 50, 30));
  });

  it('overflow: text wider than its box counts unless a tooltip tells all of it', () => {
    const cut = text({ box: box(0, 0, 50, 10), scrollWidth: 180, clientWidth: 120 });
    const titled = text({ box: box(0, 20, 50, 10), scrollWidth: 180, clientWidth: 120, hasTooltip: true });
    const rounding = text({ box: box(0, 40, 50, 10), scrollWidth: 121, clientWidth: 120 });
    const found = overflowOffenders([cut, titled, rounding]);
    assert.deepEqual(found.map((o) => o.path), [cut.path]);
    assert.match(found[0].detail, /scrollWidth 180 > clientWidth 120, no title/);
  });

  it('intersection: two texts over each other count once; a text and its own ancestor do not', () => {
    const chip = text({ box: box(100, 100, 160, 14), text: 'function later()' });
    const title = text({ box: box(150, 104, 30, 13), text: 'I/O' });
    const beside = text({ box: box(300, 100, 40, 14) });
    const parent = text({ box: box(0, 0, 400, 20), text: 'Timers' });
    const child = text({ box: box(10, 2, 20, 14), text: '3', ancestors: [parent.id] });
    const found = intersectionOffenders([chip, title, beside, parent, child]);
    assert.equal(found.length, 1);
    assert.equal(found[0].path, chip.path);
    assert.match(found[0].detail, /meets span#\d+ "I\/O"/);
    assert.deepEqual(intersectionOffenders([text({ box: box(0, 0, 0, 0) }), text({ box: box(0, 0, 0, 0) })]), [], 'empty boxes are not drawn');
  });

  it('covered: text another element is drawn over', () => {
    const under = text({ box: box(0, 0, 20, 10), coveredBy: 'section.ls-console' });
    assert.deepEqual(coveredOffenders([under, text({ box: box(0, 20, 20, 10) })]).map((o) => o.detail), ['[0,0 20x10] under section.ls-console']);
  });

  it('hidden lane content: an item outside what its lane shows counts, unless a "+N more" is in view', () => {
    const lane = { path: 'section.ls-queue-timer', container: box(0, 0, 228, 40) };
    const inside = { path: 'div.ls-chip', text: 'a', box: box(2, 2, 180, 36) };
    const cut = { path: 'div.ls-chip.is-more', text: '+11 more', box: box(186, 2, 180, 36) };
    assert.deepEqual(hiddenLaneOffenders([{ ...lane, items: [inside], hasMore: false }]), []);
    const found = hiddenLaneOffenders([{ ...lane, items: [inside, cut], hasMore: false }]);
    assert.deepEqual(found.map((o) => o.text), ['+11 more']);
    assert.match(found[0].detail, /outside its lane section\.ls-queue-timer \[0,0 228x40\], no "\+N more"/);
    assert.deepEqual(hiddenLaneOffenders([{ ...lane, items: [inside, { ...cut, path: 'div.ls-chip' }], hasMore: true }]), []);
  });

  it('lanes over lanes: siblings that overlap count, a lane inside another does not', () => {
    const machine = { path: 'section.ls-machine', box: box(0, 0, 500, 500), id: 1, ancestors: [] };
    const stack = { path: 'section.ls-stack', box: box(0, 0, 200, 400), id: 2, ancestors: [1] };
    const console = { path: 'section.ls-console', box: box(0, 390, 500, 160), id: 3, ancestors: [] };
    const found = laneOverlapOffenders([machine, stack, console]);
    assert.deepEqual(found.map((o) => `${o.path} ${o.detail.replace(/\[[^\]]*\]/g, '')}`), [
      'section.ls-machine  meets lane section.ls-console ',
      'section.ls-stack  meets lane section.ls-console ',
    ]);
  });

  it('a known glitch matches narrowly (rule, path, text, detail, state) and the report names every offender', () => {
    const o = { rule: 'hidden-lane-content' as const, path: 'section.ls-queue-timer > div.ls-chip.is-more', text: '+11 more', detail: 'outside' };
    const glitch: KnownGlitch = { rule: 'hidden-lane-content', path: /div\.ls-chip\.is-more$/, text: /^\+\d+ more$/, state: /-1000x700$/, reason: 'chip sizing' };
    assert.equal(isKnown(o, 'long-1000x700', [glitch]), glitch);
    assert.equal(isKnown(o, 'long-1400x900', [glitch]), undefined, 'another state');
    assert.equal(isKnown({ ...o, rule: 'overflow' }, 'long-1000x700', [glitch]), undefined, 'another rule');
    assert.equal(isKnown({ ...o, text: 'function later()' }, 'long-1000x700', [glitch]), undefined, 'another text');
    assert.equal(
      formatOffenders([o, { ...o, text: 'x'.repeat(80) }]),
      `  hidden-lane-content: section.ls-queue-timer > div.ls-chip.is-more "+11 more" outside\n  hidden-lane-content: section.ls-queue-timer > div.ls-chip.is-more "${'x'.repeat(57)}..." outside`,
    );
  });
});
