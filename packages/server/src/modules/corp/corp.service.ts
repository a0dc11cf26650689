import { IANAZone } from 'luxon';
import { defaultWorkCalendar, memberEditableFieldOptions, type CorpInfo, type CorpSettings, type MemberEditableField, corpIndustrySchema, corpSizeSchema } from '@orgdesk/contracts';
import type { Executor, Trx } from '../../db';
import { AppError } from '../../platform/kernel/app-error';
import type { Clock } from '../../platform/kernel/clock';
import type { ActorContext } from '../../platform/kernel/context';
import { newCorpId } from '../../platform/kernel/ids';
import type { AuditLog } from '../audit';
import { ROOT_DEPARTMENT_ID, wholeCorp, type DepartmentService, type MemberService } from '../directory';
import { creditCodeProblem } from './credit-code';
import * as repo from './corp.repository';
import type { CorpRow } from './corp.table';

/** Makes the founder the corp's first super admin; provided by the access module (wired in the composition root). */
export type FounderAppointer = (trx: Trx, corpId: string, memberId: string, at: Date) => Promise<void>;

/** What it takes to create a corp. */
export interface NewCorp {
  name: string;
  creditCode: string;
  industry: CorpInfo['industry'];
  size: CorpInfo['size'];
  adminName: string;
  adminMobile: string;
  adminUserid?: string;
}

/** Profile fields an admin may change. */
export interface CorpProfilePatch {
  name?: string;
  industry?: CorpInfo['industry'];
  size?: CorpInfo['size'];
  logo?: string | null;
}

