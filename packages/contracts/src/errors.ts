import { approvalErrors } from './approvals-errors';
import { notificationErrors } from './notifications-errors';
import { payoutErrors } from './payouts-errors';

/**
 * Every error the platform can answer with: a stable `module.reason` code, its HTTP status and its
 * message in each console language. A code without both messages does not compile.
 */
export const errorCatalogue = {
  'common.validation_failed': { status: 400, 'zh-CN': '提交的内容有误，请检查后重试', en: 'The request has invalid fields' },
  'common.not_found': { status: 404, 'zh-CN': '请求的资源不存在', en: 'The requested resource does not exist' },
  'common.payload_too_large': { status: 413, 'zh-CN': '提交的内容过大', en: 'The request body is too large' },
  'common.unsupported_media_type': { status: 415, 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  'common.rate_limited': { status: 429, 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many attempts, please try again later' },
  'common.internal': { status: 500, 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  'common.conflict': { status: 409, 'zh-CN': '数据已被修改，请刷新后重试', en: 'The data changed meanwhile, please retry' },
  'auth.unauthenticated': { status: 401, 'zh-CN': '请先登录', en: 'Please sign in first' },
  'auth.csrf_failed': { status: 403, 'zh-CN': '请求校验失败，请刷新页面后重试', en: 'Request check failed, reload the page and retry' },
  'auth.invalid_credentials': { status: 401, 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  'auth.second_factor_required': { status: 403, 'zh-CN': '请先完成两步验证', en: 'Complete two-step verification first' },
  'auth.totp_enrollment_required': { status: 403, 'zh-CN': '请先绑定身份验证器', en: 'Set up an authenticator app first' },
  'auth.invalid_code': { status: 401, 'zh-CN': '验证码错误或已失效', en: 'The code is wrong or has expired' },
  'auth.already_enrolled': { status: 409, 'zh-CN': '已绑定身份验证器', en: 'An authenticator is already set up' },
  'auth.forbidden': { status: 403, 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  'auth.session_not_found': { status: 404, 'zh-CN': '会话不存在或已结束', en: 'The session does not exist or has ended' },
  'corp.credit_code_invalid': { status: 400, 'zh-CN': '统一社会信用代码无效', en: 'The unified social credit code is invalid' },
  'corp.credit_code_taken': { status: 409, 'zh-CN': '该统一社会信用代码已注册', en: 'This unified social credit code is already registered' },
  'corp.verification_failed': { status: 400, 'zh-CN': '短信验证码错误或已过期', en: 'The SMS code is wrong or has expired' },
  'corp.not_found': { status: 404, 'zh-CN': '企业不存在', en: 'The organization does not exist' },
  'corp.timezone_invalid': { status: 400, 'zh-CN': '时区无效', en: 'Unknown time zone' },
  'directory.department_not_found': { status: 404, 'zh-CN': '部门不存在', en: 'The department does not exist' },
  'directory.department_name_taken': { status: 409, 'zh-CN': '同一上级部门下已有同名部门', en: 'A department with this name already exists under the same parent' },
  'directory.department_not_empty': { status: 409, 'zh-CN': '部门下还有成员或子部门，不能删除', en: 'The department still has members or sub-departments' },
  'directory.department_cycle': { status: 400, 'zh-CN': '不能把部门移到它自己或它的下级部门下', en: 'A department cannot move under itself or its own sub-departments' },
  'directory.root_department': { status: 400, 'zh-CN': '根部门不能删除或移动', en: 'The root department cannot be deleted or moved' },
  'directory.department_id_taken': { status: 409, 'zh-CN': '部门 ID 已被使用', en: 'The department id is already in use' },
  'directory.member_not_found': { status: 404, 'zh-CN': '成员不存在', en: 'The member does not exist' },
  'directory.userid_taken': { status: 409, 'zh-CN': '帐号已被使用', en: 'The userid is already in use' },
  'directory.mobile_taken': { status: 409, 'zh-CN': '手机号已被其他成员使用', en: 'The mobile number belongs to another member' },
  'directory.email_taken': { status: 409, 'zh-CN': '邮箱已被其他成员使用', en: 'The email belongs to another member' },
  'directory.userid_immutable': { status: 409, 'zh-CN': '成员已激活，帐号不能修改', en: 'The member has activated; their userid cannot change' },
  'directory.leader_not_found': { status: 400, 'zh-CN': '直属上级不存在', en: 'A direct leader does not exist' },
  'directory.member_left': { status: 409, 'zh-CN': '成员已离职', en: 'The member has left' },
  'directory.last_super_admin': { status: 409, 'zh-CN': '不能禁用或删除唯一的超级管理员', en: 'The last super admin cannot be disabled or deleted' },
  'directory.tag_not_found': { status: 404, 'zh-CN': '标签不存在', en: 'The tag does not exist' },
  'directory.tag_name_taken': { status: 409, 'zh-CN': '已有同名标签', en: 'A tag with this name already exists' },
  'access.role_not_found': { status: 404, 'zh-CN': '角色不存在', en: 'The role does not exist' },
  'access.role_name_taken': { status: 409, 'zh-CN': '已有同名角色', en: 'A role with this name already exists' },
  'access.role_builtin': { status: 409, 'zh-CN': '系统内置角色不能修改或删除', en: 'Built-in roles cannot be changed or deleted' },
  'access.role_in_use': { status: 409, 'zh-CN': '角色仍有管理员在使用，不能删除', en: 'The role is still assigned to admins and cannot be deleted' },
  'access.assignment_not_found': { status: 404, 'zh-CN': '管理员授权不存在', en: 'The admin assignment does not exist' },
  'access.member_not_eligible': { status: 400, 'zh-CN': '成员不存在或未激活，不能设为管理员', en: 'The member does not exist or is not active, and cannot be made an admin' },
  'access.escalation': { status: 403, 'zh-CN': '只能授予自己拥有的权限和管理范围', en: 'You can only grant permissions and scopes you hold yourself' },
  'access.own_assignment': { status: 403, 'zh-CN': '不能修改自己的管理员权限', en: 'You cannot change your own admin assignments' },
  'access.super_admin_protected': { status: 403, 'zh-CN': '只有超级管理员才能修改超级管理员', en: 'Only a super admin can change a super admin' },
  'access.super_admin_limit': { status: 409, 'zh-CN': '超级管理员人数已达上限', en: 'The corp already has the maximum number of super admins' },
  'access.last_super_admin': { status: 409, 'zh-CN': '不能移除或降级唯一的超级管理员', en: 'The last super admin cannot be removed or demoted' },
  'access.already_super_admin': { status: 409, 'zh-CN': '该成员已是超级管理员', en: 'The member is already a super admin' },
  'access.scope_required': { status: 400, 'zh-CN': '请选择管理范围', en: 'Choose a scope for the assignment' },
  'visibility.rule_not_found': { status: 404, 'zh-CN': '通讯录权限规则不存在', en: 'The visibility rule does not exist' },
  'visibility.rule_name_taken': { status: 409, 'zh-CN': '已有同名的通讯录权限规则', en: 'A visibility rule with this name already exists' },
  'visibility.hidden_not_found': { status: 404, 'zh-CN': '隐藏设置不存在', en: 'The hidden entry does not exist' },
  'visibility.already_hidden': { status: 409, 'zh-CN': '该部门或成员已被隐藏', en: 'This department or member is already hidden' },
  'visibility.unknown_reference': { status: 400, 'zh-CN': '设置中引用的部门、标签或成员不存在', en: 'A department, tag or member in the setting does not exist' },
  'portal.invite_invalid': { status: 404, 'zh-CN': '激活链接无效', en: 'The activation link is not valid' },
  'portal.invite_expired': { status: 410, 'zh-CN': '激活链接已过期，请联系管理员重新邀请', en: 'The activation link has expired; ask an admin for a new invitation' },
  'portal.invite_used': { status: 409, 'zh-CN': '激活链接已使用过，请直接登录', en: 'The activation link was already used; sign in instead' },
  'portal.not_invitable': { status: 409, 'zh-CN': '只能邀请尚未激活的成员', en: 'Only members who have not activated yet can be invited' },
  'portal.no_address': { status: 400, 'zh-CN': '成员没有手机号或邮箱，无法发送激活链接', en: 'The member has no mobile number or email to send the invitation to' },
  'messages.all_invalid': { status: 400, 'zh-CN': '接收人全部无效', en: 'Every recipient given is invalid' },
  'messages.not_found': { status: 404, 'zh-CN': '消息不存在', en: 'The message does not exist' },
  'messages.invalid_type': { status: 400, 'zh-CN': '不支持的消息类型', en: 'Unsupported message type' },
  'messages.no_recipient': { status: 400, 'zh-CN': '接收人不能为空', en: 'No recipient given' },
  'oauth.invalid_request': { status: 400, 'zh-CN': '授权链接参数有误', en: 'The authorization link is not valid' },
  'oauth.redirect_not_trusted': { status: 400, 'zh-CN': 'redirect_uri 未登记为应用的可信域名', en: 'The redirect URI is not on one of the app\'s trusted domains' },
  'oauth.invalid_code': { status: 400, 'zh-CN': '不合法的 code', en: 'Invalid code' },
  'oauth.code_expired': { status: 400, 'zh-CN': 'code 已过期', en: 'The code has expired' },
  'oauth.invalid_ticket': { status: 400, 'zh-CN': '成员票据无效', en: 'Invalid user ticket' },
  'oauth.ticket_expired': { status: 400, 'zh-CN': '成员票据已过期', en: 'The user ticket has expired' },
  'apps.not_found': { status: 404, 'zh-CN': '应用不存在', en: 'The app does not exist' },
  'apps.limit_reached': { status: 409, 'zh-CN': '企业的应用数量已达上限（300 个）', en: 'The organization already has the maximum of 300 apps' },
  'apps.trusted_ip_invalid': { status: 400, 'zh-CN': '可信 IP 格式不正确', en: 'A trusted IP is not an IP address or CIDR block' },
  'apps.logo_invalid': { status: 400, 'zh-CN': '应用 logo 须为 PNG 或 JPEG 图片，且不超过 1 MB', en: 'The app logo must be a PNG or JPEG image of at most 1 MB' },
  'apps.callback_unverified': { status: 400, 'zh-CN': '回调地址校验失败，未保存', en: 'The callback URL failed verification and was not saved' },
  'apps.not_for_kind': { status: 400, 'zh-CN': '该设置不适用于此类应用', en: 'This setting does not apply to this kind of app' },
  'apps.invalid_corp': { status: 400, 'zh-CN': '不合法的 CorpID', en: 'Unknown CorpID' },
  'apps.invalid_secret': { status: 401, 'zh-CN': '不合法的 secret，或应用已停用', en: 'Wrong secret, or the app is disabled' },
  'apps.ip_not_allowed': { status: 403, 'zh-CN': '不在应用的可信 IP 中', en: 'The calling address is not among the app\'s trusted IPs' },
  'apps.token_missing': { status: 401, 'zh-CN': '缺少 access_token 参数', en: 'access_token is missing from the query string' },
  'apps.invalid_token': { status: 401, 'zh-CN': '不合法的 access_token', en: 'Invalid access_token' },
  'apps.token_expired': { status: 401, 'zh-CN': 'access_token 已过期', en: 'The access_token has expired' },
  'apps.api_forbidden': { status: 403, 'zh-CN': '该应用无权调用此接口', en: 'This app may not call this API' },
  'apps.out_of_range': { status: 403, 'zh-CN': '超出应用的可见范围', en: 'Outside the app\'s visible range' },
  'apps.tag_all_invalid': { status: 400, 'zh-CN': '指定的成员和部门全部无效', en: 'Every member and department given is invalid' },
  'apps.tag_all_invalid_remove': { status: 400, 'zh-CN': '指定的成员和部门全部无效', en: 'Every member and department given is invalid' },
  'apps.mobile_not_found': { status: 404, 'zh-CN': '没有使用该手机号的成员', en: 'No member has this mobile' },
  'apps.too_many_recipients': { status: 400, 'zh-CN': '接收人数量超过上限', en: 'Too many recipients' },
  'apps.other_agent': { status: 403, 'zh-CN': '无权限操作指定的应用', en: 'This token may not act on another app' },
  'apps.secret_missing': { status: 400, 'zh-CN': '缺少 corpsecret 参数', en: 'corpsecret is missing' },
  'apps.corp_missing': { status: 400, 'zh-CN': '缺少 corpid 参数', en: 'corpid is missing' },
  'apps.answer_too_large': { status: 400, 'zh-CN': '返回内容超过上限，请缩小查询范围', en: 'The answer would be too large; ask for less' },
  'portal.channel_unavailable': { status: 400, 'zh-CN': '成员没有该发送方式的联系地址', en: 'The member has no address for this way of sending' },
  'portal.current_password_wrong': { status: 400, 'zh-CN': '当前密码不正确', en: 'The current password is not correct' },
  'portal.field_not_editable': { status: 403, 'zh-CN': '企业不允许成员修改该字段', en: 'Your organization does not let members change this field' },
  'imports.unsupported_type': { status: 415, 'zh-CN': '不支持的文件类型，请上传 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）', en: 'Unsupported file type: upload .xlsx or .csv (save a legacy .xls as .xlsx)' },
  'imports.file_too_large': { status: 413, 'zh-CN': '文件超过 50 MB', en: 'The file is larger than 50 MB' },
  'imports.empty_file': { status: 400, 'zh-CN': '文件是空的', en: 'The file is empty' },
  'imports.corrupt_file': { status: 400, 'zh-CN': '文件已损坏或格式不正确，无法读取', en: 'The file is damaged or malformed and cannot be read' },
  'imports.missing_header': { status: 400, 'zh-CN': '缺少必需的列（姓名、帐号、所在部门），请使用导入模板', en: 'Required columns are missing (name, userid, departments); use the import template' },
  'imports.too_many_rows': { status: 400, 'zh-CN': '行数超过上限 200,000', en: 'The file has more than 200,000 rows' },
  'imports.formula_found': { status: 400, 'zh-CN': '文件中含有公式，请将公式转换为数值后再上传', en: 'The file contains formulas; convert them to values and upload again' },
  'imports.inflated_too_large': { status: 400, 'zh-CN': '文件解压后过大，已拒绝', en: 'The file inflates to an unreasonable size and was refused' },
  'imports.encoding_unreadable': { status: 400, 'zh-CN': '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV', en: 'The text encoding could not be read; save as UTF-8 or GBK CSV' },
  'imports.duplicate_header': { status: 400, 'zh-CN': '有重复的列，请每列只保留一个', en: 'Some columns appear twice; keep one of each' },
  'imports.not_found': { status: 404, 'zh-CN': '导入任务不存在', en: 'The import does not exist' },
  'imports.busy': { status: 409, 'zh-CN': '已有导入正在进行，请等待其完成', en: 'Another import is running; wait for it to finish' },
  'imports.rows_in_error': { status: 409, 'zh-CN': '有行存在错误，请修正文件或选择跳过错误行', en: 'Some rows are in error; fix the file or choose to skip them' },
  'imports.confirmation_required': { status: 409, 'zh-CN': '本次导入将禁用大量成员，请确认后再执行', en: 'This import would disable many members; confirm to go on' },
  'imports.not_applicable': { status: 409, 'zh-CN': '该导入已执行或已失效', en: 'This import was already applied or is no longer valid' },
  'audit.chain_broken': { status: 409, 'zh-CN': '审计日志校验失败', en: 'The audit log failed verification' },
  ...approvalErrors,
  ...notificationErrors,
  ...payoutErrors,
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

/** A stable error code, `module.reason`. */
export type ErrorCode = keyof typeof errorCatalogue;

/** The console languages. zh-CN is the default everywhere. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** One field that failed validation: where, and why in words. */
export interface FieldError {
  path: string;
  reason: string;
}

/** The body of every non-2xx answer of the native API. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[]; requestId?: string; retryAfterSeconds?: number };
}

/** Picks the language from an Accept-Language header; zh-CN unless English is preferred first. */
export function pickLanguage(acceptLanguage: string | undefined | null): Language {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The message of a code in a language. */
export function errorMessage(code: ErrorCode, language: Language): string {
  return errorCatalogue[code][language];
}
