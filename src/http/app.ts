import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { DEMO_PASSWORD, jobFilesDirOf, photoDirOf } from '../config.ts';
import { removeStaleWorkDirs } from '../core/temp.ts';
import type { Database } from '../db/client.ts';
import { loggableError } from '../db/errors.ts';
import { createJobQueue, type JobQueue } from '../modules/jobs/index.ts';
import { fingerprintJob, registryPhotoSource } from '../modules/matching/index.ts';
import type { AuthPolicy } from '../modules/org/index.ts';
import { installSessionHook } from './auth.ts';
import type { AppContext } from './context.ts';
import { installErrorHandling } from './errors.ts';
import { installPersonalDataAudit } from './personal-data.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { caseRoutes } from './routes/cases.ts';
import { gangRoutes } from './routes/gangs.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { matchingRoutes } from './routes/matching.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { orgRoutes } from './routes/org.ts';
import { publicObjectRoutes } from './routes/public-objects.ts';
import { relicRoutes } from './routes/relics.ts';
import { reportRoutes } from './routes/reports.ts';
import { statsRoutes } from './routes/stats.ts';
import { ErrorResponse } from './schemas.ts';
import { buildValidatorCompiler, installValidation } from './validation.ts';
import { installWebApp } from './web.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function authPolicyFrom(config: Config): AuthPolicy {
  return {
    sessionTtlMinutes: config.sessionTtlMinutes,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionCacheMs: config.sessionCacheMs,
    lockoutThreshold: config.login.lockoutThreshold,
    lockoutMinutes: config.login.lockoutMinutes,
    refusedPasswords: config.env === 'production' ? [DEMO_PASSWORD] : [],
  };
}

export interface BuildOptions {
  /** Where the log goes (default stdout); tests read it. */
  logStream?: { write(line: string): void };
}

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors are logged without query parameters or quoted values: they may be names, ID numbers, phones.
    logger: {
      level: config.logLevel,
      serializers: { err: (error) => loggableError(error) as { type: string; message: string; stack: string } },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Keep a caller's request id (for tracing across services) when it is well-formed.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Our own compiler in every scope (strict bodies, real dates, bounded integers); see validation.ts.
    schemaController: { compilersFactory: { buildValidator: buildValidatorCompiler as never } },
  });
  const jobs = createJobQueue(database, {
    filesDir: jobFilesDirOf(config),
    work: config.jobWorkers,
    onError: (error, context) => app.log.error({ err: error }, context),
  });
  appJobs.set(app, jobs);
  const ctx: AppContext = { db: database.db, driver: database.driver, config, authPolicy: authPolicyFrom(config), jobs };
  // Registry photos are fingerprinted by jobs (queued by the hook server.ts installs); routes define the others.
  jobs.define(fingerprintJob(database.db, registryPhotoSource({ dir: photoDirOf(config) }), () => jobs));

  installValidation(app);
  app.addHook('onReady', async () => {
    const removed = removeStaleWorkDirs();
    if (removed) app.log.info({ removed }, 'removed temporary folders left by stopped servers');
  });
  installErrorHandling(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addSchema(ErrorResponse);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('rate limited'), { statusCode: 429, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lianfang API',
        version: config.version,
        description: '联防 Lianfang: joint special-campaign platform. Errors always have the shape { error: { code, message, fields?, requestId } }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lianfang_session' } } },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets a few inline styles; nothing else of its policy is relaxed.
    transformStaticCSP: (header) => header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
  });

  installSessionHook(app, ctx.db, ctx.authPolicy);
  installPersonalDataAudit(app, ctx.db);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  auditRoutes(app, ctx);
  caseRoutes(app, ctx);
  gangRoutes(app, ctx);
  importRoutes(app, ctx);
  statsRoutes(app, ctx);
  reportRoutes(app, ctx);
  relicRoutes(app, ctx);
  publicObjectRoutes(app, ctx);
  matchingRoutes(app, ctx);
  notificationRoutes(app, ctx);
  campaignRoutes(app, ctx);
  await installWebApp(app);
  // Every job kind is defined by now: the queue starts with the app and stops (its work awaited) before the database closes.
  // (A process that does not work the queue connects to it with the first job it sends: building the app alone, as
  // the OpenAPI generator does, touches no database.)
  if (config.jobWorkers) app.addHook('onReady', () => jobs.start());
  app.addHook('onClose', () => jobs.stop());
  return app;
}

const appJobs = new WeakMap<FastifyInstance, JobQueue>();

/** The job queue of an app built by buildApp (the server queues registry fingerprints on it; tests follow jobs). */
export function jobQueueOf(app: FastifyInstance): JobQueue {
  const jobs = appJobs.get(app);
  if (!jobs) throw new Error('not an app built by buildApp');
  return jobs;
}
