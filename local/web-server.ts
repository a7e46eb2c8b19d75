import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** How the console signs staff in: the OpenID provider and its public client (the same shape CDK writes). */
export interface StaffSignInConfig {
  issuer: string;
  clientId: string;
  logoutUrl?: string;
}

/** The request's path, decoded; undefined when it is not valid percent-encoded UTF-8 (`/%E0%A4`). */
function decodedPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

/**
 * The web pages, built from web/ into web/dist and served as CloudFront serves them in AWS: files
 * by path, hashed assets cached for ever, every other path the single page (its router decides),
 * and /config.js telling the pages where the API is and how staff sign in. The API is another origin;
 * CORS admits this one.
 */
export async function startWebServer(options: { port: number; apiUrl: string; host?: string; staffSignIn?: StaffSignInConfig; outDir?: string }): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const root = options.outDir ?? distDir;
  await buildWeb({ outDir: root });
  const index = readFileSync(join(root, 'index.html'));
  const config = `window.registryConfig = ${JSON.stringify({ apiUrl: options.apiUrl, ...(options.staffSignIn ? { staffSignIn: options.staffSignIn } : {}) })};\n`;
  const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  const text = (response: ServerResponse, status: number, message: string) => response.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${message}\n`);
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    const path = decodedPath(request.url ?? '/');
    if (path === undefined) return void text(response, 400, 'Bad request: the path is not valid percent-encoded UTF-8 (a % must be followed by two hex digits, and the bytes must spell UTF-8)');
    if (path === '/config.js') {
      response.writeHead(200, { ...headers, 'content-type': types['.js'], 'cache-control': 'no-store' }).end(config);
      return;
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root) && path !== '/' && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/');
      response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }).end(readFileSync(file));
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': types['.html'], 'cache-control': 'no-cache' }).end(index);
  };
  // One bad request must never take the local system down with it.
  const server = createServer((request, response) => {
    try {
      serve(request, response);
    } catch (error) {
      console.error('Local web server fault:', error);
      if (!response.headersSent) text(response, 500, 'Internal error: see the console of npm start');
      else response.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `http://${options.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : options.port}`;
  return { url, server, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
