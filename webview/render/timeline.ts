// The Timeline region: wall-clock ms since the run started on x (SVG axis), the thread lanes and the rows of
// async calls and timer/I/O waits on one canvas (timelineDraw.ts), the current step as a cursor. d3-zoom zooms
// (wheel) and pans (drag) the x-axis; the rows scroll vertically (scrollbar, Shift+wheel). A frame redraws
// only what is in view (level of detail for 100k tasks), once per animation frame; moving the cursor to a
// step costs O(1) (the model's per-step time) and draws nothing on the canvas. A little over 300 lines: it is
// the one owner of the region's DOM, sizing, zoom, cursor and pointer; the data (timelineData.ts), one frame
// (timelineDraw.ts), the words (timelineText.ts) and the colours (timelineTheme.ts) live in their own files.

import { axisTop } from 'd3-axis';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { TraceModel } from '../../src/shared/modelTypes';
import { stepTime } from '../../src/shared/model/stepTime';
import { h } from '../dom';
import { formatMs } from '../format';
import { operationStarts } from '../../src/shared/model';
import { buildTimelineData, threadsOf, type TimelineData } from '../timelineData';
import { TL, boxAt, drawFrame, lanesHeight, rowCount, type DrawnBox, type TimelineColours } from '../timelineDraw';
import { describeHit, stepOfHit, threadOfHit, timelineSummary } from '../timelineText';
import { hatchPattern, readTimelineColours } from '../timelineTheme';

const AXIS_HEIGHT = 22;

export interface TimelineCallbacks {
  /** A bar was clicked: move the step view there (`thread`: the step is that thread's; 0 is main). */
  goTo(step: number, thread: number): void;
}

/** A loaded trace; its timeline data is built the first time it is needed (the tab may never be shown). */
class Loaded {
  private built: TimelineData | null = null;
  /** Whether the canvas's aria-label describes this trace yet. */
  labelled = false;
  constructor(
    readonly model: TraceModel,
    readonly internal: readonly boolean[],
  ) {}
  get data(): TimelineData {
    return (this.built ??= buildTimelineData(this.model, threadsOf(this.model), operationStarts(this.model)));
  }
}

export class TimelineView {
  private readonly scroll: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly axis: SVGGElement;
  private readonly cursor: HTMLElement;
  private readonly current: HTMLElement;
  private readonly tip: HTMLElement;
  private readonly zoomer: ZoomBehavior<HTMLElement, unknown>;
  private loaded: Loaded | null = null;
  /** The model whose steps the step view shows, when not the loaded (main) one: a worker thread's. */
  private stepModel: TraceModel | null = null;
  private stepLane = 0;
  private transform: ZoomTransform = zoomIdentity;
  private boxes: DrawnBox[] = [];
  private frame = 0;
  private width = 0;
  private height = 0;
  private step = -1;
  private colours: TimelineColours | null = null;
  private hatch: CanvasPattern | null = null;
  /** Presenter mode: draw only what happened by the current step. */
  private reveal = false;
  private extent: [[number, number], [number, number]] = [
    [0, 0],
    [1, 1],
  ];
  /** The last frame's draw time, ms (the bench reads it). */
  lastDrawMs = 0;

