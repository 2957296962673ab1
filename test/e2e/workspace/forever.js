// Never ends on its own: the tests give it a tiny loopscope.timeoutMs and expect exit reason "timeout".
let ticks = 0;
setInterval(() => {
  ticks += 1;
}, 5);
