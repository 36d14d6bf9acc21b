/** The built game itself: hashed files cached for a year, pages and the service worker always fresh. */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { resolve } from 'node:path';

export const staticRoutes: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  await app.register(fastifyStatic, {
    root: resolve(root),
    // Ours, below, instead of the plugin's own max-age=0 (which would overwrite them).
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/dashboard', async (_request, reply) => reply.redirect('./dashboard.html'));
};
