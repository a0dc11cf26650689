import type { Language } from '@orgdesk/contracts';
import type { Access, Principal } from './access';

/** One registered route, as the server knows it (for tests and tooling that walk every route). */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** What the route declared it requires (absent outside /api). */
  access?: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, in registration order; filled by an onRoute hook. */
    routeList: readonly RegisteredRoute[];
  }
  interface FastifyRequest {
    /** The signed-in caller, or null. Set before validation runs. */
    principal: Principal | null;
    language: Language;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Lets a public route carry a session cookie without a CSRF header (sign-in replaces the session). */
    csrfExempt?: boolean;
  }
}
