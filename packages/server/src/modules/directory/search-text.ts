import { pinyin } from 'pinyin-pro';

// Both keys of a member need the name's pinyin, and names repeat across a large import: remember recent ones.
const recent = new Map<string, string[]>();
const RECENT_LIMIT = 20_000;

/** A name's pinyin without tones, surnames read as surnames (曾 → zeng), e.g. 张三丰 → ['zhang', 'san', 'feng']. */
function syllables(name: string): string[] {
  const known = recent.get(name);
  if (known) return known;
  const parts = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/\s+/g, ''))
    .filter(Boolean);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(name, parts);
  return parts;
}

/** The key a member list sorts names by: their pinyin, so 安 comes before 张 as Chinese readers expect. */
export function nameSortKey(name: string): string {
  return `${syllables(name).join(' ')}\u0001${name}`.slice(0, 256);
}

/**
 * What a search box matches for a member, lowercased: name, full pinyin and initials (张三丰 → zhangsanfeng,
 * zsf), alias, userid, mobile and email, separated so a query cannot match across two fields.
 */
export function memberSearchText(member: { name: string; alias?: string | null; userid: string; mobile?: string | null; email?: string | null }): string {
  const parts = syllables(member.name);
  return [member.name, parts.join(''), parts.map((p) => p[0]).join(''), member.alias, member.userid, member.mobile, member.email]
    .filter((v): v is string => Boolean(v))
    .map((v) => v.toLowerCase())
    .join('\u0002');
}
