// Real-world workload: esbuild's JS API transforms TypeScript snippets. transform() starts esbuild's service
// (a child process talking over pipes); stop() ends it so nothing outlives the program. This file sits in its
// own folder so the test can look for processes still running there (their cwd) after the runs.
// @options timeoutMs=60000 maxEvents=2000000
const esbuild = require('esbuild');

const snippets = [
  'enum Color { Red, Green = 4, Blue }\nexport const c: Color = Color.Blue;',
  'interface P { x: number }\nconst norm = (p: P): number => Math.abs(p.x);\nexport default norm;',
  'export async function load<T>(f: () => Promise<T>): Promise<T | undefined> { try { return await f(); } catch { return undefined; } }',
];

async function main() {
  for (const [i, code] of snippets.entries()) {
    const result = await esbuild.transform(code, { loader: 'ts', target: 'es2020', sourcefile: `snippet${i}.ts` });
    console.log(`--- snippet ${i} (${result.warnings.length} warnings)`);
    console.log(result.code.trimEnd());
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  try {
    await esbuild.transform('let x: = 1', { loader: 'ts', sourcefile: 'broken.ts' });
  } catch (e) {
    console.log('error:', e.errors.map((m) => `${m.location.line}:${m.location.column} ${m.text}`).join('; '));
  }
  await esbuild.stop();
  console.log('stopped');
}

main();