  constructor(
    readonly region: HTMLElement,
    private readonly callbacks: TimelineCallbacks,
  ) {
    const doc = region.ownerDocument;
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = doc.createElementNS(svgNs, 'svg');
    svg.setAttribute('class', 'ls-tl-axis');
    svg.setAttribute('aria-hidden', 'true');
    this.axis = doc.createElementNS(svgNs, 'g');
    svg.append(this.axis);
    this.canvas = h(doc, 'canvas', { class: 'ls-tl-canvas', role: 'img', 'aria-label': 'Timeline of the run' });
    this.cursor = h(doc, 'div', { class: 'ls-tl-cursor', 'aria-hidden': 'true' });
    this.current = h(doc, 'div', { class: 'ls-tl-current', 'aria-hidden': 'true' });
    this.tip = h(doc, 'div', { class: 'ls-tl-tip', role: 'tooltip' });
    this.tip.hidden = true;
    this.stage = h(doc, 'div', { class: 'ls-tl-stage' }, [svg, this.canvas, this.current, this.cursor, this.tip]);
    this.spacer = h(doc, 'div', { class: 'ls-tl-spacer' });
    this.scroll = h(doc, 'div', { class: 'ls-tl-scroll' }, [this.stage, this.spacer]);
    const fit = h(doc, 'button', { type: 'button', class: 'ls-btn ls-tl-fit', title: 'Show the whole run (undo zoom and pan)' }, ['Fit']);
    fit.addEventListener('click', () => select(this.stage).call(this.zoomer.transform, zoomIdentity));
    const legend = h(doc, 'p', { class: 'ls-tl-legend' }, [
      fit,
      h(doc, 'span', { class: 'ls-tl-key ls-tl-key-await' }, ['await (suspended)']),
      h(doc, 'span', { class: 'ls-tl-key ls-tl-key-late' }, ['late past due']),
      h(doc, 'span', { class: 'ls-tl-hint' }, ['wheel: zoom · drag: pan · Shift+wheel: scroll · click: go to step']),
    ]);
    region.append(legend, this.scroll);

    this.zoomer = zoom<HTMLElement, unknown>()
      .scaleExtent([1, 1e6])
      // the drawing area, set on resize (d3's default measures an SVG, which this stage is not)
      .extent(() => this.extent)
      // d3's default reads the global navigator; the element's own window works under jsdom too
      .touchable(function (this: HTMLElement) {
        return !!this.ownerDocument.defaultView?.navigator.maxTouchPoints || 'ontouchstart' in this;
      })
      .filter((e: Event) => {
        if (e.type === 'wheel' && (e as WheelEvent).shiftKey) {
          // Shift+wheel scrolls the rows (the wheel alone zooms)
          this.scroll.scrollTop += (e as WheelEvent).deltaY || (e as WheelEvent).deltaX;
          e.preventDefault();
          return false;
        }
        return (!(e as MouseEvent).ctrlKey || e.type === 'wheel') && !(e as MouseEvent).button;
      })
      .on('zoom', (e: { transform: ZoomTransform }) => {
        this.transform = e.transform;
        this.schedule();
      });
    select(this.stage).call(this.zoomer).on('dblclick.zoom', null);
    this.scroll.addEventListener('scroll', () => this.schedule());
    this.stage.addEventListener('pointermove', (e) => this.hover(e));
    this.stage.addEventListener('pointerleave', () => (this.tip.hidden = true));
    this.stage.addEventListener('click', (e) => this.click(e));
    const win = doc.defaultView;
    if (win && 'ResizeObserver' in win) new win.ResizeObserver(() => this.resize()).observe(this.scroll);
    win?.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => this.restyle());
    win?.matchMedia?.('(prefers-contrast: more)').addEventListener?.('change', () => this.restyle());
    // VS Code switches themes by the body's class (vscode-light, vscode-dark, vscode-high-contrast)
    if (win && 'MutationObserver' in win && doc.body) new win.MutationObserver(() => this.restyle()).observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  }

  load(model: TraceModel, internal: readonly boolean[]): void {
    this.loaded = new Loaded(model, internal);
    this.stepModel = null;
    this.stepLane = 0;
    this.transform = zoomIdentity;
    select(this.stage).call(this.zoomer.transform, zoomIdentity);
    this.step = -1;
    this.restyle();
  }

  /**
   * The step view shows a worker thread (null: main): the cursor is at that thread's step times and outlines
   * its running task on lane `lane`.
   */
  showThread(model: TraceModel | null, lane: number): void {
    this.stepModel = model;
    this.stepLane = model === null ? 0 : lane;
    this.placeCursor();
  }

  /** The step view moved: the cursor follows (O(1), no canvas work unless revealing step by step). */
  showStep(step: number): void {
    this.step = step;
    if (this.reveal) this.schedule();
    else this.placeCursor();
  }

  /** Presenter mode: reveal the run step by step (only what has happened by the current step is drawn). */
  setReveal(on: boolean): void {
    if (on === this.reveal) return;
    this.reveal = on;
    this.schedule();
  }

  /** The visible x-domain, ms. */
  domain(): [number, number] {
    const x = this.x();
    return [x.invert(TL.gutter), x.invert(Math.max(TL.gutter + 1, this.width - TL.right))];
  }

  /** The boxes drawn in the last frame, in page (client) coordinates, with what each is. */
  drawnBoxes(): (DrawnBox & { text: string; step: number })[] {
    const r = this.canvas.getBoundingClientRect();
    const l = this.loaded;
    if (!l) return [];
    return this.boxes.map((b) => ({
      ...b,
      x0: b.x0 + r.left,
      x1: b.x1 + r.left,
      y0: b.y0 + r.top,
      y1: b.y1 + r.top,
      text: describeHit(b.hit, l.data, l.model.tasks),
      step: stepOfHit(b.hit, l.data, l.model.tasks),
    }));
  }

  /** Draws now (the bench and tests; normally frames are drawn on requestAnimationFrame). */
  drawNow(): void {
    const win = this.region.ownerDocument.defaultView;
    if (this.frame && win) win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  /** Re-reads the theme's colours (a theme change) and redraws. */
  restyle(): void {
    this.colours = null;
    this.resize();
  }

  private x(): ScaleLinear<number, number> {
    const domain = this.loaded?.data.domain ?? [0, 1];
    const base = scaleLinear().domain(domain).range([TL.gutter, Math.max(TL.gutter + 1, this.width - TL.right)]);
    return this.transform.rescaleX(base);
  }

  private resize(): void {
    const w = this.scroll.clientWidth;
    const hgt = this.scroll.clientHeight;
    if (w === 0 || hgt === 0 || !this.loaded) return;
    this.width = w;
    this.height = hgt;
    const canvasHeight = hgt - AXIS_HEIGHT;
    const dpr = this.region.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(canvasHeight * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${canvasHeight}px`;
    this.stage.style.height = `${hgt}px`;
    const content = AXIS_HEIGHT + lanesHeight(this.loaded.data) + rowCount(this.loaded.data) * TL.rowPitch + 8;
    this.spacer.style.height = `${Math.max(0, content - hgt)}px`;
    this.extent = [
      [TL.gutter, 0],
      [w - TL.right, hgt],
    ];
    this.zoomer.translateExtent(this.extent);
    this.drawNow();
  }

  private schedule(): void {
    const win = this.region.ownerDocument.defaultView;
    if (this.frame || !win) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const l = this.loaded;
    if (!l || this.width === 0) return;
    if (!l.labelled) {
      l.labelled = true;
      this.canvas.setAttribute('aria-label', timelineSummary(l.data, l.model.tasks.length));
    }
    const t0 = performance.now();
    if (!this.colours) {
      this.colours = readTimelineColours(this.region);
      this.hatch = hatchPattern(this.region.ownerDocument, this.colours.call, this.colours.panel);
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const dpr = this.canvas.width / this.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = this.x();
    const domain = this.domain();
    const c = x(0);
    this.boxes = drawFrame(ctx, {
      data: l.data,
      tasks: l.model.tasks,
      internal: l.internal,
      x,
      linear: { k: x(1) - c, c },
      domain,
      width: this.width,
      height: this.height - AXIS_HEIGHT,
      scrollTop: this.scroll.scrollTop,
      colours: this.colours,
      hatch: this.hatch,
      until: this.reveal && this.step >= 0 && this.step < (this.stepModel ?? l.model).stepCount ? stepTime(this.stepModel ?? l.model, this.step) : null,
    });
    const ticks = Math.max(2, Math.floor((this.width - TL.gutter) / 90));
    select(this.axis)
      .attr('transform', `translate(0, ${AXIS_HEIGHT - 1})`)
      .call(axisTop(x).ticks(ticks).tickFormat((d) => formatMs(Number(d))).tickSizeOuter(0));
    this.placeCursor();
    this.lastDrawMs = performance.now() - t0;
  }

  private placeCursor(): void {
    const l = this.loaded;
    if (!l || this.step < 0 || this.width === 0) {
      this.cursor.hidden = true;
      this.current.hidden = true;
      return;
    }
    const x = this.x();
    const m = this.stepModel ?? l.model;
    if (this.step >= m.stepCount) return;
    const cx = x(stepTime(m, this.step));
    const inView = cx >= TL.gutter - 1 && cx <= this.width - TL.right + 1;
    this.cursor.hidden = !inView;
    this.cursor.style.transform = `translateX(${cx}px)`;
    // the running task, outlined on its lane
    const taskId = m.taskAt(this.step);
    const task = taskId === null ? undefined : m.tasks[taskId];
    this.current.hidden = !task;
    if (task) {
      const x0 = Math.max(TL.gutter, x(task.start)) - 2;
      const x1 = Math.min(this.width - TL.right, x(task.end)) + 2;
      this.current.hidden = x1 < x0;
      this.current.style.transform = `translate(${x0}px, ${AXIS_HEIGHT + 2 + this.stepLane * TL.lanePitch}px)`;
      this.current.style.width = `${Math.max(4, x1 - x0)}px`;
    }
    this.region.dataset.cursorMs = String(stepTime(m, this.step));
  }

  private hitAt(e: MouseEvent): DrawnBox | null {
    const r = this.canvas.getBoundingClientRect();
    return boxAt(this.boxes, e.clientX - r.left, e.clientY - r.top);
  }

  private hover(e: PointerEvent): void {
    const l = this.loaded;
    const b = l && this.hitAt(e);
    if (!l || !b) {
      this.tip.hidden = true;
      this.stage.style.cursor = '';
      return;
    }
    this.stage.style.cursor = 'pointer';
    this.tip.textContent = describeHit(b.hit, l.data, l.model.tasks);
    this.tip.hidden = false;
    const r = this.stage.getBoundingClientRect();
    const tx = Math.min(e.clientX - r.left + 12, Math.max(0, this.width - this.tip.offsetWidth - 4));
    const below = e.clientY - r.top + 16;
    const ty = below + this.tip.offsetHeight > this.height ? e.clientY - r.top - this.tip.offsetHeight - 8 : below;
    this.tip.style.transform = `translate(${tx}px, ${Math.max(0, ty)}px)`;
  }

  private click(e: MouseEvent): void {
    const l = this.loaded;
    const b = l && this.hitAt(e);
    if (!l || !b) return;
    this.callbacks.goTo(stepOfHit(b.hit, l.data, l.model.tasks), threadOfHit(b.hit, l.data));
  }
}
