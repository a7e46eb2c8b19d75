import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/**
 * Builds the web pages into web/dist: one ES module entry with a chunk per page, so a public page
 * loads only what it needs, minified, with content-hashed names (cached for ever by CloudFront).
 * index.html points at the entry; /config.js, written by whoever serves the site, says where the API is.
 */
export const webRoot = fileURLToPath(new URL('.', import.meta.url));
export const distDir = `${webRoot}dist`;

export interface WebBuild {
  entry: string;
  /** Compressed (gzip) bytes of JavaScript each page loads on first view: the entry and its page chunk. */
  metafile: Metafile;
}

export async function buildWeb(options: { minify?: boolean; outDir?: string } = {}): Promise<WebBuild> {
  const out = options.outDir ?? distDir;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(`${out}/assets`, { recursive: true });
  const result = await build({
    entryPoints: { main: `${webRoot}src/main.tsx` },
    outdir: `${out}/assets`,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: options.minify ?? true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
    loader: { '.css': 'css' },
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, output]) => output.entryPoint?.endsWith('src/main.tsx'))?.[0];
  if (!entry) throw new Error('web build produced no entry');
  const entryName = entry.slice(entry.indexOf('/assets/') + 1);
  const css = outputs.find(([name]) => name.endsWith('.css'))?.[0];
  const template = readFileSync(`${webRoot}index.html`, 'utf8');
  writeFileSync(
    `${out}/index.html`,
    template.replace('<!--assets-->', `${css ? `<link rel="stylesheet" href="/${css.slice(css.indexOf('/assets/') + 1)}">` : ''}<script type="module" src="/${entryName}"></script>`),
  );
  return { entry: entryName, metafile: result.metafile };
}

/** Gzip size of a built file, for the 100 KB budget of each public page. */
export const gzippedBytes = (file: string) => gzipSync(readFileSync(file)).length;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entry } = await buildWeb();
  console.log(`web/dist built (${entry})`);
}
