export { InviteService } from './invite.service';
export { registerPortalRoutes } from './portal.routes';
