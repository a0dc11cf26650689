// The import file of bench/import.ts: deterministic members, WeCom's template columns, departments as paths.

export const LEAVES_PER_DIVISION = 50;
export const CORP_NAME = '星河科技';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '沈', '欧阳', '司马', '诸葛'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬鑫宇浩然子涵欣怡梓轩一诺思远晨曦雨桐嘉俊文博志建国庆春晓梅雪松'];
const POSITIONS = ['工程师', '高级工程师', '产品经理', '销售经理', '会计', '人事专员', '行政助理', '设计师', '测试工程师', '运维工程师', '客服专员', '项目经理'];
const MOBILE_PREFIXES = ['138', '139', '150', '151', '186', '187', '188', '189', '135', '136'];

/** A cheap integer hash (deterministic across runs): row i always gets the same name. */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 0x9e3779b1 + salt * 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface Layout {
  divisions: number;
  divisionWidth: number;
  leafWidth: number;
}
export function layout(departments: number): Layout {
  const divisions = Math.ceil(departments / LEAVES_PER_DIVISION);
  return { divisions, divisionWidth: Math.max(2, String(divisions - 1).length), leafWidth: Math.max(4, String(departments - 1).length) };
}
export const divisionName = (l: Layout, d: number) => `事业部${pad(d, l.divisionWidth)}`;
export const leafName = (l: Layout, j: number) => `部门${pad(j, l.leafWidth)}`;

export interface MemberFields {
  name: string;
  userid: string;
  mobile: string;
  email: string;
  leaf: number;
  position: string;
  gender: '男' | '女';
}

/** Member i: a Chinese name, unique userid/mobile/email, round-robin over the leaf departments. */
export function member(i: number, departments: number): MemberFields {
  const h = mix(i, 1);
  const surname = SURNAMES[h % SURNAMES.length]!;
  const given = GIVEN[(h >>> 8) % GIVEN.length]! + ((h >>> 20) % 3 === 0 ? '' : GIVEN[mix(i, 2) % GIVEN.length]!);
  const userid = `xh${pad(i + 1, 6)}`;
  return {
    name: surname + given,
    userid,
    mobile: MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]! + pad(Math.floor(i / MOBILE_PREFIXES.length), 8),
    email: `${userid}@xinghe-tech.com`,
    leaf: i % departments,
    position: POSITIONS[mix(i, 3) % POSITIONS.length]!,
    gender: mix(i, 4) % 2 === 0 ? '男' : '女',
  };
}

/** The CSV as Excel saves "CSV UTF-8": a BOM, CRLF line ends. */
export function generateCsv(members: number, departments: number): Buffer {
  const l = layout(departments);
  const lines = ['姓名,帐号,手机号,邮箱,所在部门,职位,性别'];
  for (let i = 0; i < members; i++) {
    const m = member(i, departments);
    const path = `${CORP_NAME}/${divisionName(l, Math.floor(m.leaf / LEAVES_PER_DIVISION))}/${leafName(l, m.leaf)}`;
    lines.push(`${m.name},${m.userid},${m.mobile},${m.email},${path},${m.position},${m.gender}`);
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}
