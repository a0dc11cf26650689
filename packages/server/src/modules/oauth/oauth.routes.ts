import { errorMessage, localizeReason } from '@orgdesk/contracts';
import { publicAccess } from '../../platform/http/access';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import type { OAuthService } from './oauth.service';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * WeCom's OAuth link for apps: `/connect/oauth2/authorize?appid=CORPID&redirect_uri=…&response_type=code&scope=…&state=…&agentid=…`.
 * A member signed in to this corp goes straight back to the app with a code; anyone else signs in first and
 * comes back here. A bad link gets a plain page saying what is wrong, never a redirect.
 */
export function registerOAuthRoutes(app: HttpApp, deps: { oauth: OAuthService }): void {
  app.get('/connect/oauth2/authorize', { config: { access: publicAccess }, schema: { hide: true } }, async (request, reply) => {
    try {
      const authorization = await deps.oauth.authorize(request.query as Record<string, string | undefined>);
      const principal = request.principal;
      if (!principal || principal.stage !== 'full' || principal.corpId !== authorization.corpId) {
        return reply.redirect(`/sign-in?return=${encodeURIComponent(request.url)}`);
      }
      return reply.redirect((await deps.oauth.issueCode(authorization, principal.memberId)).toString());
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const language = request.language;
      const details = (error.details.fields ?? []).map((f) => `${f.path}: ${localizeReason(f.reason, language) ?? f.reason}`);
      const title = escapeHtml(errorMessage(error.code, language));
      const body = `<!doctype html><html lang="${language}"><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3rem"><h1>${title}</h1>${details.map((d) => `<p>${escapeHtml(d)}</p>`).join('')}</body></html>`;
      return reply.status(400).type('text/html; charset=utf-8').send(body);
    }
  });
}
