import type { LightMyRequestResponse } from 'fastify';
import { expect, vi } from 'vitest';
import type { Session, TestApi } from './api.ts';

/** What GET on a job answers (imports: /api/imports/jobs/:id, /api/relics/imports/:id). */
export interface FollowedJob {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { phase: string; percent: number; rowsRead: number; rowsWritten: number };
  report: any;
  error: { code: string; message: string } | null;
}

/** Polls a job's status until it is done or failed (a condition with a deadline, not a sleep). */
export async function waitForJob(api: Pick<TestApi, 'request'>, session: Session, url: string, lang = 'en', timeout = 120_000): Promise<FollowedJob> {
  let last: FollowedJob | undefined;
  await vi.waitFor(
    async () => {
      const response = await api.request({ method: 'GET', url, session, headers: { 'accept-language': lang } });
      expect(response.statusCode, response.body).toBe(200);
      last = response.json() as FollowedJob;
      expect(['done', 'failed']).toContain(last.state);
    },
    { timeout, interval: 50 },
  );
  return last!;
}

/**
 * An import upload followed to its end, answered as the upload itself answered before imports became jobs: the report
 * (200) when done, the error (400) when the job failed; an upload refused at once (4xx) as it is.
 */
export async function importOutcome(
  api: Pick<TestApi, 'request'>,
  session: Session,
  started: LightMyRequestResponse,
  statusUrl: (jobId: string) => string,
  lang = 'en',
): Promise<{ statusCode: number; body: string; json(): any; job?: FollowedJob }> {
  if (started.statusCode !== 202) return started;
  const job = await waitForJob(api, session, statusUrl(started.json().jobId), lang);
  const payload = job.state === 'done' ? job.report : { error: job.error };
  return { statusCode: job.state === 'done' ? 200 : 400, body: JSON.stringify(payload), json: () => payload, job };
}
