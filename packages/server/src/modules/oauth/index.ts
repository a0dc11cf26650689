export { OAuthService, USER_TICKET_SECONDS } from './oauth.service';
export { registerOAuthRoutes } from './oauth.routes';
