import type { Language } from './errors';

/**
 * The field reasons we write ourselves, in English as schemas and services carry them, with their
 * Chinese. A reason missing here is shown as written, so add the Chinese with every new reason.
 */
const zhReasons: Record<string, string> = {
  'is required': '必填',
  'is invalid': '格式不正确',
  'must be 6 digits': '须为 6 位数字',
  'must be 18 characters': '须为 18 位',
  'must contain a letter and a digit': '须同时包含字母和数字',
  'must be a PNG, JPEG or SVG data URL': '须为 PNG、JPEG 或 SVG 图片',
  'must be at most 256 KiB': '不能超过 256 KiB',
  'must be ww followed by 16 lowercase hex characters': '须为 ww 加 16 位小写十六进制字符',
  'must be a mainland mobile number or +country code and number': '须为中国大陆手机号，或 +国家码 加号码',
  'letters, digits and _-@. only, 1 to 64 characters': '只能包含字母、数字和 _-@.，1 至 64 个字符',
  'must not contain control characters': '不能包含控制字符',
  'must look like xxxxx-xxxxx': '格式应为 xxxxx-xxxxx',
  'must be a module.verb action': '须为“模块.操作”格式',
  'must be HH:MM (24-hour)': '须为 24 小时制 HH:MM',
  'must be YYYY-MM-DD': '须为 YYYY-MM-DD 格式的日期',
  'working days must not repeat': '工作日不能重复',
  'a range must not start and end at the same time': '时间段的开始和结束不能相同',
  'a day cannot be both a holiday and a make-up workday': '同一天不能既是节假日又是调休上班日',
  'already registered': '已被注册',
  'not an IANA time zone': '不是有效的 IANA 时区',
  'must not contain NUL characters or unpaired surrogates': '不能包含空字符或无效的 Unicode 字符',
  'the check character (last) does not match': '校验位（最后一位）不正确',
  'must be digits and capital letters other than I, O, S, V, Z, with digits in positions 3–8': '只能包含数字和除 I、O、S、V、Z 外的大写字母，第 3–8 位须为数字',
  'must not contain \\ : * ? " < > |': '不能包含 \\ : * ? " < > |',
  'must be a whole number': '须为整数',
  'must be at least 1': '不能小于 1',
  'is too large': '数值过大',
  'must not be negative': '不能为负数',
  'at most 20 leaders': '最多 20 位负责人',
  'must be an email address': '须为邮箱地址',
  'digits, spaces and + - ( ) only': '只能包含数字、空格和 + - ( )',
  'is not a real date': '不是有效日期',
  'at most 20 custom attributes': '最多 20 个自定义字段',
  'attribute names must not repeat': '自定义字段名不能重复',
  'at least one department': '至少属于一个部门',
  'at most 100 departments': '最多 100 个部门',
  'at most 5 direct leaders': '最多 5 位直属上级',
  'a mobile or an email is required': '手机号和邮箱至少填写一项',
  'departments must not repeat': '部门不能重复',
  "must be one of the member's departments": '须为成员所在部门之一',
  'a member cannot be their own leader': '成员不能是自己的直属上级',
  'at least one userid': '至少一个帐号',
  'at most 500 at once': '一次最多 500 个',
  'at most 1000 at once': '一次最多 1000 个',
  'at most 100 at once': '一次最多 100 个',
  'give userids or departmentIds': '请提供成员帐号或部门 ID',
  'must be at most 64 characters': '不能超过 64 个字符',
  'must be 男, 女 or 未知': '须为 男、女 或 未知',
  'must be 是 or 否': '须为 是 或 否',
  'must be department ids or paths such as 总部/研发部, separated by ;': '须为部门 ID 或部门路径（如 总部/研发部），多个用 ; 分隔',
  'a super admin cannot be disabled by an import': '不能通过导入禁用超级管理员',
  'already in use': '已被使用',
  'already used': '已被使用',
  'already used under this parent': '同一上级部门下已有同名部门',
  'belongs to another member': '已被其他成员使用',
  'is the department itself or below it': '是该部门自身或其下级部门',
  'no such department': '部门不存在',
  'the member has activated': '成员已激活',
  // Member visibility and the external-contact permission (visibility.ts).
  'at most 100 tags': '最多 100 个标签',
  'at most 1000 members': '最多 1000 名成员',
  'lists a field twice': '字段不能重复',
  'not editable by members in this organization': '企业不允许成员修改',
  'at least one viewer department or tag': '请至少选择一个适用的部门或标签',
  'at least one department or tag to see': '请至少选择一个可见的部门或标签',
  'only when the rule sees listed departments or tags': '仅在可见范围为“指定部门或标签”时填写',
  'give either a departmentId or a userid': '请指定一个部门或一名成员（二选一）',
  'must be an id given by the server': '须为服务器生成的 ID',
  'lists are only used when mode is listed': '仅在“指定范围”时填写部门、标签或成员',
  'the root department cannot be hidden': '根部门不能隐藏',
  'already hidden': '已被隐藏',
  'no such member': '成员不存在',
  'the member has left': '成员已离职',
  // Roles and admin assignments (access.ts).
  'lists a permission twice': '权限不能重复',
  'at most 200 departments': '最多 200 个部门',
  'at most 200 tags': '最多 200 个标签',
  'must be an assignment id': '须为管理员授权 ID',
  'no such role': '角色不存在',
  'no such member, or not active': '成员不存在或未激活',
  'is your own account': '是你自己的帐号',
  'fewer than the super admins the corp has now': '少于企业现有的超级管理员人数',
  'choose departments, tags or own departments': '请选择部门、标签或“所在部门及下级”',
  'belongs to a member outside your scope': '属于你管理范围之外的成员',
  'the role is assigned beyond your scope': '该角色已授予超出你管理范围的管理员',
  'already a super admin': '已是超级管理员',
  // How a refused file is described (imports/describe-error.ts).
  'ratio': '压缩比异常，疑似压缩炸弹',
  'total': '解压后总大小超过上限',
  'entries': '压缩包内文件过多',
  'not_a_zip': '不是有效的 XLSX 文件',
  'bad_zip': '压缩结构已损坏',
  'bad_entry': '压缩包内文件已损坏',
  'unreadable_entry': '压缩包内文件无法读取',
  'unreadable_workbook': '工作簿无法读取',
  'no_worksheet': '没有工作表',
  'unclosed_quote': '引号未闭合',
  'nul_character': '含有空字符',
};

