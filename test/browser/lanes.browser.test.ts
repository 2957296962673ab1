// The queue lanes in Chromium, on a trace made now by the current tracer: chips read like the call that
// queued them, share their lane's width, a full lane ends in "+N more" that expands, every text fits or has
// a tooltip with all of it, timer chips say their delay and firing time and turn late, and a callback's
// flight to the call stack never covers any text (boxes measured on every animation frame of the flight).
// Screenshots (light and dark, 1400x900 and 1000x700, at rest and mid-flight) go to test-results/screenshots/.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { traceFile } from "../../src/core/runTraced";
import type { RawTrace } from "../../src/shared/rawTrace";
import type { LoopscopeApp } from "../../webview/app";
import { BrowserPages, clean, shots, texts } from "./browserPages";

const pages = new BrowserPages();

declare global {
  interface Window {
    /** The running app (webview/main.ts). */
    loopscope?: LoopscopeApp;
  }
}

/** Seven timers (more than a lane shows), one per other job queue, and a busy wait that makes timers late. */
const PROGRAM = [
  "function greet(name) { console.log(`hello ${name}`); }",
  "setTimeout(greet, 10, 'ten');",
  "setTimeout(() => console.log(`${'zero'} delay`), 0);",
  "setTimeout(function later() { greet('later'); }, 60);",
  "for (const ms of [70, 80, 90, 100]) setTimeout(greet, ms, `t${ms}`);",
  "process.nextTick(() => console.log(`${'next'} tick`));",
  "queueMicrotask(() => console.log(`${'micro'} task`));",
  "Promise.resolve('done').then((value) => console.log(value));",
  "setImmediate(() => console.log('immediate'));",
  "const start = Date.now();",
  "while (Date.now() - start < 150) {}",
  "console.log('sync done');",
].join("\n");

/**
 * The first step at which the timer lane holds all seven timers and the nextTick lane its callback: after the
 * busy wait, when every timer is due (a timer counting down is In flight, not in its lane).
 */
async function fullStep(page: Page): Promise<number> {
  return page.evaluate(() => {
    const m = window.loopscope!.model!;
    for (let s = 0; s < m.stepCount; s++) {
      const n = m.queueLengthsAt(s);
      if (
        n.timer === 7 &&
        n.nextTick === 1 &&
        n.microtask === 2 &&
        n.immediate === 1 &&
        m.queueHeadAt(s, "timer", 7).every((it) => it.due !== undefined && it.due <= m.stateAt(s).time)
      )
        return s;
    }
    return -1;
  });
}

const goTo = (page: Page, step: number): Promise<void> =>
  page.evaluate((s) => window.loopscope!.goTo(s, false), step);

/**
 * Samples every animation frame (until the flight has landed, or for `frames` frames) and reports what
 * overlaps: the flying token against any text that can be seen, and any visible queue chip (a leaving one
 * too) against another chip, a lane title or a lane's "empty". Runs in the page as a string: the page has
 * none of tsx's helpers.
 */
