/** A realistic demo organization: a department tree and Chinese names with their pinyin userids. */

export const demoDepartments: { id: number; parentId: number; name: string; share: number }[] = [
  { id: 2, parentId: 1, name: '总经办', share: 2 },
  { id: 3, parentId: 1, name: '研发中心', share: 3 },
  { id: 4, parentId: 3, name: '前端组', share: 10 },
  { id: 5, parentId: 3, name: '后端组', share: 12 },
  { id: 6, parentId: 3, name: '测试组', share: 6 },
  { id: 7, parentId: 3, name: '移动端组', share: 6 },
  { id: 8, parentId: 1, name: '产品部', share: 6 },
  { id: 9, parentId: 1, name: '市场部', share: 2 },
  { id: 10, parentId: 9, name: '品牌组', share: 4 },
  { id: 11, parentId: 9, name: '渠道组', share: 4 },
  { id: 12, parentId: 1, name: '销售部', share: 2 },
  { id: 13, parentId: 12, name: '华东大区', share: 10 },
  { id: 14, parentId: 12, name: '华南大区', share: 9 },
  { id: 15, parentId: 12, name: '华北大区', share: 8 },
  { id: 16, parentId: 1, name: '人力资源部', share: 5 },
  { id: 17, parentId: 1, name: '财务部', share: 5 },
  { id: 18, parentId: 1, name: '行政部', share: 4 },
];

const surnames: [string, string][] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
];

const givenNames: [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['洋', 'yang'], ['艳', 'yan'],
  ['勇', 'yong'], ['军', 'jun'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀英', 'xiuying'],
  ['丽', 'li'], ['强', 'qiang'], ['平', 'ping'], ['刚', 'gang'], ['桂英', 'guiying'], ['婷', 'ting'], ['浩然', 'haoran'], ['子涵', 'zihan'],
  ['思远', 'siyuan'], ['雨桐', 'yutong'], ['欣怡', 'xinyi'], ['宇轩', 'yuxuan'],
];

/** `count` people with unique userids, deterministic so demos look the same every time. */
export function demoPeople(count: number): { name: string; userid: string }[] {
  const seen = new Map<string, number>();
  const people: { name: string; userid: string }[] = [];
  for (let i = 0; people.length < count; i++) {
    const [surname, surnamePinyin] = surnames[(i * 7) % surnames.length]!;
    const [given, givenPinyin] = givenNames[(i * 11 + Math.floor(i / surnames.length)) % givenNames.length]!;
    const base = `${surnamePinyin}${givenPinyin}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    people.push({ name: `${surname}${given}`, userid: n === 1 ? base : `${base}${n}` });
  }
  return people;
}
