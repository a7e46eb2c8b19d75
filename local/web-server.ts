import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { buildWeb, distDir } from '../web/build.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The web pages, built from web/ into web/dist and served as CloudFront serves them in AWS: files
 * by path, hashed assets cached for ever, every other path the single page (its router decides),
 * and /config.js telling the pages where the API is. The API is another origin; CORS admits this one.
 */
export async function startWebServer(options: { port: number; apiUrl: string; host?: string }): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  await buildWeb();
  const index = readFileSync(join(distDir, 'index.html'));
  const config = `window.registryConfig = ${JSON.stringify({ apiUrl: options.apiUrl })};\n`;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (path === '/config.js') {
      response.writeHead(200, { ...headers, 'content-type': types['.js'], 'cache-control': 'no-store' }).end(config);
      return;
    }
    const file = normalize(join(distDir, path));
    if (file.startsWith(distDir) && path !== '/' && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }).end(readFileSync(file));
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': types['.html'], 'cache-control': 'no-cache' }).end(index);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `http://${options.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : options.port}`;
  return { url, server, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
