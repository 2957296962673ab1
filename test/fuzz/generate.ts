// Generates one async program from a seed. The program mixes timers, immediates, nextTicks, microtasks,
// promise chains, executors, async functions awaiting values/promises/thenables, try/catch/finally,
// combinators, async generators, classes, closures and small recursion; every print says which queue it
// runs in (see program.ts).
//
// Races are avoided by construction, so plain node prints one order, and the traced run (slower, maybe on
// a loaded machine) prints the same one:
// - Timers fire only in "epochs" at EPOCH_MS (0 = the script). The script reaches only epoch 1
//   (setTimeout 0); later epochs are scheduled from an earlier epoch's timer tree, never from the script (a
//   slow traced script would let epochs 1 and 2 share one timers phase).
// - Every timer of one epoch comes from the same task tree with the same delay. Node stamps each timer with
//   the time it was created, so two timers of one epoch may fire in different loop turns when the code
//   between them is slow: an epoch of several timers therefore schedules no immediates (they would run
//   between the two turns or after both).
// - The script's tree schedules no immediates (setTimeout 0 vs setImmediate in the main module races), and
//   an immediate's tree schedules no timers (a timer vs the next check phase races).
// - Interval callbacks schedule no timers and are cleared by a tail the minimizer never removes.
// The test still runs plain node twice and skips any program whose two runs differ.

import type { TaskSource } from '../../src/shared/rawTrace';
import { Prng } from './prng';
import { arrow, block, decl, expr, ret, str, type Block, type Code, type Print, type Program, type Stmt } from './program';

/** Real time of each timer epoch, ms after the script. Epoch 1 (setTimeout 0) is reachable from the script only. */
const EPOCH_MS = [0, 1, 31, 61];

interface Ctx {
  /** Where the code at this point runs. */
  queues: TaskSource[];
  /** The timer epoch of the task tree this code belongs to (0 = the script's). */
  epoch: number;
  /** The task tree that schedules timers from here: 0 = the script, else a timer's own id. */
  origin: number;
  /** In an immediate's tree: no timers. */
  inImmediate: boolean;
  /** In an interval's callback: no timers. */
  noTimers: boolean;
  /** In a timer tree whose epoch holds several timers: no immediates. */
  noImmediates: boolean;
  /** Inside an async function body (await allowed). */
  canAwait: boolean;
  depth: number;
}

interface Slot {
  origin: number;
  delay: number;
  /** The first timer's tree may schedule immediates: no second timer may join this epoch. */
  immediates: boolean;
}

export interface GenerateOptions {
  /** Roughly how many top-level statements. */
  statements: number;
  maxDepth: number;
}

export function generateProgram(seed: number, opts: GenerateOptions = { statements: 5, maxDepth: 3 }): Program {
  return new Generator(new Prng(seed), opts).program();
}

class Generator {
  private prints = 0;
  private names = 0;
  private timers = 0;
  private readonly slots = new Map<number, Slot>();

  constructor(
    private readonly rng: Prng,
    private readonly opts: GenerateOptions,
  ) {}

