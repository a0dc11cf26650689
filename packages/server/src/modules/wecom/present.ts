import type { App, Department, Member } from '@orgdesk/contracts';

// Our records in WeCom's field names and types (../shared/wecom-api.md §3, §4.1, §10.1).

export function wecomDepartment(d: Pick<Department, 'id' | 'name' | 'parentId' | 'order' | 'leaders'>) {
  return { id: d.id, name: d.name, name_en: '', department_leader: d.leaders, parentid: d.parentId ?? 0, order: d.order };
}

/**
 * A member as user/get answers. Custom apps do not get the sensitive fields (mobile, gender, email, avatar,
 * address, QR code), as WeCom does for apps created since 2022-06-20; the directory-sync app gets everything.
 */
export function wecomMember(m: Member, options: { sensitive: boolean }) {
  const base = {
    userid: m.userid,
    name: m.name,
    department: m.departments.map((d) => d.id),
    order: m.departments.map((d) => d.order),
    position: m.position,
    is_leader_in_dept: m.departments.map((d) => (d.isLeader ? 1 : 0)),
    direct_leader: m.directLeaders,
    telephone: m.telephone,
    alias: m.alias,
    main_department: m.mainDepartment,
    extattr: { attrs: m.extattr.map((a) => ({ type: 0, name: a.name, text: { value: a.value } })) },
    status: m.status,
    external_position: '',
    external_profile: { external_attr: [] },
  };
  if (!options.sensitive) return base;
  // gender is a string in WeCom's answers ("0" unknown, "1" male, "2" female).
  return { ...base, mobile: m.mobile, gender: m.gender, email: m.email, avatar: '', thumb_avatar: '', address: m.address, qr_code: '' };
}

/** `square_logo_url` is absolute, on the address the caller used to reach this server. */
export function wecomAgent(app: App, baseUrl: string) {
  const range = app.visibleRange;
  return {
    agentid: app.agentId,
    name: app.name,
    square_logo_url: app.logoUrl ? baseUrl + app.logoUrl : '',
    description: app.description,
    allow_userinfos: { user: range.userids.map((userid) => ({ userid })) },
    allow_partys: { partyid: range.all ? [1] : range.departmentIds },
    allow_tags: { tagid: range.tagIds },
    close: app.enabled ? 0 : 1,
    redirect_domain: app.trustedDomains[0] ?? '',
    report_location_flag: 0,
    isreportenter: 0,
    home_url: app.homeUrl ?? '',
  };
}
