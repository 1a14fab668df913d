import path from 'node:path';

/** The one place that reads the environment. Everything else receives a Config. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Folder for the embedded database and (later) the photo store. */
  dataDir: string;
  /** Photo store (registry photos, originals by sha256); default `<dataDir>/photos` (LIANFANG_PHOTO_DIR). */
  photoDir: string | undefined;
  /** When set, PostgreSQL server instead of embedded PGlite. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Set true behind TLS so the session cookie gets the Secure flag. */
  cookieSecure: boolean;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  /** Reuse a resolved session this long without a database round trip (logout evicts at once). */
  sessionCacheMs: number;
  login: {
    /** Requests per window per client address on POST /api/auth/login. */
    rateLimitMax: number;
    rateLimitWindowMs: number;
    /** Consecutive failures before the account is locked. */
    lockoutThreshold: number;
    lockoutMinutes: number;
  };
  bodyLimitBytes: number;
  /** Worker threads for screening jobs (MATCH_WORKERS); undefined = one per core, 0 = on the main thread. */
  matchWorkers: number | undefined;
  /**
   * Whether this process works the job queue (LIANFANG_JOB_WORKERS, default true). false: it only sends jobs (imports,
   * screening, fingerprints), for a deployment whose HTTP servers leave the work to a separate worker process.
   */
  jobWorkers: boolean;
  version: string;
}

export const DEMO_PASSWORD = 'lianfang-demo';
export const VERSION = '0.1.0';

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const base: Config = {
    env: nodeEnv,
    host: env.HOST ?? '127.0.0.1',
    port: intFrom(env, 'PORT', 8080),
    dataDir: path.resolve(env.LIANFANG_DATA_DIR ?? 'data'),
    photoDir: env.LIANFANG_PHOTO_DIR ? path.resolve(env.LIANFANG_PHOTO_DIR) : undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    cookieSecure: env.COOKIE_SECURE === 'true',
    sessionTtlMinutes: intFrom(env, 'SESSION_TTL_MINUTES', 12 * 60),
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 120),
    sessionCacheMs: intFrom(env, 'SESSION_CACHE_MS', 5000),
    login: {
      rateLimitMax: intFrom(env, 'LOGIN_RATE_LIMIT', 20),
      rateLimitWindowMs: 60_000,
      lockoutThreshold: intFrom(env, 'LOGIN_LOCKOUT_THRESHOLD', 5),
      lockoutMinutes: intFrom(env, 'LOGIN_LOCKOUT_MINUTES', 15),
    },
    bodyLimitBytes: intFrom(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    matchWorkers: env.MATCH_WORKERS ? intFrom(env, 'MATCH_WORKERS', 0) : undefined,
    jobWorkers: env.LIANFANG_JOB_WORKERS !== 'false' && env.LIANFANG_JOB_WORKERS !== '0',
    version: VERSION,
  };
  return { ...base, ...overrides, login: { ...base.login, ...overrides.login } };
}

/** Files sent with background jobs (uploads waiting to be imported or screened): kept under the data folder until their job ends. */
export function jobFilesDirOf(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'job-files');
}

/** The photo folder: LIANFANG_PHOTO_DIR, or `photos` under the data folder. */
export function photoDirOf(config: Pick<Config, 'photoDir' | 'dataDir'>): string {
  return config.photoDir ?? path.join(config.dataDir, 'photos');
}
