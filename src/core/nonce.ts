// The CSP nonce of a page that runs our script (the VS Code panel, an exported page): 144 random bits from the
// OS's CSPRNG, never Math.random.
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}
