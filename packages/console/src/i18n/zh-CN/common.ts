// Shared words, the language switch and generic error texts.
export const common = {
  appName: 'Orgdesk',
  adminConsole: '企业管理后台',
  save: '保存',
  cancel: '取消',
  confirm: '确定',
  edit: '编辑',
  copied: '已复制',
  search: '查询',
  reset: '重置',
  actions: '操作',
  separator: '；',
  none: '无',
  reload: '刷新页面',
  backHome: '返回首页',
};

export const language = {
  label: '语言',
  'zh-CN': '简体中文',
  en: 'English',
};

export const errors = {
  network: '网络连接失败，请检查网络后重试',
  unexpected: '出现意外错误，请稍后重试',
  pageTitle: '页面加载失败',
  pageBody: '可能是版本已更新或网络异常，请刷新页面后重试。',
};
