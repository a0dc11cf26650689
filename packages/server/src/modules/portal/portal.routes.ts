import {
  activationInfo,
  activationQuery,
  activationRequest,
  activationResponse,
  inviteRequest,
  inviteResponse,
  okResponse,
  portalDepartmentList,
  portalDepartmentQuery,
  portalMember,
  portalMemberPage,
  portalMemberQuery,
  portalPasswordChange,
  portalProfile,
  portalProfileUpdate,
  portalUseridParams,
  useridParams,
  type PortalProfile,
} from '@orgdesk/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db';
import { adminAccess, memberAccess, publicAccess, type Principal } from '../../platform/http/access';
import { actorContext, requirePrincipal } from '../../platform/http/context';
import type { HttpApp } from '../../platform/http/server';
import type { CorpService } from '../corp';
import { requestScope, type MemberPortalService, type MemberService } from '../directory';
import type { InviteService } from './invite.service';
import type { PortalPasswordService } from './password.service';

export interface PortalRouteDeps {
  db: Kysely<DB>;
  invites: InviteService;
  passwords: PortalPasswordService;
  members: MemberService;
  memberPortal: MemberPortalService;
  corps: CorpService;
  /** Where links sent to members point; the request's own origin when unset. */
  publicUrl: string | null;
}

const tags = ['portal'];
const member = { access: memberAccess };

/** The member portal: invitations and activation, the member's own profile, and colleagues as they may see them. */
export function registerPortalRoutes(app: HttpApp, deps: PortalRouteDeps): void {
  const { db, invites, passwords, members, memberPortal, corps } = deps;
  const viewer = (p: Principal) => ({ memberId: p.memberId, userid: p.userid });

  async function profile(principal: Principal): Promise<PortalProfile> {
    const corp = await corps.portalSettings(db, principal.corpId);
    return { corp: { corpId: principal.corpId, name: corp.name }, ...(await memberPortal.own(db, principal.corpId, principal.memberId)), editableFields: corp.memberEditableFields };
  }

  app.post('/api/v1/members/:userid/invite', { config: { access: adminAccess('directory.edit') }, schema: { tags: ['directory'], params: useridParams, body: inviteRequest, response: { 200: inviteResponse } } }, async (request) => {
    const scope = requestScope(request);
    // Through the admin's scope: a member outside it is not found.
    const memberId = await members.memberId(db, scope, request.params.userid);
    return invites.invite(scope.corpId, memberId, deps.publicUrl ?? origin(request), actorContext(request), request.body.channel);
  });

  app.get('/api/v1/portal/activation', { config: { access: publicAccess }, schema: { tags, querystring: activationQuery, response: { 200: activationInfo } } }, async (request) =>
    invites.info(request.query.token, request.ip ?? null),
  );

  app.post('/api/v1/portal/activation', { config: { access: publicAccess, csrfExempt: true }, schema: { tags, body: activationRequest, response: { 200: activationResponse } } }, async (request) =>
    invites.activate(request.body.token, request.body.password, actorContext(request)),
  );

  app.get('/api/v1/portal/me', { config: member, schema: { tags, response: { 200: portalProfile } } }, async (request) => profile(requirePrincipal(request)));

  app.patch('/api/v1/portal/me', { config: member, schema: { tags, body: portalProfileUpdate, response: { 200: portalProfile } } }, async (request) => {
    const principal = requirePrincipal(request);
    const { memberEditableFields } = await corps.portalSettings(db, principal.corpId);
    await db.transaction().execute((trx) => memberPortal.updateOwn(trx, principal.corpId, principal.memberId, request.body, memberEditableFields, actorContext(request)));
    return profile(principal);
  });

  app.post('/api/v1/portal/password', { config: member, schema: { tags, body: portalPasswordChange, response: { 200: okResponse } } }, async (request) =>
    passwords.change(requirePrincipal(request), request.body, actorContext(request)),
  );

  app.get('/api/v1/portal/departments', { config: member, schema: { tags, querystring: portalDepartmentQuery, response: { 200: portalDepartmentList } } }, async (request) => {
    const principal = requirePrincipal(request);
    return { items: await memberPortal.departments(db, principal.corpId, viewer(principal), request.query.parentId) };
  });

  app.get('/api/v1/portal/members', { config: member, schema: { tags, querystring: portalMemberQuery, response: { 200: portalMemberPage } } }, async (request) => {
    const principal = requirePrincipal(request);
    return memberPortal.members(db, principal.corpId, viewer(principal), request.query);
  });

  app.get('/api/v1/portal/members/:userid', { config: member, schema: { tags, params: portalUseridParams, response: { 200: portalMember } } }, async (request) => {
    const principal = requirePrincipal(request);
    return memberPortal.member(db, principal.corpId, viewer(principal), request.params.userid);
  });
}

function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
