import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Serves the built SPA: hashed assets cached for a year, index.html never cached, and index.html
 * for any non-API path so client-side routes (/cases, /public/objects…) survive a reload.
 */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  const built = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each asset; send the smallest the browser accepts.
      preCompressed: true,
      setHeaders(res, filePath) {
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api');
    if (isPage) {
      if (!built) return sendError(request, reply, 503, 'web_not_built');
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(request, reply, 404, 'route_not_found', { method: request.method, url: request.url.split('?')[0]! });
  });
}
