/** The member columns an import understands, in the order of WeCom's member template. */
export const columnKeys = [
  'name',
  'userid',
  'mobile',
  'email',
  'departments',
  'position',
  'gender',
  'isLeader',
  'order',
  'alias',
  'address',
  'telephone',
  'disabled',
] as const;

/** One member column of an import. */
export type ColumnKey = (typeof columnKeys)[number];

/** A column of the template: its header as WeCom writes it, the other headers accepted for it, and an example value. */
export interface TemplateColumn {
  key: ColumnKey;
  header: string;
  aliases: readonly string[];
  example: string;
}

// Aliases are compared after normalizeHeader, so case, spaces, underscores, hyphens, full-width forms and
// bracketed remarks such as "（必填）" need no variants here.
// Deliberately absent: 电话 / phone (could be a mobile or a desk phone) and enable / 启用 (the opposite of 禁用:
// mapping it to `disabled` would disable everyone marked enabled).
/** The member template's columns, in order. */
export const templateColumns: readonly TemplateColumn[] = [
  { key: 'name', header: '姓名', aliases: ['名字', '成员姓名', '员工姓名', 'name', 'full name'], example: '张三' },
  { key: 'userid', header: '帐号', aliases: ['账号', '帐户', '账户', '帳號', '賬號', '成员账号', '用户账号', 'userid', 'account'], example: 'zhangsan' },
  { key: 'mobile', header: '手机号', aliases: ['手机', '手机号码', '移动电话', 'mobile', 'mobile phone', 'mobile number', 'cellphone'], example: '13800000000' },
  { key: 'email', header: '邮箱', aliases: ['电子邮箱', '电子邮件', '邮件', '个人邮箱', '邮箱地址', 'email', 'mail', 'email address'], example: 'zhangsan@example.com' },
  { key: 'departments', header: '所在部门', aliases: ['部门', '所属部门', 'department', 'departments', 'dept'], example: '总部/研发部' },
  { key: 'position', header: '职位', aliases: ['职务', '岗位', 'position', 'title', 'job title'], example: '工程师' },
  { key: 'gender', header: '性别', aliases: ['gender', 'sex'], example: '男' },
  { key: 'isLeader', header: '是否部门内领导', aliases: ['是否领导', '是否部门领导', '是否部门负责人', '是否负责人', '是否上级', 'is leader', 'leader', 'is_leader_in_dept'], example: '否' },
  { key: 'order', header: '排序', aliases: ['部门内排序', '次序', 'order', 'sort', 'sort order'], example: '0' },
  { key: 'alias', header: '别名', aliases: ['英文名', 'alias', 'english name'], example: '小张' },
  { key: 'address', header: '地址', aliases: ['办公地点', '办公地址', '联系地址', 'address'], example: '北京市海淀区中关村大街1号' },
  { key: 'telephone', header: '座机', aliases: ['座机号码', '固定电话', '办公电话', 'telephone', 'tel', 'landline'], example: '010-12345678' },
  { key: 'disabled', header: '禁用', aliases: ['是否禁用', 'disabled', 'disable', 'is disabled'], example: '否' },
];

/** The columns a file must have: without them no member can be created. */
export const requiredColumns: readonly ColumnKey[] = ['name', 'userid', 'departments'];

/**
 * A header reduced to what identifies it: NFKC (full-width to half-width), lower case, without bracketed
 * remarks ("手机（必填）", "账号[英文ID]", "【必填】姓名"), spaces, underscores, hyphens, dots, asterisks or colons.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .toLowerCase()
    .replace(/[\s_\-.*:#※]/g, '');
}

const keyByAlias: ReadonlyMap<string, ColumnKey> = new Map(
  templateColumns.flatMap((c) => [c.header, ...c.aliases, c.key].map((alias) => [normalizeHeader(alias), c.key] as const)),
);

/** The member column a header names, or null when it is not one (an extra column, ignored by the import). */
export function headerKey(text: string): ColumnKey | null {
  return keyByAlias.get(normalizeHeader(text)) ?? null;
}

/** Whether a header is the explanation column of WeCom's template ("禁用项说明：(0-启用;1-禁用)"): no data, no warning. */
export function isTemplateNote(text: string): boolean {
  return normalizeHeader(text).startsWith('禁用项说明');
}

/** The template's header of a column, e.g. 帐号 for userid. */
export function templateHeader(key: ColumnKey): string {
  return templateColumns.find((c) => c.key === key)?.header ?? key;
}

/** The template to download: the header row and one example member. */
export function templateRows(): string[][] {
  return [templateColumns.map((c) => c.header), templateColumns.map((c) => c.example)];
}