const FRAME_PROBE = `(opts) => new Promise((resolve) => {
  const out = { frames: 0, hits: [] };
  const box = (e) => e.getBoundingClientRect();
  // what of an element can be seen: not transparent, and cut by every ancestor that clips (a list row
  // scrolled out of its list is not there)
  const seen = (e) => {
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden' || Number(style.opacity) < 0.05) return null;
    let r = box(e);
    r = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let p = e.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflow === 'visible') continue;
      const c = box(p);
      r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
    }
    return r.right > r.left && r.bottom > r.top ? r : null;
  };
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const name = (el) => el.className + ' ' + (el.textContent || '').slice(0, 40);
  const texts = '.ls-lane-title, .ls-chip, .ls-frame:not(.is-landing), .ls-phase, .ls-drain, .ls-sentence, .ls-src, .ls-out';
  // a lane's "empty" is drawn by CSS (::before, no element): its box is where layout.css puts it
  const empties = () => [...document.querySelectorAll('.ls-lane.is-empty .ls-queue-track, .ls-lane.is-empty .ls-stack-track')]
    .filter((track) => getComputedStyle(track, '::before').visibility !== 'hidden')
    .map((track) => {
      const r = box(track);
      const mid = (r.top + r.bottom) / 2;
      return { name: 'empty in ' + track.closest('.ls-lane').className, r: { left: r.left + 8, right: r.left + 60, top: mid - 9, bottom: mid + 9 } };
    });
  const frame = () => {
    const token = document.querySelector('.ls-flight');
    if (opts.untilLanded ? !token : out.frames >= opts.frames) return resolve(out);
    out.frames++;
    const shown = [...document.querySelectorAll(texts)].map((el) => ({ el, name: name(el), r: seen(el) })).filter((x) => x.r);
    const blanks = empties();
    if (token) {
      const t = box(token);
      for (const x of [...shown, ...blanks]) if (meets(t, x.r)) out.hits.push('token over ' + x.name);
    }
    const chips = shown.filter((x) => x.el.classList.contains('ls-chip'));
    const titles = shown.filter((x) => x.el.classList.contains('ls-lane-title'));
    chips.forEach((a, i) => {
      for (const b of [...chips.slice(i + 1), ...titles, ...blanks]) if (meets(a.r, b.r)) out.hits.push(a.name + ' over ' + b.name);
    });
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

async function probeFrames(
  page: Page,
  opts: { untilLanded: true } | { frames: number },
): Promise<{ frames: number; hits: string[] }> {
  return page.evaluate(`(${FRAME_PROBE})(${JSON.stringify(opts)})`) as Promise<{
    frames: number;
    hits: string[];
  }>;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

describe("webview in Chromium: queue lanes (traced now)", function () {
  this.timeout(120000);
  let raw: RawTrace;
  let tmp: string;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "loopscope-lanes-"));
    const file = path.join(tmp, "lanes.js");
    writeFileSync(file, PROGRAM + "\n");
    await pages.start();
    raw = await traceFile({ file });
  });

  after(async () => {
    await pages.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("chips read like the call that queued them, and timer chips say their delay and when they fire", async () => {
    const w = await pages.openExport(raw);
    const { page } = w;
    const step = await fullStep(page);
    assert.ok(step > 0, "a step with every queue filled");
    await goTo(page, step);
    assert.deepEqual(await texts(page, ".ls-queue-nextTick .ls-chip-label"), [
      "process.nextTick(() => …)",
    ]);
    assert.deepEqual(await texts(page, ".ls-queue-microtask .ls-chip-label"), [
      "queueMicrotask(() => …)",
      ".then((value) => …)",
    ]);
    assert.deepEqual(await texts(page, ".ls-queue-immediate .ls-chip-label"), [
      "setImmediate(() => …)",
    ]);
    // timers in due order: the 0 ms one first
    const timers = await texts(
      page,
      ".ls-queue-timer .ls-chip:not(.is-more) .ls-chip-label",
    );
    assert.deepEqual(timers, [
      "setTimeout(() => …, 0)",
      "setTimeout(greet, 10, 'ten')",
      "setTimeout(function later() {…}, 60)",
    ]);
    const metas = await texts(
      page,
      ".ls-queue-timer .ls-chip:not(.is-more) .ls-chip-meta",
    );
    assert.match(metas[0], /^0 ms → at \d+(\.\d)? ms · L3$/);
    assert.match(metas[1], /^10 ms → at \d+(\.\d)? ms · L2$/);
    // the tooltip gives the callback's text the label shortened
    const title = await page
      .locator(".ls-queue-nextTick .ls-chip")
      .getAttribute("title");
    assert.match(
      title!,
      /callback: \(\) => console\.log\(`\$\{'next'\} tick`\)/,
    );
    await clean(w);
  });

  for (const [width, height, shown] of [
    [1400, 900, 3],
    [1000, 700, 1],
  ] as const) {
    it(`${width}x${height}: chips share the lane width; a full lane ends in "+N more", which expands the lane and folds it again`, async () => {
      const w = await pages.openExport(raw, { width, height });
      const { page } = w;
      await goTo(page, await fullStep(page));
      const lane = page.locator(".ls-queue-timer");
      const geometry = async (): Promise<{ track: Rect; chips: Rect[] }> =>
        // (no named functions inside: the page has no tsx helpers)
        lane.evaluate((el) => {
          const [track, ...chips] = [
            el.querySelector(".ls-queue-track")!,
            ...el.querySelectorAll(".ls-chip"),
          ].map((e) => {
            const b = e.getBoundingClientRect();
            return {
              left: b.left,
              top: b.top,
              right: b.right,
              bottom: b.bottom,
            };
          });
          return { track, chips };
        });
      const { track, chips } = await geometry();
      assert.equal(chips.length, shown + 1, `${shown} timers and "+N more"`);
      assert.deepEqual(
        await texts(page, ".ls-queue-timer .ls-chip.is-more .ls-chip-label"),
        [`+${7 - shown} more`],
      );
      assert.ok(
        Math.abs(chips[0].left - track.left) < 1,
        "the first chip starts at the track start",
      );
      assert.ok(
        Math.abs(chips[chips.length - 1].right - track.right) < 2,
        `the chips fill the lane: ${chips[chips.length - 1].right} vs ${track.right}`,
      );
      for (let i = 1; i < chips.length; i++)
        assert.ok(chips[i].left >= chips[i - 1].right, "chips do not overlap");

      await page.locator(".ls-queue-timer .ls-chip.is-more").click();
      assert.ok(
        await lane.evaluate((el) => el.classList.contains("is-expanded")),
      );
      assert.equal(
        await page.locator(".ls-queue-timer .ls-chip:not(.is-more)").count(),
        7,
        "expanded: every timer",
      );
      assert.deepEqual(
        await texts(page, ".ls-queue-timer .ls-chip.is-more .ls-chip-label"),
        ["fewer"],
      );
      const open = await geometry();
      assert.ok(
        open.chips.every(
          (c) =>
            c.bottom <= open.track.bottom + 0.5 &&
            c.right <= open.track.right + 0.5,
        ),
        "every chip inside the grown track",
      );
      await page.screenshot({
        path: path.join(shots, `lanes-expanded-light-${width}.png`),
      });
      // the next lane moved down, so nothing overlaps
      const nextTop = await page
        .locator(".ls-queue-immediate")
        .evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(nextTop >= open.track.bottom, "the lane below makes room");

      await page.locator(".ls-queue-timer .ls-chip.is-more").press("Enter");
      assert.ok(
        !(await lane.evaluate((el) => el.classList.contains("is-expanded"))),
      );
      assert.equal(
        await page.locator(".ls-queue-timer .ls-chip").count(),
        shown + 1,
      );
      await clean(w);
    });
  }

  for (const [width, height] of [
    [1400, 900],
    [1000, 700],
  ] as const) {
    it(`at ${width}x${height} every chip text fits or has a tooltip that gives it whole (light, dark, high contrast)`, async () => {
      for (const theme of ["light", "dark", "high-contrast"] as const) {
        const colorScheme = theme === "light" ? "light" : "dark";
        const w = await pages.openExport(raw, {
          width,
          height,
          colorScheme,
          contrast: theme === "high-contrast" ? "more" : "no-preference",
        });
        const { page } = w;
        await goTo(page, await fullStep(page));
        const bad = await page.locator(".ls-chip").evaluateAll((els) =>
          els.flatMap((chip) =>
            Array.from(chip.querySelectorAll(".ls-chip-label, .ls-chip-meta"))
              .filter(
                (t) =>
                  t.scrollWidth > t.clientWidth &&
                  !(chip.getAttribute("title") ?? "").includes(
                    t.textContent ?? "",
                  ),
              )
              .map((t) => t.textContent),
          ),
        );
        assert.deepEqual(bad, [], "cut texts without a tooltip");
        const more = await page
          .locator(".ls-chip.is-more .ls-chip-label")
          .evaluateAll((els) =>
            els.map((e) => ({
              text: e.textContent,
              fits: e.scrollWidth <= e.clientWidth,
            })),
          );
        assert.ok(
          more.length > 0 &&
            more.every((m) => m.fits && /^\+\d+ more$/.test(m.text ?? "")),
          `"+N more" reads whole: ${JSON.stringify(more)}`,
        );
        await page.screenshot({
          path: path.join(shots, `lanes-${theme}-${width}.png`),
        });
        await clean(w);
      }
    });
  }

  it("a timer counts down in In flight, then waits in its lane as a late chip once the step time passes its due time", async () => {
    const w = await pages.openExport(raw);
    const { page } = w;
    // the 60 ms timer (id from the model): a step it waits before its due time, and one after
    const found = await page.evaluate(() => {
      const m = window.loopscope!.model!;
      let before = -1;
      let after = -1;
      let id = "";
      for (let s = 0; s < m.stepCount; s++) {
        const state = m.stateAt(s);
        const item = state.queues.timer.find((it) =>
          it.call?.startsWith("setTimeout(function later"),
        );
        if (!item || item.due === undefined) continue;
        id = item.id;
        if (state.time < item.due && before < 0) before = s;
        if (state.time > item.due && after < 0) after = s;
      }
      return { before, after, id };
    });
    assert.ok(
      found.before >= 0 && found.after > found.before,
      JSON.stringify(found),
    );
    const chip = page.locator(
      `.ls-queue-timer .ls-chip[data-id="${found.id}"]`,
    );
    await goTo(page, found.before);
    // before its due time: In flight, not in the lane
    assert.equal(await chip.count(), 0, "not in the lane before its due time");
    assert.equal(
      await page.locator(`.ls-inflight-item[data-key="t:${found.id}"]`).count(),
      1,
      "counting down in In flight",
    );
    await goTo(page, found.after);
    assert.equal(
      await page.locator(`.ls-inflight-item[data-key="t:${found.id}"]`).count(),
      0,
      "no longer in flight once due",
    );
    // expand, so the 60 ms timer is drawn whatever its place in the lane
    if (!(await chip.count()))
      await page.locator(".ls-queue-timer .ls-chip.is-more").click();
    assert.ok(
      await chip.evaluate((el) => el.classList.contains("is-late")),
      "late after its due time",
    );
    assert.match((await chip.getAttribute("aria-label"))!, /late/);
    const colours = await chip.evaluate((el) => {
      const late = getComputedStyle(el).borderTopColor;
      const onTime = getComputedStyle(
        document.querySelector(".ls-queue-timer")!,
      ).borderLeftColor;
      return { late, onTime };
    });
    assert.notEqual(
      colours.late,
      colours.onTime,
      "the late colour differs from the timer lane colour",
    );
    await clean(w);
  });

  for (const [colorScheme, width, height] of [
    ["light", 1400, 900],
    ["dark", 1000, 700],
  ] as const) {
    it(`every callback flies to the call stack without covering any text (${colorScheme}, ${width}x${height})`, async () => {
      const w = await pages.openExport(raw, {
        motion: true,
        colorScheme,
        width,
        height,
      });
      const { page } = w;
      await page.selectOption(".ls-speed", "0.25"); // long flights
      const starts = await page.evaluate(() => {
        const m = window.loopscope!.model!;
        const out: number[] = [];
        for (let s = 1; s < m.stepCount; s++) {
          const st = m.stateAt(s);
          if (
            st.subject.kind === "task-start" &&
            m.tasks[st.subject.task].queue !== "script"
          )
            out.push(s);
        }
        return out;
      });
      assert.ok(starts.length >= 4, "tasks from the queues");
      let frames = 0;
      for (const s of starts) {
        await goTo(page, s - 1);
        await page.locator("body").focus();
        await page.keyboard.press("ArrowRight");
        // every animation frame of the flight: the token's box against every text box on the page
        const hits = await probeFrames(page, { untilLanded: true });
        assert.deepEqual(
          [...new Set(hits.hits)],
          [],
          `step ${s}: the flying chip covers text`,
        );
        frames += hits.frames;
        // landed: the row is shown, the layer empty
        assert.equal(await page.locator(".ls-frame.is-landing").count(), 0);
        assert.equal(await page.locator(".ls-flight").count(), 0);
      }
      assert.ok(
        frames >= starts.length,
        `the flights were drawn (${frames} frames)`,
      );
      await goTo(page, starts[0] - 1);
      await page.keyboard.press("ArrowRight");
      await page.waitForSelector(".ls-flight");
      await page.screenshot({
        path: path.join(shots, `lanes-mid-flight-${colorScheme}-${width}.png`),
      });
      await clean(w);
    });
  }

  it("on every frame of every step, no chip crosses another text (entering, leaving, sliding)", async () => {
    const w = await pages.openExport(raw, { motion: true });
    const { page } = w;
    await page.selectOption(".ls-speed", "2"); // transitions of 300 ms: a step's frames are sampled whole
    await page.locator("body").focus();
    const stepCount = await page.evaluate(
      () => window.loopscope!.model!.stepCount,
    );
    const problems: string[] = [];
    let frames = 0;
    for (let s = 1; s < Math.min(stepCount, 40); s++) {
      await page.keyboard.press("ArrowRight");
      const r = await probeFrames(page, { frames: 30 });
      frames += r.frames;
      for (const h of new Set(r.hits)) problems.push(`step ${s + 1}: ${h}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(frames > 100, `frames sampled: ${frames}`);
    await clean(w);
  });

  it("with reduced motion nothing flies: the row is simply there", async () => {
    const w = await pages.openExport(raw, { motion: false });
    const { page } = w;
    await goTo(page, (await fullStep(page)) + 1);
    await page.locator("body").focus();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("ArrowRight");
      assert.equal(await page.locator(".ls-flight").count(), 0);
      assert.equal(await page.locator(".ls-frame.is-landing").count(), 0);
    }
    await clean(w);
  });
});
