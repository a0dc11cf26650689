import { appCallbackRequest, appCreateRequest, appIdParams, appList, appSchema, appSecretResetRequest, appSecretResponse, appUpdateRequest, callbackDeliveryPage, callbackDeliveryQuery } from '@orgdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db';
import { adminAccess, publicAccess } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import { AppError } from '../../platform/kernel/app-error';
import type { TwoFactorService } from '../auth';
import { verifyCallbackUrl } from '../callbacks';
import type { AppService } from './app.service';
import { MAX_LOGO_BYTES } from './logo';

const tags = ['apps'];

/** 应用管理: custom apps and the directory-sync app. Secrets appear only in the answers that create or reset them. */
export function registerAppRoutes(app: HttpApp, deps: { db: Kysely<DB>; apps: AppService; twoFactor: TwoFactorService }): void {
  const { db, apps, twoFactor } = deps;
  const view = { access: adminAccess('apps.view') };
  const manage = { access: adminAccess('apps.manage') };

  app.get('/api/v1/apps', { config: view, schema: { tags, response: { 200: appList } } }, async (request) => {
    const corpId = requirePrincipal(request).corpId;
    return { corpId, items: await apps.list(db, corpId) };
  });

  app.post('/api/v1/apps', { config: manage, schema: { tags, body: appCreateRequest, response: { 200: appSecretResponse } } }, async (request) =>
    db.transaction().execute((trx) => apps.create(trx, requirePrincipal(request).corpId, request.body, actorContext(request))),
  );

  app.get('/api/v1/apps/:id', { config: view, schema: { tags, params: appIdParams, response: { 200: appSchema } } }, async (request) => apps.get(db, requirePrincipal(request).corpId, request.params.id));

  app.patch('/api/v1/apps/:id', { config: manage, schema: { tags, params: appIdParams, body: appUpdateRequest, response: { 200: appSchema } } }, async (request) => {
    const principal = requirePrincipal(request);
    // "API接口同步" lets the API write the whole directory: a super admin's decision.
    if (request.body.apiWrite !== undefined && !principal.isSuperAdmin) throw new AppError('auth.forbidden');
    return db.transaction().execute((trx) => apps.update(trx, principal.corpId, request.params.id, request.body, actorContext(request)));
  });

  app.post('/api/v1/apps/:id/secret', { config: manage, schema: { tags, params: appIdParams, body: appSecretResetRequest, response: { 200: appSecretResponse } } }, async (request) => {
    const principal = requirePrincipal(request);
    const current = await apps.get(db, principal.corpId, request.params.id);
    if (current.kind === 'contacts_sync' && !principal.isSuperAdmin) throw new AppError('auth.forbidden');
    await twoFactor.confirmCode(principal, request.body.code, actorContext(request));
    return db.transaction().execute((trx) => apps.resetSecret(trx, principal.corpId, request.params.id, actorContext(request)));
  });

  // The directory-sync app: created with its first secret; each call replaces the secret.
  app.post('/api/v1/apps/contacts-sync/secret', { config: manage, schema: { tags, body: appSecretResetRequest.extend({ apiWrite: z.boolean().optional() }), response: { 200: appSecretResponse } } }, async (request) => {
    const principal = requirePrincipal(request);
    if (!principal.isSuperAdmin) throw new AppError('auth.forbidden');
    await twoFactor.confirmCode(principal, request.body.code, actorContext(request));
    return db.transaction().execute((trx) => apps.contactsSyncSecret(trx, principal.corpId, { apiWrite: request.body.apiWrite }, actorContext(request)));
  });

  // The logo is a multipart upload (one file); read with a limit of its own, not the imports' 50 MB.
  app.put('/api/v1/apps/:id/logo', { config: manage, schema: { tags, params: appIdParams, response: { 200: appSchema } } }, async (request) => {
    const corpId = requirePrincipal(request).corpId;
    const bytes = await readOneFile(request);
    return db.transaction().execute((trx) => apps.setLogo(trx, corpId, request.params.id, bytes, actorContext(request)));
  });

  // Logos are public, as WeCom's square_logo_url is: apps and clients show them without signing in.
  app.get('/api/v1/apps/:id/logo', { config: { access: publicAccess }, schema: { tags, params: appIdParams } }, async (request, reply) => {
    const logo = await apps.logo(db, request.params.id);
    if (!logo) throw new AppError('apps.not_found');
    return reply.header('content-type', logo.content_type).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff').send(logo.bytes);
  });

  // Saved only once the URL answers WeCom's echostr handshake, as WeCom's console does.
  app.put('/api/v1/apps/:id/callback', { config: manage, schema: { tags, params: appIdParams, body: appCallbackRequest, response: { 200: appSchema } } }, async (request) => {
    const corpId = requirePrincipal(request).corpId;
    await apps.get(db, corpId, request.params.id);
    const verified = await verifyCallbackUrl({ ...request.body, corpId });
    if (!verified.ok) throw new AppError('apps.callback_unverified', { fields: [{ path: 'url', reason: verified.reason }] });
    return db.transaction().execute((trx) => apps.setCallback(trx, corpId, request.params.id, request.body, actorContext(request)));
  });

  app.delete('/api/v1/apps/:id/callback', { config: manage, schema: { tags, params: appIdParams, response: { 200: appSchema } } }, async (request) =>
    db.transaction().execute((trx) => apps.clearCallback(trx, requirePrincipal(request).corpId, request.params.id, actorContext(request))),
  );

  app.get('/api/v1/apps/:id/callback/deliveries', { config: view, schema: { tags, params: appIdParams, querystring: callbackDeliveryQuery, response: { 200: callbackDeliveryPage } } }, async (request) =>
    apps.deliveries(db, requirePrincipal(request).corpId, request.params.id, request.query),
  );
}

/** The one file of a multipart upload, up to a logo's size; a body the multipart parser cannot read is the client's fault. */
async function readOneFile(request: FastifyRequest): Promise<Buffer> {
  try {
    const part = await request.file({ limits: { fileSize: MAX_LOGO_BYTES + 1, files: 1 } });
    if (!part) throw new AppError('apps.logo_invalid', { fields: [{ path: 'logo', reason: 'is required' }] });
    return await part.toBuffer();
  } catch (error) {
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
    throw new AppError('common.validation_failed', { fields: [{ path: 'logo', reason: 'is not a readable multipart upload' }] });
  }
}
