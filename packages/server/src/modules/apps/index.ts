export { registerAppRoutes } from './apps.routes';
export { AppService } from './app.service';
export { AppTokenService, type AppCaller } from './app-token.service';
