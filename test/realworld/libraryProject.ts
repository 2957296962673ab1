// Builds a local project out of real libraries: their files are copied from the project's node_modules into a
// temp folder's lib/<package>/ (node_modules itself is never touched), beside an entry that loads them by a
// relative path, so Loopscope's project loader instruments every module of the library as the user's code.
// A library's imports of another copied library (bare specifiers such as 'd3-array') are rewritten to the
// relative path of the copy; nothing else of its text changes.

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const nodeModules = path.resolve(__dirname, '../../node_modules');

/** One library to copy: the package's name and its files (or folders) to take, relative to the package. */
export interface LibraryCopy {
  name: string;
  files: string[];
  /** Bare specifier -> file of another copied library, relative to lib/ (e.g. 'd3-array/dist/d3-array.mjs'). */
  rewrite?: Record<string, string>;
  /** Sets package.json "type" of the copy (only where Node would otherwise warn: see the test's comment). */
  type?: 'module' | 'commonjs';
}

export interface LibraryProject {
  dir: string;
  entry: string;
  /** Every JavaScript file of the project (entry first), relative to dir, `/` separators. */
  files: string[];
}

const JS = /\.(c|m)?js$/;

function listFiles(dir: string, base: string): string[] {
  return readdirSync(path.join(base, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    return statSync(path.join(base, rel)).isDirectory() ? listFiles(rel, base) : [rel];
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Replaces `from 'spec'` / `from "spec"` / `import('spec')` of each rewritten specifier by a relative path. */
export function rewriteSpecifiers(text: string, fileInLib: string, rewrite: Record<string, string>): string {
  let out = text;
  for (const [spec, target] of Object.entries(rewrite)) {
    let rel = path.posix.relative(path.posix.dirname(fileInLib), target);
    if (!rel.startsWith('.')) rel = `./${rel}`;
    const re = new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\brequire\\s*\\(\\s*)(['"])${escapeRegExp(spec)}\\2`, 'g');
    out = out.replace(re, (_m, lead: string, quote: string) => `${lead}${quote}${rel}${quote}`);
  }
  return out;
}

/** Copies the libraries and the entry (with its file name) into a fresh temp folder. */
export function buildLibraryProject(entrySource: string, entryName: string, libs: LibraryCopy[]): LibraryProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'loopscope-realibs-'));
  const files: string[] = [entryName];
  for (const lib of libs) {
    const from = path.join(nodeModules, lib.name);
    const to = path.join(dir, 'lib', lib.name);
    mkdirSync(to, { recursive: true });
    // package.json decides CJS or ESM for .js files, as it does in node_modules
    const pkg = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (lib.type) pkg.type = lib.type;
    writeFileSync(path.join(to, 'package.json'), JSON.stringify(pkg, null, 2));
    for (const item of lib.files) {
      cpSync(path.join(from, item), path.join(to, item), { recursive: true });
      const copied = statSync(path.join(to, item)).isDirectory() ? listFiles(item, to) : [item.split(path.sep).join('/')];
      for (const rel of copied.filter((f) => JS.test(f))) {
        files.push(path.posix.join('lib', lib.name, rel));
        if (!lib.rewrite) continue;
        const abs = path.join(to, rel);
        writeFileSync(abs, rewriteSpecifiers(readFileSync(abs, 'utf8'), path.posix.join(lib.name, rel), lib.rewrite));
      }
    }
  }
  const entry = path.join(dir, entryName);
  writeFileSync(entry, entrySource);
  return { dir, entry, files };
}
