import type { Language } from '@orgdesk/contracts';

/** Who is acting and from where: passed from the HTTP edge (or the CLI) to every service call that writes. */
export interface ActorContext {
  /** The actor's userid, or null for the system, an operator at the CLI, or an anonymous caller. */
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  language: Language;
}

/** The context of an operator running a CLI command on the server's machine. */
export function operatorContext(command: string): ActorContext {
  return { actorId: null, actorName: `operator (orgdesk ${command})`, ip: null, userAgent: 'orgdesk-cli', requestId: null, language: 'zh-CN' };
}

/** The context of the platform's own background work (a sweeper, a scheduled job): no person acts, the system does. */
export function systemContext(job: string): ActorContext {
  return { actorId: null, actorName: `system (${job})`, ip: null, userAgent: null, requestId: null, language: 'zh-CN' };
}