/** Corps: creation with their root department and first super admin, profile and settings. */
export class CorpService {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly departments: DepartmentService,
    private readonly members: MemberService,
    private readonly founders: FounderAppointer,
  ) {}

  /** Refuses a malformed or already registered credit code before anything is written. */
  async checkCreditCode(db: Executor, creditCode: string): Promise<void> {
    const problem = creditCodeProblem(creditCode);
    if (problem) throw new AppError('corp.credit_code_invalid', { fields: [{ path: 'creditCode', reason: problem }] });
    if (await repo.creditCodeTaken(db, creditCode)) throw new AppError('corp.credit_code_taken', { fields: [{ path: 'creditCode', reason: 'already registered' }] });
  }

  /** Creates the corp, its root department (id 1, named after it) and the creator as its first member and super admin. */
  async create(trx: Trx, input: NewCorp, ctx: ActorContext): Promise<{ corpId: string; memberId: string; userid: string }> {
    await this.checkCreditCode(trx, input.creditCode);
    const corpId = newCorpId();
    const now = this.clock.now();
    const userid = input.adminUserid ?? 'admin';
    await repo.insertCorp(trx, { id: corpId, name: input.name, credit_code: input.creditCode, industry: input.industry, size: input.size, default_language: 'zh-CN', calendar: defaultWorkCalendar, created_at: now, updated_at: now });
    await this.audit.record(trx, corpId, ctx, {
      action: 'corp.register',
      targetType: 'corp',
      targetId: corpId,
      after: { name: input.name, creditCode: input.creditCode, industry: input.industry, size: input.size, superAdmin: { userid, name: input.adminName } },
    });
    await this.departments.createRoot(trx, corpId, input.name);
    const scope = wholeCorp(corpId);
    await this.members.create(trx, scope, { userid, name: input.adminName, mobile: input.adminMobile, departments: [{ id: ROOT_DEPARTMENT_ID, order: 0, isLeader: false }] }, ctx, { activated: true });
    const memberId = await this.members.memberId(trx, scope, userid);
    await this.founders(trx, corpId, memberId, now);
    return { corpId, memberId, userid };
  }

  /** Whether a corp exists on this deployment. */
  async exists(db: Executor, corpId: string): Promise<boolean> {
    return (await repo.findCorp(db, corpId)) !== undefined;
  }

  /** The enterprise info page. */
  async info(db: Executor, corpId: string): Promise<CorpInfo> {
    const corp = await repo.findCorp(db, corpId);
    if (!corp) throw new AppError('corp.not_found');
    return present(corp, await this.members.count(db, wholeCorp(corpId)));
  }

  async updateProfile(trx: Trx, corpId: string, patch: CorpProfilePatch, ctx: ActorContext): Promise<void> {
    const before = await repo.lockCorp(trx, corpId);
    if (!before) throw new AppError('corp.not_found');
    await repo.updateCorp(trx, corpId, { ...patch, updated_at: this.clock.now() });
    const changed = Object.keys(patch) as (keyof CorpProfilePatch)[];
    await this.audit.record(trx, corpId, ctx, {
      action: 'corp.profile_update',
      targetType: 'corp',
      targetId: corpId,
      before: Object.fromEntries(changed.map((k) => [k, k === 'logo' ? logoSummary(before.logo) : before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, k === 'logo' ? logoSummary(patch.logo ?? null) : patch[k]])),
    });
  }

  async updateSettings(trx: Trx, corpId: string, settings: CorpSettings, ctx: ActorContext): Promise<void> {
    if (!IANAZone.isValidZone(settings.calendar.timezone)) {
      throw new AppError('corp.timezone_invalid', { fields: [{ path: 'calendar.timezone', reason: 'not an IANA time zone' }] });
    }
    const before = await repo.lockCorp(trx, corpId);
    if (!before) throw new AppError('corp.not_found');
    const calendar = { ...settings.calendar, holidays: sortedUnique(settings.calendar.holidays), makeupWorkdays: sortedUnique(settings.calendar.makeupWorkdays), workingDays: [...settings.calendar.workingDays].sort() };
    const portal = {
      member_totp_required: settings.memberTotpRequired ?? before.member_totp_required,
      member_editable_fields: settings.memberEditableFields ? [...new Set(settings.memberEditableFields)] : before.member_editable_fields,
    };
    await repo.updateCorp(trx, corpId, { default_language: settings.defaultLanguage, calendar, ...portal, updated_at: this.clock.now() });
    await this.audit.record(trx, corpId, ctx, {
      action: 'corp.settings_update',
      targetType: 'corp',
      targetId: corpId,
      before: { defaultLanguage: before.default_language, calendar: before.calendar, memberTotpRequired: before.member_totp_required, memberEditableFields: before.member_editable_fields },
      after: { defaultLanguage: settings.defaultLanguage, calendar, memberTotpRequired: portal.member_totp_required, memberEditableFields: portal.member_editable_fields },
    });
  }

  /** What the member portal needs of a corp: its name, language and the profile fields members may edit. */
  async portalSettings(db: Executor, corpId: string): Promise<{ name: string; defaultLanguage: 'zh-CN' | 'en'; memberEditableFields: MemberEditableField[] }> {
    const corp = await repo.findCorp(db, corpId);
    if (!corp) throw new AppError('corp.not_found');
    return { name: corp.name, defaultLanguage: corp.default_language === 'en' ? 'en' : 'zh-CN', memberEditableFields: editableFields(corp) };
  }
}

function sortedUnique(dates: string[]): string[] {
  return [...new Set(dates)].sort();
}

// A logo is a data URL of up to 256 KiB: the audit log records that it changed, not its bytes.
function logoSummary(logo: string | null | undefined): string | null {
  return logo ? `image (${Math.round(logo.length / 1024)} KiB data URL)` : null;
}

function present(corp: CorpRow, memberCount: number): CorpInfo {
  return {
    corpId: corp.id,
    name: corp.name,
    creditCode: corp.credit_code,
    industry: corpIndustrySchema.parse(corp.industry),
    size: corpSizeSchema.parse(corp.size),
    logo: corp.logo,
    createdAt: corp.created_at.toISOString(),
    memberCount,
    settings: { defaultLanguage: corp.default_language === 'en' ? 'en' : 'zh-CN', calendar: corp.calendar, memberTotpRequired: corp.member_totp_required, memberEditableFields: editableFields(corp) },
  };
}

// Stored as text[]: keep only names the contract knows, in case one is retired later.
function editableFields(corp: CorpRow): MemberEditableField[] {
  return memberEditableFieldOptions.filter((f) => corp.member_editable_fields.includes(f));
}
