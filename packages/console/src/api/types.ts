// Types only: the console shares the server's shapes without bundling its schemas here.
import type {
  auditPage,
  auditQuery,
  auditVerification,
  corpInfo,
  corpProfileUpdate,
  corpSettings,
  meResponse,
  recoveryCodesResponse,
  registrationCodeResponse,
  registrationRequest,
  registrationResponse,
  secondFactorRequest,
  sessionSummary,
  signInRequest,
  signInResponse,
  totpEnrollment,
} from '@orgdesk/contracts';
import type { z } from 'zod';

export type Me = z.infer<typeof meResponse>;
export type SessionStage = Me['stage'];
export type SignInRequest = z.input<typeof signInRequest>;
export type SignInResponse = z.infer<typeof signInResponse>;
export type SecondFactorRequest = z.input<typeof secondFactorRequest>;
export type TotpEnrollment = z.infer<typeof totpEnrollment>;
export type RecoveryCodes = z.infer<typeof recoveryCodesResponse>;
export type RegistrationCodeResponse = z.infer<typeof registrationCodeResponse>;
export type RegistrationRequest = z.input<typeof registrationRequest>;
export type RegistrationResponse = z.infer<typeof registrationResponse>;
export type CorpInfo = z.infer<typeof corpInfo>;
export type CorpProfileUpdate = z.input<typeof corpProfileUpdate>;
export type CorpSettings = z.infer<typeof corpSettings>;
export type SessionSummary = z.infer<typeof sessionSummary>;
export type AuditQuery = Partial<z.input<typeof auditQuery>>;
export type AuditPage = z.infer<typeof auditPage>;
export type AuditVerification = z.infer<typeof auditVerification>;
export type Ok = { ok: true };
