import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build, type Metafile } from 'esbuild';
import { buildWeb, webRoot } from '../web/build.ts';

export interface PageWeight {
  page: string;
  /** Compressed bytes of JavaScript a first visit to the page loads: the entry, the page's chunk, and what they import. */
  gzipBytes: number;
  /** Public pages have the 100 KB budget; the staff console's pages are loaded by staff only. */
  public: boolean;
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** Every output file a module loads before it runs: its static imports, transitively. */
function closure(metafile: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  return seen;
}

/**
 * The JavaScript each page loads on a first visit (gzip), from the production build, against a
 * bare Preact page bundled the same way: the budget is 100 KB a public page (the staff console's
 * pages are measured too, without a budget).
 */
export async function measureWebPages(): Promise<{ baselineGzipBytes: number; pages: PageWeight[]; budgetBytes: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'web-bench-'));
  try {
    const { metafile } = await buildWeb({ outDir });
    const outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith('.js'));
    const entry = outputs.find((file) => metafile.outputs[file]?.entryPoint?.endsWith('src/main.tsx'))!;
    const shell = closure(metafile, entry);
    const pages = outputs
      .filter((file) => metafile.outputs[file]?.entryPoint?.includes('src/pages/'))
      .map((file) => {
        const files = new Set([...shell, ...closure(metafile, file)]);
        const name = metafile.outputs[file]!.entryPoint!.replace(/^.*src\/pages\//, '').replace(/\.tsx$/, '');
        return { page: name, gzipBytes: [...files].reduce((total, output) => total + gz(output), 0), public: !name.startsWith('staff/') };
      })
      .sort((a, b) => b.gzipBytes - a.gzipBytes);

    const bare = join(outDir, 'bare.tsx');
    writeFileSync(bare, "import { render } from 'preact';\nrender(<p>Hello</p>, document.body);\n");
    const baseline = await build({ entryPoints: [bare], bundle: true, format: 'esm', minify: true, write: false, jsx: 'automatic', jsxImportSource: 'preact', absWorkingDir: webRoot, nodePaths: [join(webRoot, '..', 'node_modules')] });
    const baselineGzipBytes = gzipSync(baseline.outputFiles[0]!.contents).length;
    return { baselineGzipBytes, pages, budgetBytes: 100 * 1024 };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
