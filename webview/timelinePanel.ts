// The Timeline and Insights beside the step view (sideTabs.ts): loads both for a trace, moves the timeline's
// cursor with the step, remembers which tab is shown, and carries presenter mode's toggle (presenter.ts). The app calls load/showStep and saves `tab`; a
// click on a bar or an insight comes back as goTo. The timeline is drawn the first time its tab is shown.

import type { TraceModel } from '../src/shared/modelTypes';
import { findInsights } from '../src/shared/insights';
import { applyPresenter } from './presenter';
import { renderInsights } from './render/insights';
import { entryFileName } from './format';
import { TimelineView } from './render/timeline';
import { bindSideTabs, selectSideTab, type SideTab, type SideTabs } from './sideTabs';

export interface TimelinePanelCallbacks {
  /** `thread`: the step is that thread's (0: main). */
  goTo(step: number, thread: number): void;
  /** The tab changed: save the panel state. */
  tabChanged(tab: SideTab): void;
  /** The presenter-mode toggle was pressed. */
  togglePresenter(): void;
}

export class TimelinePanel {
  readonly timeline: TimelineView;
  private shown: SideTab = 'source';

  constructor(
    private readonly side: SideTabs,
    callbacks: TimelinePanelCallbacks,
  ) {
    this.timeline = new TimelineView(side.timeline, { goTo: (step, thread) => callbacks.goTo(step, thread) });
    side.presenter.addEventListener('click', () => callbacks.togglePresenter());
    bindSideTabs(side, (tab) => {
      this.show(tab);
      callbacks.tabChanged(tab);
    });
  }

  get tab(): SideTab {
    return this.shown;
  }

  show(tab: SideTab): void {
    this.shown = tab;
    selectSideTab(this.side, tab);
    // a hidden canvas measures 0: size and draw it now that it is visible
    if (tab === 'timeline') this.timeline.restyle();
  }

  /** Once per trace: O(tasks log tasks) for the timeline, the insight finders for the list. */
  load(model: TraceModel, internal: readonly boolean[]): void {
    this.timeline.load(model, internal);
    const insights = findInsights(model);
    renderInsights(this.side.insights, insights, entryFileName(model));
    this.side.insightCount.textContent = insights.length ? String(insights.length) : '';
    this.side.tabs.insights.setAttribute('aria-label', `Insights: ${insights.length}`);
  }

  /** Presenter mode: the toggle's state and the timeline revealed step by step. */
  setPresenter(root: HTMLElement, on: boolean): void {
    applyPresenter(root, this.side.presenter, on);
    this.timeline.setReveal(on);
  }

  showStep(step: number): void {
    this.timeline.showStep(step);
  }
}
