// Loopscope end-to-end sample of a two-file project: the tests select greetLater and its call (lines 8-14),
// which use an import and a constant from above the selection; stepping goes into format.ts.
import { shout } from './format';

const greeting = 'hello';
console.log('outside the selection');

function greetLater(name: string): void {
  setTimeout(() => {
    console.log(shout(`${greeting} ${name}`));
  }, 0);
}

greetLater('world');