const fieldNames: Record<string, string> = { userid: '帐号', mobile: '手机号', email: '邮箱' };

const zhPatterns: [RegExp, string | ((...groups: string[]) => string)][] = [
  [/^same (userid|mobile|email) as row (\d+)$/, (_m, field, row) => `与第 ${row} 行的${fieldNames[field!] ?? field}重复`],
  [/^belongs to member (.+)$/, '已被成员 $1 使用'],
  [/^unknown: (.+)$/, '不存在：$1'],
  [/^missing columns: (.+)$/, '缺少列：$1'],
  [/^repeated columns: (.+)$/, '重复的列：$1'],
  [/^formula in cell (.+)$/, '单元格 $1 含有公式'],
  [/^more than (\d+) rows$/, '超过 $1 行'],
  [/^larger than (\d+) bytes$/, '超过 $1 字节'],
  [/^the file is (.+)$/, '文件类型为 $1'],
  [/^unreadable text encoding(.*)$/, '无法识别的文本编码$1'],
  [/^no department with id (\d+)$/, '不存在 ID 为 $1 的部门'],
  [/^no department (.+); allow creating missing departments to add it$/, '部门 $1 不存在；如需自动创建，请勾选“自动创建不存在的部门”'],
  [/^must be one value, or one per department \((\d+)\)$/, '须为一个值，或与部门一一对应（$1 个）'],
  [/^department name "(.+)" (.+)$/, (_m, name, why) => `部门名称“${name}”${localizeReason(why!, 'zh-CN') ?? why}`],
  [/^must be at most (\d+) characters$/, '不能超过 $1 个字符'],
  [/^grants (.+), which you do not hold$/, '包含你没有的权限 $1'],
  [/^needs (.+) over the whole corp$/, '需要你在全企业范围拥有 $1 权限'],
  [/^outside your scope for (.+?): (.+)$/, '超出你的 $1 管理范围：$2'],
  [/^outside your scope: (.+)$/, '超出你的管理范围：$1'],
  [/^must be at least (\d+) characters$/, '至少 $1 个字符'],
];

/** A field reason in the caller's language, or null when we have no translation of it. */
export function localizeReason(reason: string, language: Language): string | null {
  if (language === 'en') return reason;
  const exact = zhReasons[reason];
  if (exact) return exact;
  for (const [pattern, replacement] of zhPatterns) {
    if (!pattern.test(reason)) continue;
    return typeof replacement === 'string' ? reason.replace(pattern, replacement) : reason.replace(pattern, (...args: string[]) => replacement(...args));
  }
  return null;
}
