// The console shell: navigation, header menu, placeholder and not-found pages.
export const nav = {
  corp: '我的企业',
  corpInfo: '企业信息',
  corpSettings: '工作时间设置',
  directory: '通讯录',
  members: '成员与部门',
  tags: '标签',
  import: '批量导入',
  access: '权限管理',
  apps: '应用管理',
  security: '安全管理',
  audit: '审计日志',
  sessions: '我的登录会话',
  workbench: '工作台',
};

export const header = {
  mySessions: '我的登录会话',
  signOut: '退出登录',
  signedOut: '已退出登录',
  superAdmin: '超级管理员',
};

export const unavailable = {
  title: '{{module}}暂未开放',
  body: '当前版本尚未提供该模块，后续版本将陆续上线。',
};

export const notFound = {
  title: '页面不存在',
  body: '您访问的页面不存在或已被移除。',
};
