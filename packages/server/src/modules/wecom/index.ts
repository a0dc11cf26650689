import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import type { HttpApp } from '../../platform/http/server';
import type { AppService, AppTokenService } from '../apps';
import type { DepartmentService, MemberService, TagService } from '../directory';
import type { MessageService } from '../messages';
import type { OAuthService } from '../oauth';
import { applyWecomConventions } from './cgi-bin';
import type { ApiRateLimiter } from './rate-limit';
import { registerContactReads } from './contacts.routes';
import { registerContactLookups } from './contacts-lookup.routes';
import { registerContactWrites } from './contacts-write.routes';
import { registerMessageSend } from './message.routes';
import { registerOAuthExchange } from './oauth.routes';
import { registerTokenAndAgent } from './token.routes';
import type { MediaService } from '../media';
import type { BatchService } from './batch.service';
import { registerMedia } from './media.routes';
import { registerBatch } from './batch.routes';
import type { ApprovalService, TemplateService } from '../approvals';
import { registerOaApi } from './oa.routes';

/**
 * The WeCom-compatible server API at /cgi-bin: an adapter over the same services as the native API, owning
 * only WeCom's conventions (envelope, errcodes, field names), never a business rule.
 */
export async function registerWecomApi(app: HttpApp, deps: { db: Kysely<DB>; apps: AppService; appTokens: AppTokenService; departments: DepartmentService; members: MemberService; tags: TagService; messages: MessageService; oauth: OAuthService; apiLimits: ApiRateLimiter; media: MediaService; batch: BatchService; approvals: ApprovalService; templates: TemplateService }): Promise<void> {
  await app.register(
    async (cgi) => {
      applyWecomConventions(cgi, deps.appTokens, deps.apiLimits);
      registerTokenAndAgent(cgi, deps);
      registerContactReads(cgi, deps);
      registerContactWrites(cgi, deps);
      registerContactLookups(cgi, deps);
      registerMessageSend(cgi, deps);
      registerMedia(cgi, deps);
      registerBatch(cgi, deps);
      registerOaApi(cgi, deps);
      registerOAuthExchange(cgi, deps);
    },
    { prefix: '/cgi-bin' },
  );
}
