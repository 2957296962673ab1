// The viewer page's security, written once for its two homes (the VS Code panel and an exported page): the
// Content-Security-Policy and the nonce that lets our own script and style run. Pure apart from the random
// source, which is Web Crypto: the extension host, the CLI and browsers all have it as `crypto`.

/** Web Crypto's one method we use; declared here because src/shared sees neither Node's nor the DOM's types. */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 144 random bits from the platform's CSPRNG (never Math.random), as 24 base64url characters. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64URL[(n >> 18) & 63] + BASE64URL[(n >> 12) & 63] + BASE64URL[(n >> 6) & 63] + BASE64URL[n & 63];
  }
  return out;
}

export interface ViewerCspOptions {
  nonce: string;
  /**
   * Where the page may load its files from (`webview.cspSource` in the panel). An exported page inlines
   * everything and passes none: then it may load nothing at all.
   */
  assetSource?: string;
}

/** Only our own script and style (by nonce) and the page's own assets; no network, no forms, no base URL. */
export function viewerCsp({ nonce, assetSource }: ViewerCspOptions): string {
  const from = assetSource ? `${assetSource} ` : '';
  return [
    "default-src 'none'",
    `style-src ${from}'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${from}data:`,
    ...(assetSource ? [`font-src ${assetSource}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
