// Types only: the console shares the server's shapes without bundling its schemas here.
import type {
  auditPage,
  auditQuery,
  auditVerification,
  batchResult,
  corpInfo,
  corpProfileUpdate,
  corpSettings,
  departmentCreateRequest,
  departmentSchema,
  departmentUpdateRequest,
  importErrorsPage,
  importJob,
  importRowError,
  templateQuery,
  memberCreateRequest,
  memberListQuery,
  memberPage,
  memberSchema,
  memberUpdateRequest,
  meResponse,
  activationInfo,
  activationRequest,
  portalDepartment,
  portalMember,
  portalMemberPage,
  portalProfile,
  portalProfileUpdate,
  inviteResponse,
  portalPasswordChange,
  recoveryCodesResponse,
  registrationCodeResponse,
  registrationRequest,
  registrationResponse,
  secondFactorRequest,
  sessionSummary,
  signInRequest,
  signInResponse,
  tagDetail,
  tagSchema,
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
export type Department = z.infer<typeof departmentSchema>;
export type DepartmentCreate = z.input<typeof departmentCreateRequest>;
export type DepartmentUpdate = z.input<typeof departmentUpdateRequest>;
export type Member = z.infer<typeof memberSchema>;
export type MemberStatus = Member['status'];
export type MemberPage = z.infer<typeof memberPage>;
export type MemberListParams = Partial<z.input<typeof memberListQuery>>;
export type MemberCreate = z.input<typeof memberCreateRequest>;
export type MemberUpdate = z.input<typeof memberUpdateRequest>;
export type BatchResult = z.infer<typeof batchResult>;
export type Tag = z.infer<typeof tagSchema>;
export type TagDetail = z.infer<typeof tagDetail>;
export type TagMembersChange = { userids?: string[]; departmentIds?: number[] };
export type TagMembersResult = { invalidUserids: string[]; invalidDepartmentIds: number[] };
export type Ok = { ok: true };
export type ImportJob = z.infer<typeof importJob>;
export type ImportMode = ImportJob['mode'];
export type ImportCounts = ImportJob['counts'];
export type ImportRowError = z.infer<typeof importRowError>;
export type ImportErrorsPage = z.infer<typeof importErrorsPage>;
export type SheetFormat = z.infer<typeof templateQuery>['format'];
export type ActivationInfo = z.infer<typeof activationInfo>;
export type ActivationRequest = z.input<typeof activationRequest>;
export type PortalProfile = z.infer<typeof portalProfile>;
export type PortalProfileUpdate = z.input<typeof portalProfileUpdate>;
export type PortalPasswordChange = z.input<typeof portalPasswordChange>;
export type InviteResult = z.infer<typeof inviteResponse>;
export type PortalDepartment = z.infer<typeof portalDepartment>;
export type PortalMember = z.infer<typeof portalMember>;
export type PortalMemberPage = z.infer<typeof portalMemberPage>;
