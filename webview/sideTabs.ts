// The tabs beside the step view: Source, Timeline and Insights share the source view's place, so the
// Timeline never pushes the step view's lanes below the fold. A tablist of three buttons; the chosen tab is
// part of the saved panel state (bridge.ts). Each panel is a named region ("Timeline", "Insights").

import { h } from './dom';
import { createPresenterToggle } from './presenter';

export const SIDE_TABS = ['source', 'timeline', 'insights'] as const;
export type SideTab = (typeof SIDE_TABS)[number];

const TITLES: Record<SideTab, string> = { source: 'Source', timeline: 'Timeline', insights: 'Insights' };

export function isSideTab(x: unknown): x is SideTab {
  return typeof x === 'string' && (SIDE_TABS as readonly string[]).includes(x);
}

export interface SideTabs {
  /** The wrapper that takes the source view's grid area. */
  root: HTMLElement;
  timeline: HTMLElement;
  insights: HTMLElement;
  /** The Insights tab's count badge. */
  insightCount: HTMLElement;
  tabs: Record<SideTab, HTMLButtonElement>;
  panels: Record<SideTab, HTMLElement>;
  /** Presenter mode's toggle, at the end of the tab strip (presenter.ts). */
  presenter: HTMLButtonElement;
}

/** Wraps the source lane with the tab strip and the Timeline and Insights regions (Source shown). */
export function buildSideTabs(doc: Document, sourceLane: HTMLElement): SideTabs {
  const timeline = h(doc, 'section', { class: 'ls-lane ls-timeline', role: 'region', 'aria-label': 'Timeline', id: 'ls-panel-timeline' });
  const insights = h(doc, 'section', { class: 'ls-lane ls-insights', role: 'region', 'aria-label': 'Insights', id: 'ls-panel-insights' });
  sourceLane.id ||= 'ls-panel-source';
  const panels: Record<SideTab, HTMLElement> = { source: sourceLane, timeline, insights };
  const insightCount = h(doc, 'span', { class: 'ls-tab-count', 'aria-hidden': 'true' });
  const tabs = {} as Record<SideTab, HTMLButtonElement>;
  for (const t of SIDE_TABS) {
    tabs[t] = h(doc, 'button', { type: 'button', role: 'tab', class: `ls-tab ls-tab-${t}`, 'aria-controls': panels[t].id, 'aria-selected': 'false' }, [TITLES[t]]);
    tabs[t].dataset.tab = t;
  }
  tabs.insights.append(insightCount);
  const strip = h(doc, 'div', { class: 'ls-tabs', role: 'tablist', 'aria-label': 'Beside the step view' }, SIDE_TABS.map((t) => tabs[t]));
  const presenter = createPresenterToggle(doc);
  const bar = h(doc, 'div', { class: 'ls-tabs-bar' }, [strip, presenter]);
  const root = h(doc, 'div', { class: 'ls-side' }, [bar, sourceLane, timeline, insights]);
  const side = { root, timeline, insights, insightCount, tabs, panels, presenter };
  selectSideTab(side, 'source');
  return side;
}

/** Shows `tab`'s panel and marks its button selected. */
export function selectSideTab(side: SideTabs, tab: SideTab): void {
  for (const t of SIDE_TABS) {
    side.tabs[t].setAttribute('aria-selected', String(t === tab));
    side.tabs[t].tabIndex = t === tab ? 0 : -1;
    side.panels[t].hidden = t !== tab;
  }
  side.root.dataset.tab = tab;
}

/** Arrow keys move between tabs (the tablist pattern); the choice is reported to `choose`. */
export function bindSideTabs(side: SideTabs, choose: (tab: SideTab) => void): void {
  for (const t of SIDE_TABS) side.tabs[t].addEventListener('click', () => choose(t));
  side.root.querySelector('.ls-tabs')?.addEventListener('keydown', (e) => {
    const k = (e as KeyboardEvent).key;
    if (k !== 'ArrowLeft' && k !== 'ArrowRight') return;
    const current = SIDE_TABS.indexOf(side.root.dataset.tab as SideTab);
    const next = SIDE_TABS[(current + (k === 'ArrowRight' ? 1 : SIDE_TABS.length - 1)) % SIDE_TABS.length];
    e.preventDefault();
    e.stopPropagation();
    choose(next);
    side.tabs[next].focus();
  });
}
