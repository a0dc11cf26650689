import type { Language } from '@orgdesk/contracts';
import type { Access, Principal } from './access';

declare module 'fastify' {
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
