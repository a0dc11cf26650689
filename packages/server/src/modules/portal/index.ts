export { InviteService } from './invite.service';
export { PortalPasswordService } from './password.service';
export { registerPortalRoutes } from './portal.routes';
