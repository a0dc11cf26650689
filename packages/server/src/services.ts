import type { Kysely } from 'kysely';
import type { DB } from './db';
import { memberAccountDirectory, appointFounder, AssignmentService, RoleService, superAdminGuard } from './modules/access';
import { AppService, AppTokenService } from './modules/apps';
import { ApprovalActions, ApprovalEngine, ApprovalService, ApprovalTimeouts, TemplateService } from './modules/approvals';
import { AuditLog } from './modules/audit';
import { CallbackDispatcher, CallbackOutbox } from './modules/callbacks';
import { AttemptLimiter, SessionService, SignInService, TwoFactorService, VerificationService } from './modules/auth';
import type { AccountDirectory } from './modules/auth';
import { CorpService, RegistrationService } from './modules/corp';
import { DepartmentService, ExternalContactPermissionService, MemberPortalService, MemberService, TagService, VisibilityService } from './modules/directory';
import { ImportService } from './modules/imports';
import { InboxService, MessageService } from './modules/messages';
import { NotificationDispatcher, NotificationHub, NotificationService } from './modules/notifications';
import { OAuthService } from './modules/oauth';
import { PayoutService } from './modules/payouts';
import { ApiRateLimiter } from './modules/wecom/rate-limit';
import { MediaService } from './modules/media';
import { BatchService } from './modules/wecom/batch.service';
import { sysApprovalChange } from './modules/wecom/oa-events';
import { InviteService, PortalPasswordService } from './modules/portal';
import type { Clock } from './platform/kernel/clock';
import type { Config } from './platform/kernel/config';
import { SecretBox } from './platform/kernel/crypto';
import type { Logger } from './platform/kernel/logger';
import type { EmailGateway } from './platform/kernel/email';
import type { SmsGateway } from './platform/kernel/sms';

/** Every service of the platform, built once and shared by the HTTP routes and the CLI. */
export interface Services {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  accounts: AccountDirectory;
  roles: RoleService;
  assignments: AssignmentService;
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
  visibility: VisibilityService;
  externalContacts: ExternalContactPermissionService;
  imports: ImportService;
  memberPortal: MemberPortalService;
  invites: InviteService;
  portalPasswords: PortalPasswordService;
  apps: AppService;
  appTokens: AppTokenService;
  messages: MessageService;
  inbox: InboxService;
  oauth: OAuthService;
  callbacks: CallbackOutbox;
  /** Sends the callback outbox; the server starts and stops it. */
  callbackDispatcher: CallbackDispatcher;
  /** The WeCom API's frequency limits (45009); the server starts and stops its sharing with other processes. */
  apiLimits: ApiRateLimiter;
  /** 临时素材 (media/upload) and the WeCom batch imports over them. */
  media: MediaService;
  batch: BatchService;
  /** The one way modules tell members something: inbox, email, webhooks, under each member's rules. */
  notifications: NotificationService;
  /** Delivers the notification outbox; the server starts and stops it. */
  notificationDispatcher: NotificationDispatcher;
  payouts: PayoutService;
  approvalEngine: ApprovalEngine;
  approvalTemplates: TemplateService;
  approvals: ApprovalService;
  approvalActions: ApprovalActions;
  /** Reminds or approves for approvers past their node's time limit; the server starts and stops it. */
  approvalTimeouts: ApprovalTimeouts;
}

/** Wires the services explicitly: the one place that knows how modules fit together. */
export function createServices(db: Kysely<DB>, deps: { config: Config; sms: SmsGateway; email: EmailGateway; clock: Clock; logger: Logger }): Services {
  const { config, sms, email, clock } = deps;
  const audit = new AuditLog(clock);
  const box = new SecretBox(config.secretKey);
  // Directory changes queue their change_contact callbacks in their own transaction.
  const callbacks = new CallbackOutbox(clock);
  audit.onRecord((trx, corpId, ctx, input) => callbacks.contactChanged(trx, corpId, ctx, input));
  const limiter = new AttemptLimiter(clock);
  const accounts = memberAccountDirectory(audit, () => clock.now());
  const sessions = new SessionService(db, accounts, clock, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours });
  const verification = new VerificationService(db, sms, limiter, clock, config.secretKey);
  const departments = new DepartmentService(audit, clock);
  const members = new MemberService(audit, clock, superAdminGuard);
  const corps = new CorpService(audit, clock, departments, members, appointFounder);
  const memberPortal = new MemberPortalService(audit, clock);
  const imports = new ImportService(db, audit, clock, superAdminGuard, deps.logger);
  const media = new MediaService(db, clock);
  // Without a mail server (the log gateway) notices are not emailed: the log is for invitation links, not for every notice.
  const sendsEmail = email.delivers;
  const notifications = new NotificationService(clock, { audit, box, hub: new NotificationHub(db, deps.logger), sendsEmail });
  const payouts = new PayoutService(audit, clock, box);
  const approvalEngine = new ApprovalEngine(audit, clock, notifications, payouts);
  const approvalTemplates = new TemplateService(audit, clock);
  const approvals = new ApprovalService(approvalEngine, approvalTemplates);
  // A paid payout settles its approval (status 10) in the same transaction.
  payouts.onPaid((trx, corpId, approvalIds, ctx) => approvals.markPaid(trx, corpId, approvalIds, ctx));
  // Every change of a request queues sys_approval_change for the apps that may use the approval API.
  approvalEngine.onChange(sysApprovalChange(callbacks));
  return {
    db,
    clock,
    audit,
    accounts,
    roles: new RoleService(audit, clock),
    assignments: new AssignmentService(audit, clock),
    limiter,
    sessions,
    signIn: new SignInService(db, accounts, sessions, limiter, audit),
    twoFactor: new TwoFactorService(db, accounts, sessions, limiter, audit, box, clock, config.secretKey),
    verification,
    corps,
    registration: new RegistrationService(db, corps, verification, sessions, clock),
    departments,
    members,
    tags: new TagService(audit),
    visibility: new VisibilityService(audit, clock),
    externalContacts: new ExternalContactPermissionService(audit, clock),
    imports,
    memberPortal,
    invites: new InviteService(db, audit, clock, { sms, email }, limiter, memberPortal, corps),
    portalPasswords: new PortalPasswordService(db, audit, clock, limiter, sessions, memberPortal),
    apps: new AppService(audit, clock, config.secretKey, box),
    appTokens: new AppTokenService(db, clock, config.secretKey, limiter),
    messages: new MessageService(audit, clock, sendsEmail),
    inbox: new InboxService(clock),
    oauth: new OAuthService(db, clock),
    callbacks,
    callbackDispatcher: new CallbackDispatcher(db, clock, box, deps.logger),
    media,
    batch: new BatchService(db, imports, media, departments, clock, deps.logger, callbacks, box),
    notifications,
    notificationDispatcher: new NotificationDispatcher(db, clock, email, box, deps.logger),
    payouts,
    approvalEngine,
    approvalTemplates,
    approvals,
    approvalActions: new ApprovalActions(approvalEngine, approvals),
    approvalTimeouts: new ApprovalTimeouts(db, approvalEngine, deps.logger),
    apiLimits: new ApiRateLimiter(db, clock, { onError: (err) => deps.logger.warn({ err }, 'API rate counters not flushed; kept for the next flush') }),
  };
}
