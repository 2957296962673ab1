// Terminal colours as plain functions, so the text report stays a pure function: with colours off every
// style is the identity. Whether to colour is decided once, by the caller (TTY and NO_COLOR).

import { SOURCES, type TaskSource } from '../shared/eventLoop';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  error(s: string): string;
  queue(source: TaskSource, s: string): string;
}

const ESC = '\u001b[';
const wrap = (open: number, close: number) => (s: string): string => `${ESC}${open}m${s}${ESC}${close}m`;

export const plainStyle: Style = {
  bold: (s) => s,
  dim: (s) => s,
  error: (s) => s,
  queue: (_source, s) => s,
};

export const colourStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  error: wrap(31, 39),
  queue: (source, s) => wrap(SOURCES[source].ansiColour, 39)(s),
};

/** Colours only for a terminal, and never when the user asked for none (https://no-color.org). */
export function shouldUseColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
