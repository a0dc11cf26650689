import type { ErrorCode } from '@orgdesk/contracts';

/** A WeCom business error: HTTP 200 with a non-zero errcode. */
export interface WecomError {
  errcode: number;
  errmsg: string;
}

// Our error codes as WeCom numbers them (../shared/wecom-api.md §15). The English texts are the ones WeCom's
// own answers carry; clients only compare errcode.
const byCode: Partial<Record<ErrorCode, WecomError>> = {
  'apps.invalid_corp': { errcode: 40013, errmsg: 'invalid corpid' },
  'apps.invalid_secret': { errcode: 40001, errmsg: 'invalid credential' },
  'apps.ip_not_allowed': { errcode: 60020, errmsg: 'not allow to access from your ip' },
  'apps.token_missing': { errcode: 41001, errmsg: 'access_token missing' },
  'apps.invalid_token': { errcode: 40014, errmsg: 'invalid access_token' },
  'apps.token_expired': { errcode: 42001, errmsg: 'access_token expired' },
  'apps.api_forbidden': { errcode: 48002, errmsg: 'api forbidden' },
  'apps.out_of_range': { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' },
  'apps.secret_missing': { errcode: 41004, errmsg: 'corpsecret missing' },
  'apps.corp_missing': { errcode: 41002, errmsg: 'corpid missing' },
  'apps.answer_too_large': { errcode: 45029, errmsg: 'response size exceed limit' },
  'apps.tag_all_invalid': { errcode: 40070, errmsg: 'all list invalid' },
  'apps.tag_all_invalid_remove': { errcode: 40031, errmsg: 'all list invalid' },
  'apps.mobile_not_found': { errcode: 46004, errmsg: 'user not found' },
  'messages.all_invalid': { errcode: 81013, errmsg: 'user & party & tag all invalid' },
  'messages.invalid_type': { errcode: 40008, errmsg: 'invalid message type' },
  'messages.no_recipient': { errcode: 82001, errmsg: 'All touser & toparty & totag invalid' },
  'apps.too_many_recipients': { errcode: 40032, errmsg: 'invalid userid list size' },
  'oauth.invalid_code': { errcode: 40029, errmsg: 'invalid code' },
  'oauth.code_expired': { errcode: 42003, errmsg: 'code expired' },
  'oauth.redirect_not_trusted': { errcode: 50001, errmsg: 'redirect_url not in trusted domains' },
  'oauth.invalid_ticket': { errcode: 84015, errmsg: 'invalid user ticket' },
  'oauth.ticket_expired': { errcode: 84014, errmsg: 'user ticket expired' },
  'apps.other_agent': { errcode: 301002, errmsg: 'not allow operate another agent with this accesstoken.' },
  'directory.department_not_found': { errcode: 60003, errmsg: 'department not found' },
  'directory.member_not_found': { errcode: 60111, errmsg: 'userid not found' },
  'directory.member_left': { errcode: 60111, errmsg: 'userid not found' },
  'directory.userid_taken': { errcode: 60102, errmsg: 'userid existed' },
  'directory.mobile_taken': { errcode: 60104, errmsg: 'mobile existed' },
  'directory.email_taken': { errcode: 60106, errmsg: 'email existed' },
  'directory.userid_immutable': { errcode: 301036, errmsg: 'userid can not be modified' },
  'directory.leader_not_found': { errcode: 40003, errmsg: 'invalid userid in direct_leader' },
  'directory.last_super_admin': { errcode: 301005, errmsg: 'not allow to delete the creator' },
  'directory.department_name_taken': { errcode: 60008, errmsg: 'department existed' },
  'directory.department_id_taken': { errcode: 60008, errmsg: 'department existed' },
  'directory.department_cycle': { errcode: 60010, errmsg: 'department has a cycle' },
  'directory.department_not_empty': { errcode: 60005, errmsg: 'department contains members or sub-departments' },
  'directory.root_department': { errcode: 60007, errmsg: 'not allow to delete root department' },
  'directory.tag_name_taken': { errcode: 40071, errmsg: 'tagname existed' },
  'directory.tag_not_found': { errcode: 40068, errmsg: 'invalid tagid' },
  // 审批 (/cgi-bin/oa, ../shared/wecom-api.md §9): WeCom's own numbers for its approval API.
  'approvals.api_not_allowed': { errcode: 301055, errmsg: 'no approval app permission' },
  'approvals.api_param_invalid': { errcode: 301025, errmsg: 'get approval param error' },
  'approvals.route_invalid': { errcode: 301025, errmsg: 'get approval param error' },
  'approvals.form_invalid': { errcode: 301025, errmsg: 'get approval param error' },
  'approvals.template_not_found': { errcode: 301026, errmsg: 'get template data failed' },
  'approvals.creator_invalid': { errcode: 40003, errmsg: 'invalid userid' },
  'approvals.applicant_inactive': { errcode: 40003, errmsg: 'invalid userid' },
  'common.rate_limited': { errcode: 45009, errmsg: 'api freq out of limit' },
  'common.validation_failed': { errcode: 40058, errmsg: 'invalid Request Parameter' },
  'common.payload_too_large': { errcode: 40058, errmsg: 'invalid Request Parameter' },
  'common.unsupported_media_type': { errcode: 40058, errmsg: 'invalid Request Parameter' },
};

/** The WeCom error for one of ours; what has no WeCom counterpart is reported by its HTTP meaning. */
export function wecomError(code: ErrorCode, status: number): WecomError {
  const known = byCode[code];
  if (known) return known;
  if (status === 403) return { errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' };
  if (status >= 500) return { errcode: -1, errmsg: 'system busy' };
  return { errcode: 40058, errmsg: `invalid Request Parameter (${code})` };
}

/** `errmsg` as WeCom writes it: the text, a hint with the request id, and the caller's address. */
export function withHint(errmsg: string, requestId: string, ip: string | undefined): string {
  return `${errmsg}, hint: [${requestId}], from ip: ${ip ?? 'unknown'}`;
}
