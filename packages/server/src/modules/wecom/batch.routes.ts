import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { wecomFail } from './answer';
import { BatchError } from './batch-errors';
import type { BatchService } from './batch.service';
import { appContext, input, writer } from './cgi-bin';

// Where batch_job_result also goes: a receiver of the caller's own, with WeCom's Token and EncodingAESKey rules.
const callback = z
  .object({
    url: z.string().max(1024, 'must be at most 1024 characters').regex(/^https?:\/\/\S+$/, 'must start with http:// or https://'),
    token: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits only, 1 to 32 characters'),
    encodingaeskey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'exactly 43 letters and digits'),
  })
  .optional();
const memberBody = z.object({ media_id: z.string().min(1, 'is required').max(128), to_invite: z.boolean().optional(), callback });
const partyBody = z.object({ media_id: z.string().min(1, 'is required').max(128), callback });

/** Answers a batch refusal (an invalid media_id, an unreadable file, an unknown jobid) with its WeCom errcode. */
async function answering<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T | { errcode: number; errmsg: string }> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BatchError) return wecomFail(request, error.errcode, error.errmsg);
    throw error;
  }
}

/**
 * 异步批量接口, for the directory-sync app with "API接口同步" on (48002 otherwise). `to_invite` is accepted and
 * ignored: members are invited from the console. The callback is kept with the job for the completion event.
 */
export function registerBatch(cgi: FastifyInstance, deps: { batch: BatchService }): void {
  const { batch } = deps;
  for (const [path, type] of [['/batch/syncuser', 'sync_user'], ['/batch/replaceuser', 'replace_user']] as const) {
    cgi.post(path, async (request) => {
      const app = writer(request);
      const body = input(memberBody, request.body);
      return answering(request, async () => ({ errcode: 0, errmsg: 'ok', jobid: await batch.startMembers(app, type, body.media_id, body.callback, appContext(request)) }));
    });
  }

  cgi.post('/batch/replaceparty', async (request) => {
    const app = writer(request);
    const body = input(partyBody, request.body);
    return answering(request, async () => ({ errcode: 0, errmsg: 'ok', jobid: await batch.startParty(app, body.media_id, body.callback, appContext(request)) }));
  });

  // Readable by the app that may start jobs; the job must be its corp's.
  cgi.get('/batch/getresult', async (request) => {
    const app = writer(request);
    const { jobid } = input(z.object({ jobid: z.string().min(1, 'is required').max(64) }), request.query);
    return answering(request, async () => {
      const result = await batch.result(app, jobid);
      return { ...result, errmsg: result.errcode === 0 ? result.errmsg : wecomFail(request, result.errcode, result.errmsg).errmsg };
    });
  });
}
