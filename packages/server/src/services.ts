import type { Kysely } from 'kysely';
import type { DB } from './db';
import { AuditLog } from './modules/audit';
import { AttemptLimiter, SessionService, SignInService, TwoFactorService, VerificationService } from './modules/auth';
import { corpAccounts, CorpService, RegistrationService, superAdminGuard } from './modules/corp';
import { DepartmentService, MemberService, TagService } from './modules/directory';
import { ImportService } from './modules/imports';
import type { Clock } from './platform/kernel/clock';
import type { Config } from './platform/kernel/config';
import { SecretBox } from './platform/kernel/crypto';
import type { Logger } from './platform/kernel/logger';
import type { SmsGateway } from './platform/kernel/sms';

/** Every service of the platform, built once and shared by the HTTP routes and the CLI. */
export interface Services {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  limiter: AttemptLimiter;
  sessions: SessionService;
  signIn: SignInService;
  twoFactor: TwoFactorService;
  verification: VerificationService;
  corps: CorpService;
  registration: RegistrationService;
  departments: DepartmentService;
  members: MemberService;
  tags: TagService;
  imports: ImportService;
}

/** Wires the services explicitly: the one place that knows how modules fit together. */
export function createServices(db: Kysely<DB>, deps: { config: Config; sms: SmsGateway; clock: Clock; logger: Logger }): Services {
  const { config, sms, clock } = deps;
  const audit = new AuditLog(clock);
  const limiter = new AttemptLimiter(clock);
  const sessions = new SessionService(db, corpAccounts, clock, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours });
  const verification = new VerificationService(db, sms, limiter, clock, config.secretKey);
  const departments = new DepartmentService(audit, clock);
  const members = new MemberService(audit, clock, superAdminGuard);
  const corps = new CorpService(audit, clock, departments, members);
  return {
    db,
    clock,
    audit,
    limiter,
    sessions,
    signIn: new SignInService(db, corpAccounts, sessions, limiter, audit),
    twoFactor: new TwoFactorService(db, corpAccounts, sessions, limiter, audit, new SecretBox(config.secretKey), clock, config.secretKey),
    verification,
    corps,
    registration: new RegistrationService(db, corps, verification, sessions, clock),
    departments,
    members,
    tags: new TagService(audit),
    imports: new ImportService(db, audit, clock, superAdminGuard, deps.logger),
  };
}
