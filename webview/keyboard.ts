// Keyboard shortcuts -> actions. Pure: the app passes the key event's fields and what has focus.

export type Action =
  | { kind: 'step'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'toggle-play' }
  | { kind: 'output'; direction: 1 | -1 }
  | { kind: 'task'; direction: 1 | -1 }
  | { kind: 'speed'; direction: 1 | -1 };

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Tag name of the focused element (upper case), e.g. "SELECT". */
  targetTag: string;
}

export function keyToAction(e: KeyInput): Action | null {
  // Leave the editor's and the browser's own shortcuts alone, and let a select/text field take its keys.
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.targetTag === 'SELECT' || e.targetTag === 'TEXTAREA') return null;
  switch (e.key) {
    case 'ArrowRight':
      return { kind: 'step', delta: e.shiftKey ? 10 : 1 };
    case 'ArrowLeft':
      return { kind: 'step', delta: e.shiftKey ? -10 : -1 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case ' ':
    case 'k':
      return { kind: 'toggle-play' };
    case 'c':
      return { kind: 'output', direction: 1 };
    case 'C':
      return { kind: 'output', direction: -1 };
    case 't':
      return { kind: 'task', direction: 1 };
    case 'T':
      return { kind: 'task', direction: -1 };
    case '+':
    case '=':
      return { kind: 'speed', direction: 1 };
    case '-':
    case '_':
      return { kind: 'speed', direction: -1 };
    default:
      return null;
  }
}
