import type { Migration } from 'kysely';
import * as corpInit from './202611260600_corp_init';
import * as authInit from './202611260610_auth_init';
import * as auditInit from './202611260620_audit_init';
import * as directoryMembers from './202611260645_directory_members';
import * as importsJobs from './202611260650_imports_jobs';
import * as accessRoles from './202611260700_access_roles';
import * as directoryVisibility from './202611260900_directory_visibility';
import * as portalMembers from './202611261000_portal_members';
import * as apps from './202611261100_apps';
import * as apiRateCounters from './202611261110_api_rate_counters';
import * as messages from './202611261120_messages';
import * as oauthCodes from './202611261130_oauth_codes';
import * as media from './202611261140_media';
import * as batchJobs from './202611261145_batch_jobs';
import * as callbackDeliveries from './202611261150_callback_deliveries';
import * as approvals from './202611261200_approvals';
import * as notifications from './202611261210_notifications';
import * as payouts from './202611261220_payouts';
import * as approvalTimeLimits from './202611261700_approval_time_limits';
import * as auditTargets from './202611261710_audit_targets';
import * as notificationDigests from './202611261730_notification_digests';
import * as approvalGivenRoute from './202611261740_approval_given_route';

/** The one linear history, in order. Append new migrations; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '202611260600_corp_init': corpInit,
  '202611260610_auth_init': authInit,
  '202611260620_audit_init': auditInit,
  '202611260645_directory_members': directoryMembers,
  '202611260650_imports_jobs': importsJobs,
  '202611260700_access_roles': accessRoles,
  '202611260900_directory_visibility': directoryVisibility,
  '202611261000_portal_members': portalMembers,
  '202611261100_apps': apps,
  '202611261110_api_rate_counters': apiRateCounters,
  '202611261120_messages': messages,
  '202611261130_oauth_codes': oauthCodes,
  '202611261140_media': media,
  '202611261145_batch_jobs': batchJobs,
  '202611261150_callback_deliveries': callbackDeliveries,
  '202611261200_approvals': approvals,
  '202611261210_notifications': notifications,
  '202611261220_payouts': payouts,
  '202611261700_approval_time_limits': approvalTimeLimits,
  '202611261710_audit_targets': auditTargets,
  '202611261730_notification_digests': notificationDigests,
  '202611261740_approval_given_route': approvalGivenRoute,
};
