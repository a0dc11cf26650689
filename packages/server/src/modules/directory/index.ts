export { DepartmentService, ROOT_DEPARTMENT_ID, type NewDepartment } from './department.service';
export { MemberService, type SuperAdminGuard } from './member.service';
export { TagService } from './tag.service';
export { directoryScope, requestScope, wholeCorp, type DirectoryScope } from './directory-scope';
export { departmentWithin, departmentsOutside, memberIsWithin, memberWithin, reachSets } from './scope-sql';
export { registerDepartmentRoutes } from './department.routes';
export { registerMemberRoutes } from './member.routes';
export { registerTagRoutes } from './tag.routes';
export { memberSearchText, nameSortKey } from './search-text';
export * as directoryBulk from './directory.bulk';
export type { DepartmentLinks, MemberBulkUpdate, MemberFields, MemberSnapshot } from './directory.bulk';
export {
  viewerVisibility,
  visibleMemberFilter,
  visibleDepartmentFilter,
  hiddenFieldsFor,
  isMemberVisible,
  type ViewerVisibility,
  type MaskableMember,
} from './visibility.evaluate';
export { VisibilityService } from './visibility.service';
export { MemberPortalService, type MemberIdentity } from './member-portal.service';
export { ExternalContactPermissionService, mayAddExternalContacts } from './external-contact.service';
export { registerVisibilityRoutes } from './visibility.routes';
