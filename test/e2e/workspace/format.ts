// The other file of the greet.ts sample: the step goes into shout, and the editor highlight follows it here.
export function shout(text: string): string {
  const loud = text.toUpperCase();
  return `${loud}!`;
}
