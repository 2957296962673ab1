// A parser's message without the position it wrote into it: acorn ends its messages with "(3:7)", tools
// prefix "file.js:3:7: ". Loopscope shows an error's position once, from the error's own line and column
// (file:line:col before the message), so the copy inside the message goes. Pure: no Node, no DOM.

/** `message` without a trailing "(L:C)" and a leading "<file>:L:C: "; anything else is kept as it is. */
export function withoutPosition(message: string): string {
  return message.replace(/^[^\n]*?:\d+:\d+:\s+/, '').replace(/\s*\(\d+:\d+\)$/, '');
}
