export { DepartmentService, ROOT_DEPARTMENT_ID, type NewDepartment } from './department.service';
export { MemberService, type SuperAdminGuard } from './member.service';
export { TagService } from './tag.service';
export { directoryScope, wholeCorp, type DirectoryScope } from './directory-scope';
export { registerDepartmentRoutes } from './department.routes';
export { registerMemberRoutes } from './member.routes';
export { registerTagRoutes } from './tag.routes';
export { memberSearchText, nameSortKey } from './search-text';
