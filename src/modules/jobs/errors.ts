import type { MessageCatalogue } from '../../core/errors.ts';

export const jobsMessages: MessageCatalogue = {
  'jobs.not_found': { zh: '没有您发起的这一任务', en: 'No such job started by you' },
  'jobs.failed': { zh: '任务因服务器内部错误而失败（已记录）', en: 'The job failed on an internal error (logged)' },
  'jobs.interrupted': {
    zh: '任务因服务器停止而中断，且已多次重试未能完成',
    en: 'The job was interrupted by server stops and did not finish after its retries',
  },
};
