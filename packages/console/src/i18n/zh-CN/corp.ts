// Corp profile choices (industry, size, weekdays), corp information and working-hours settings.
export const industry = {
  it: 'IT/互联网',
  manufacturing: '制造业',
  retail: '零售',
  finance: '金融',
  education: '教育',
  healthcare: '医疗健康',
  government: '政府机构',
  services: '服务业',
  other: '其他',
};

export const size = {
  '1-50': '1–50 人',
  '51-200': '51–200 人',
  '201-500': '201–500 人',
  '501-1000': '501–1000 人',
  '1001-5000': '1001–5000 人',
  '5000+': '5000 人以上',
};

export const weekday = {
  '1': '周一',
  '2': '周二',
  '3': '周三',
  '4': '周四',
  '5': '周五',
  '6': '周六',
  '7': '周日',
};

export const corp = {
  title: '企业信息',
  name: '企业名称',
  corpId: 'CorpID',
  creditCode: '统一社会信用代码',
  industry: '所属行业',
  size: '人员规模',
  createdAt: '创建时间',
  memberCount: '成员数',
  logo: '企业 Logo',
  noLogo: '未上传',
  uploadLogo: '上传 Logo',
  removeLogo: '移除',
  removeLogoConfirm: '确定移除企业 Logo？',
  logoHint: '支持 PNG、JPEG、SVG，不超过 256 KB',
  logoType: '仅支持 PNG、JPEG、SVG 图片',
  logoSize: '图片不能超过 256 KB',
  logoUpdated: '企业 Logo 已更新',
  logoRemoved: '企业 Logo 已移除',
  editTitle: '编辑企业信息',
  updated: '企业信息已更新',
};

export const settings = {
  title: '工作时间设置',
  general: '基本设置',
  timezone: '时区',
  language: '后台默认语言',
  calendar: '工作日历',
  workingDays: '工作日',
  workingHours: '工作时间段',
  hoursHelp: '结束时间早于开始时间表示该时间段跨过午夜，计入开始的那一天（例如 22:00–06:00 的夜班）。',
  start: '开始时间',
  end: '结束时间',
  addRange: '添加时间段',
  removeRange: '删除时间段',
  holidays: '节假日',
  holidaysHelp: '原本是工作日但放假的日期',
  makeupWorkdays: '调休上班',
  makeupHelp: '原本是休息日但需要上班的日期',
  addDate: '选择日期添加',
  noDates: '暂无日期',
  saved: '设置已保存',
};
