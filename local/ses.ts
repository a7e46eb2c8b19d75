import type { Server } from 'node:http';
import { createRequire } from 'node:module';

// A CommonJS module whose `default` export is the server factory.
const { default: startSesEmulator } = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: (config: { host: string; port: number }) => Promise<Server>;
};

export interface LocalSes {
  endpoint: string;
  stop(): Promise<void>;
}

/** aws-ses-v2-local in this process, on 127.0.0.1 only; its page at / shows every e-mail sent. */
export async function startSes(port: number): Promise<LocalSes> {
  const server: Server = await startSesEmulator({ host: '127.0.0.1', port });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