  program(): Program {
    const ctx: Ctx = { queues: ['script'], epoch: 0, origin: 0, inImmediate: false, noTimers: false, noImmediates: true, canAwait: false, depth: 0 };
    return { body: this.statements(ctx, this.rng.int(Math.max(2, this.opts.statements - 2), this.opts.statements + 2)) };
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private print(ctx: Ctx, ...args: Code[]): Print {
    return { kind: 'print', id: `p${++this.prints}`, queues: [...ctx.queues], args };
  }

  private name(prefix: string): string {
    return `${prefix}${++this.names}`;
  }

  private value(): Code {
    return this.rng.pick<Code>([String(this.rng.int(0, 9)), str(`s${this.rng.int(0, 99)}`), 'null', '[1, 2]', 'true']);
  }

  private child(ctx: Ctx, change: Partial<Ctx>): Ctx {
    return { ...ctx, depth: ctx.depth + 1, ...change };
  }

  private deep(ctx: Ctx): boolean {
    return ctx.depth >= this.opts.maxDepth;
  }

  /** A statement list; in an async body `ctx.queues` becomes microtask after the first await. */
  private statements(ctx: Ctx, n: number): Block {
    const stmts: Stmt[] = [];
    for (let i = 0; i < n; i++) stmts.push(this.statement(ctx));
    return block(stmts);
  }

  private small(ctx: Ctx): Block {
    return this.statements(ctx, this.deep(ctx) ? 1 : this.rng.int(1, 3));
  }

  /** The epochs a timer scheduled from ctx may land in, with its delay. */
  private timerTargets(ctx: Ctx): Array<{ epoch: number; delay: number }> {
    if (ctx.inImmediate || ctx.noTimers) return [];
    const targets: Array<{ epoch: number; delay: number }> = [];
    for (let e = ctx.epoch + 1; e < EPOCH_MS.length; e++) {
      if ((e === 1) !== (ctx.epoch === 0)) continue;
      const delay = e === 1 ? 0 : EPOCH_MS[e] - EPOCH_MS[ctx.epoch];
      const slot = this.slots.get(e);
      if (!slot || (slot.origin === ctx.origin && slot.delay === delay && !slot.immediates)) targets.push({ epoch: e, delay });
    }
    return targets;
  }

  /** Claims an epoch for a timer from ctx and returns the timer tree's context, or undefined. */
  private timer(ctx: Ctx): { delay: number; inner: Ctx } | undefined {
    const targets = this.timerTargets(ctx);
    if (targets.length === 0) return undefined;
    // Mostly the nearest epoch: later epochs cost real time on every run.
    const t = this.rng.chance(0.7) ? targets[0] : this.rng.pick(targets);
    const taken = this.slots.get(t.epoch);
    const immediates = !taken && this.rng.chance(0.6);
    if (taken) taken.immediates = false;
    else this.slots.set(t.epoch, { origin: ctx.origin, delay: t.delay, immediates });
    const inner = this.child(ctx, { queues: ['timer'], epoch: t.epoch, origin: ++this.timers + 1000, inImmediate: false, noImmediates: !immediates, canAwait: false });
    return { delay: t.delay, inner };
  }

  // ---- statements ------------------------------------------------------------------------------------

  private statement(ctx: Ctx): Stmt {
    const deep = this.deep(ctx);
    const kind = this.rng.weighted<string>([
      ['print', deep ? 6 : 3],
      ['timeout', deep ? 0 : 3],
      ['interval', deep ? 0 : 0.5],
      ['immediate', deep || ctx.noImmediates ? 0 : 3],
      ['nextTick', deep ? 0 : 2],
      ['microtask', deep ? 0 : 1.5],
      ['chain', deep ? 0.5 : 3],
      ['executor', deep ? 0 : 1.5],
      ['asyncFn', deep ? 0 : 2.5],
      ['combinator', deep ? 0 : 1.5],
      ['asyncGen', deep ? 0 : 1],
      ['klass', deep ? 0 : 1],
      ['closure', 1],
      ['recursion', 1],
      ['returnString', 1],
      ['await', ctx.canAwait ? 4 : 0],
      ['tryAwait', ctx.canAwait && !deep ? 1.5 : 0],
      ['loop', deep ? 0 : 0.7],
    ]);
    switch (kind) {
      case 'timeout':
        return this.timeout(ctx) ?? expr(this.print(ctx));
      case 'interval':
        return this.interval(ctx) ?? expr(this.print(ctx));
      case 'immediate':
        return expr(['setImmediate(', arrow([], this.small(this.child(ctx, { queues: ['immediate'], inImmediate: true, canAwait: false }))), ')']);
      case 'nextTick':
        if (this.rng.chance(0.3)) {
          const inner = this.child(ctx, { queues: ['nextTick'], canAwait: false });
          return expr(['process.nextTick(', arrow(['a'], block([expr(this.print(inner, 'a')), ...this.small(inner).stmts])), ', ', String(this.rng.int(0, 9)), ')']);
        }
        return expr(['process.nextTick(', arrow([], this.small(this.child(ctx, { queues: ['nextTick'], canAwait: false }))), ')']);
      case 'microtask':
        return expr(['queueMicrotask(', arrow([], this.small(this.child(ctx, { queues: ['microtask'], canAwait: false }))), ')']);
      case 'chain':
        return expr(this.chain(ctx, this.rng.chance(0.25) ? ['Promise.reject(new Error(', str('e'), '))'] : ['Promise.resolve(', this.value(), ')']));
      case 'executor':
        return expr(this.executor(ctx));
      case 'asyncFn':
        return this.asyncFn(ctx);
      case 'combinator':
        return expr(this.combinator(ctx));
      case 'asyncGen':
        return this.asyncGen(ctx);
      case 'klass':
        return this.klass(ctx);
      case 'closure':
        return this.closure(ctx);
      case 'recursion':
        return this.recursion(ctx);
      case 'returnString': {
        const f = this.name('f');
        return decl(block([decl([`function ${f}() `, block([expr(ret(str(`r${this.names}`)))])]), expr(this.print(ctx, `${f}()`))]));
      }
      case 'await':
        return this.awaitStatement(ctx);
      case 'tryAwait':
        return this.tryAwait(ctx);
      case 'loop':
        return this.loop(ctx);
      default:
        return expr(this.print(ctx));
    }
  }

  private timeout(ctx: Ctx): Stmt | undefined {
    const t = this.timer(ctx);
    if (!t) return undefined;
    return expr(['setTimeout(', arrow([], this.small(t.inner)), `, ${t.delay})`]);
  }

  /** setInterval cleared after it ran once per free epoch ahead (at most 2). */
  private interval(ctx: Ctx): Stmt | undefined {
    if (ctx.inImmediate || ctx.noTimers || ctx.epoch === 0) return undefined;
    const first = ctx.epoch + 1;
    if (first >= EPOCH_MS.length) return undefined;
    const period = EPOCH_MS[first] - EPOCH_MS[ctx.epoch];
    const epochs: number[] = [];
    for (let e = first; e < EPOCH_MS.length && EPOCH_MS[e] - EPOCH_MS[ctx.epoch] === period * (epochs.length + 1); e++) {
      if (this.slots.has(e)) break;
      epochs.push(e);
    }
    // each repetition re-arms from its own run time: a tolerance of ~1 ms per run against the epoch grid
    if (epochs.length === 0) return undefined;
    const origin = ++this.timers + 1000;
    for (const e of epochs) this.slots.set(e, { origin, delay: period, immediates: true });
    const inner = this.child(ctx, { queues: ['timer'], epoch: epochs[0], origin, noTimers: true, noImmediates: false, canAwait: false });
    const h = this.name('h');
    const n = this.name('n');
    const body = block([expr(this.print(inner, n)), ...this.small(inner).stmts, decl(`if (${n} === ${epochs.length}) clearInterval(${h})`, true)]);
    return decl(block([expr(`let ${n} = 0`, true), expr([`const ${h} = setInterval(`, arrow([], block([expr(`${n}++`, true), ...body.stmts])), `, ${period})`], true)]));
  }

  /** A .then/.catch/.finally chain; callbacks run as microtasks. */
  private chain(ctx: Ctx, head: Code): Code {
    const micro = this.child(ctx, { queues: ['microtask'], canAwait: false });
    const parts: Code[] = [head];
    const links = this.rng.int(1, 3);
    for (let i = 0; i < links; i++) {
      switch (this.rng.pick(['thenExpr', 'thenBlock', 'thenAsync', 'catch', 'finally', 'thenThrow'])) {
        case 'thenExpr':
          parts.push('.then(', arrow(['v'], this.rng.chance(0.5) ? this.print(micro, 'v') : ['v + ', str('x')]), ')');
          break;
        case 'thenBlock':
          parts.push('.then(', arrow(['v'], block([expr(this.print(micro, 'v')), ...(this.deep(micro) ? [] : this.small(micro).stmts), expr(ret(this.value()))])), ')');
          break;
        case 'thenAsync': {
          const inner = this.child(ctx, { queues: ['microtask'], canAwait: true });
          parts.push('.then(', arrow(['v'], this.small(inner), true), ')');
          break;
        }
        case 'catch':
          parts.push('.catch(', arrow(['e'], this.print(micro, 'e.message')), ')');
          break;
        case 'finally':
          parts.push('.finally(', arrow([], block([expr(this.print(micro))])), ')');
          break;
        case 'thenThrow':
          parts.push('.then(', arrow([], block([expr(this.print(micro)), expr(['throw new Error(', str('t'), ')'])])), ')');
          break;
      }
    }
    parts.push('.catch(', arrow(['e'], this.print(micro, 'e.message')), ')');
    return parts;
  }

  /** new Promise with a synchronous resolve, or one resolved in a timer. */
  private executor(ctx: Ctx): Code {
    const t = this.rng.chance(0.4) ? this.timer(ctx) : undefined;
    let body: Block;
    if (t) {
      body = block([expr(['setTimeout(', arrow([], block([expr(this.print(t.inner)), expr(['resolve(', this.value(), ')'])])), `, ${t.delay})`])]);
    } else {
      const inner = this.child(ctx, { canAwait: false });
      body = block([...this.small(inner).stmts, expr(['resolve(', this.value(), ')'])]);
    }
    const then = this.child(ctx, { queues: ['microtask'], canAwait: false });
    return ['new Promise(', arrow(['resolve'], body), ').then(', arrow(['v'], this.print(then, 'v')), ')'];
  }

  /** An awaitable expression; returns how it changes the awaiting context (a timer moves it to an epoch). */
  private awaitable(ctx: Ctx): { code: Code; after: Partial<Ctx> } {
    const micro = this.child(ctx, { queues: ['microtask'], canAwait: false });
    const kinds: Array<readonly [string, number]> = [
      ['plain', 2],
      ['resolved', 2],
      ['thenable', 2],
      ['timer', this.timerTargets(ctx).length > 0 ? 1 : 0],
      ['immediate', ctx.noImmediates ? 0 : 1],
      ['asyncCall', this.deep(ctx) ? 0 : 1],
    ];
    switch (this.rng.weighted(kinds)) {
      case 'resolved':
        return { code: ['Promise.resolve(', this.value(), ')'], after: {} };
      case 'thenable':
        // V8 calls then() from a microtask (a PromiseResolveThenableJob)
        return { code: ['{ then(r) { ', this.print(micro), '; r(', this.value(), ') } }'], after: {} };
      case 'timer': {
        const t = this.timer(ctx)!;
        return {
          code: ['new Promise(', arrow(['r'], ['setTimeout(', arrow([], block([expr(this.print(t.inner)), expr('r(1)')])), `, ${t.delay})`]), ')'],
          after: { epoch: t.inner.epoch, origin: t.inner.origin, inImmediate: false, noImmediates: t.inner.noImmediates, noTimers: false },
        };
      }
      case 'immediate': {
        const imm = this.child(ctx, { queues: ['immediate'], inImmediate: true, canAwait: false });
        return { code: ['new Promise(', arrow(['r'], ['setImmediate(', arrow([], block([expr(this.print(imm)), expr('r(2)')])), ')']), ')'], after: { inImmediate: true } };
      }
      case 'asyncCall': {
        const f = this.name('af');
        const inner = this.child(ctx, { canAwait: true });
        const body = this.small(inner);
        body.stmts.push(expr(ret(this.value())));
        const { epoch, origin, inImmediate, noImmediates, noTimers } = inner;
        return { code: ['(async function ', f, '() ', body, ')()'], after: { epoch, origin, inImmediate, noImmediates, noTimers } };
      }
      default:
        return { code: this.value(), after: {} };
    }
  }

  /** `await X` in an async body: the rest of the body runs as a microtask (in X's epoch for a timer). */
  private awaitStatement(ctx: Ctx): Stmt {
    const { code, after } = this.awaitable(ctx);
    Object.assign(ctx, after, { queues: ['microtask'] });
    const v = this.name('w');
    return this.rng.chance(0.5) ? expr([`const ${v} = await `, code], true) : expr(this.print({ ...ctx }, ['await ', code]), true);
  }

  private tryAwait(ctx: Ctx): Stmt {
    const tryBody = this.small(ctx);
    const rejects = this.rng.chance(0.6);
    tryBody.stmts.push(expr(rejects ? ['await Promise.reject(new Error(', str('r'), '))'] : 'await null', true));
    Object.assign(ctx, { queues: ['microtask'] });
    const parts: Code[] = ['try ', tryBody];
    const withCatch = this.rng.chance(0.8);
    if (withCatch) parts.push(' catch (e) ', block([expr(this.print(ctx, 'e.message')), ...this.small(ctx).stmts]));
    if (!withCatch || this.rng.chance(0.4)) parts.push(' finally ', block([expr(this.print(ctx))]));
    // without a catch a rejection escapes the function: the caller's .catch reports it
    return decl(parts, true);
  }

  private loop(ctx: Ctx): Stmt {
    const i = this.name('i');
    const awaits = ctx.canAwait && this.rng.chance(0.5);
    const queues: TaskSource[] = awaits ? [...new Set<TaskSource>([...ctx.queues, 'microtask'])] : ctx.queues;
    const inner = { ...ctx, queues, depth: ctx.depth + 1 };
    const body = block([expr(this.print(inner, i))]);
    if (awaits) body.stmts.push(expr(`await ${i}`, true));
    if (awaits) ctx.queues = ['microtask'];
    return decl([`for (let ${i} = 0; ${i} < 2; ${i}++) `, body]);
  }

  /** An async function (IIFE or declared and called); its result or rejection is printed. */
  private asyncFn(ctx: Ctx): Stmt {
    const inner = this.child(ctx, { canAwait: true });
    const body = this.statements(inner, this.rng.int(2, 4));
    body.stmts.push(expr(ret(this.value())));
    const micro = this.child(ctx, { queues: ['microtask'], canAwait: false });
    const tail: Code = ['.then(', arrow(['v'], this.print(micro, 'v')), ', ', arrow(['e'], this.print(micro, 'e.message')), ')'];
    if (this.rng.chance(0.5)) return expr(['(', arrow([], body, true), ')()', tail]);
    const f = this.name('a');
    return decl(block([decl([`async function ${f}() `, body]), expr([`${f}()`, tail])]));
  }

  private combinator(ctx: Ctx): Code {
    const which = this.rng.pick(['all', 'allSettled', 'race', 'any']);
    const items: Code[] = [];
    const n = this.rng.int(2, 3);
    for (let i = 0; i < n; i++) {
      const t = this.rng.chance(0.25) ? this.timer(ctx) : undefined;
      if (t) items.push(['new Promise(', arrow(['r'], ['setTimeout(', arrow([], block([expr(this.print(t.inner)), expr(['r(', this.value(), ')'])])), `, ${t.delay})`]), ')']);
      else items.push(this.rng.weighted<Code>([[['Promise.resolve(', this.value(), ')'], 3], [this.value(), 1], [['Promise.reject(new Error(', str(`c${i}`), '))'], 1.5]]));
    }
    const micro = this.child(ctx, { queues: ['microtask'], canAwait: false });
    const show = which === 'allSettled' ? 'JSON.stringify(v.map((x) => x.status))' : 'JSON.stringify(v)';
    return [`Promise.${which}([`, items.flatMap((it, i) => (i === 0 ? [it] : [', ', it])), ']).then(', arrow(['v'], this.print(micro, show)), ').catch(', arrow(['e'], this.print(micro, 'e.message')), ')'];
  }

  /** An async generator consumed with for await. */
  private asyncGen(ctx: Ctx): Stmt {
    const g = this.name('g');
    const x = this.name('x');
    // the generator body starts on the first next(), which for await calls synchronously
    const genCtx = this.child(ctx, { canAwait: true, noTimers: true });
    const gen = block([...this.small(genCtx).stmts, expr('yield 1', true)]);
    genCtx.queues = ['microtask'];
    gen.stmts.push(expr(this.print(genCtx)), expr('yield 2', true));
    const loopCtx = this.child(ctx, { queues: ['microtask'], canAwait: true, noTimers: true });
    const body = block([expr(this.print(loopCtx, x))]);
    const fn = block([decl([`async function* ${g}() `, gen]), decl([`for await (const ${x} of ${g}()) `, body], true), expr(this.print(loopCtx))]);
    return expr(['(', arrow([], fn, true), ')()']);
  }

  private klass(ctx: Ctx): Stmt {
    const K = this.name('K');
    const k = this.name('k');
    const same = this.child(ctx, { canAwait: false });
    const micro = this.child(ctx, { queues: ['microtask'], canAwait: false });
    const members = block([
      decl(['constructor(v) ', block([expr('this.v = v'), expr(this.print(same, 'v'))])]),
      decl(['m() ', block([expr(this.print(same)), expr(ret('this.v + 1'))])]),
      decl(['get g() ', block([expr(this.print(same)), expr(ret(str('got')))])]),
      decl(['static s() ', block([expr(ret(str('static')))])]),
      decl(['async am() ', block([expr(this.print(same)), expr('await this.v', true), expr(this.print(micro)), expr(ret('this.v * 2'))])]),
    ]);
    const use = this.child(ctx, { queues: ['microtask'], canAwait: false });
    return decl(
      block([decl([`class ${K} `, members]), expr([`const ${k} = new ${K}(`, String(this.rng.int(1, 9)), ')']), expr(this.print(same, `${k}.m()`, `${k}.g`, `${K}.s()`)), expr([`${k}.am().then(`, arrow(['v'], this.print(use, 'v')), ')'])]),
    );
  }

  private closure(ctx: Ctx): Stmt {
    const mk = this.name('mk');
    const c = this.name('c');
    if (this.rng.chance(0.5)) {
      return decl(block([expr([`const ${mk} = `, arrow(['n'], arrow(['m'], 'n * 10 + m'))]), expr([`const ${c} = ${mk}(`, String(this.rng.int(1, 9)), ')']), expr(this.print(ctx, `${c}(2)`, `${c}(3)`))]));
    }
    return decl(
      block([
        decl([`function ${mk}() `, block([expr('let count = 0'), expr(ret(arrow([], '++count')))])]),
        expr(`const ${c} = ${mk}()`),
        expr(`${c}()`),
        expr(this.print(ctx, `${c}()`)),
      ]),
    );
  }

  private recursion(ctx: Ctx): Stmt {
    const r = this.name('rec');
    const same = this.child(ctx, { canAwait: false });
    return decl(
      block([
        decl([`function ${r}(n) `, block([decl(['if (n <= 0) ', block([expr(ret(str('done')))])]), expr(this.print(same, 'n')), expr(ret([`${r}(n - 1) + n`]))])]),
        expr(this.print(same, `${r}(${this.rng.int(1, 3)})`)),
      ]),
    );
  }
}
