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
};

const zhPatterns: [RegExp, string][] = [
  [/^must be at most (\d+) characters$/, '不能超过 $1 个字符'],
  [/^must be at least (\d+) characters$/, '至少 $1 个字符'],
];

/** A field reason in the caller's language, or null when we have no translation of it. */
export function localizeReason(reason: string, language: Language): string | null {
  if (language === 'en') return reason;
  const exact = zhReasons[reason];
  if (exact) return exact;
  for (const [pattern, replacement] of zhPatterns) if (pattern.test(reason)) return reason.replace(pattern, replacement);
  return null;
}
