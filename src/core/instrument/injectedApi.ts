// The instrumenter's spelling of the injected runtime API: the call names come from the core/runtime contract
// (src/shared/runtimeContract.ts); the frame variables are the instrumenter's own.

export { INJECTED_API } from '../../shared/runtimeContract';

/** Per-function frame variables are named `R + FRAME_SUFFIX`. */
export const FRAME_SUFFIX = 'f';

/** The frame argument used outside any function (top-level await / for await in an ES module). */
export const TOP_LEVEL_FRAME = 'null';
