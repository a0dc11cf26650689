export { memberAccountDirectory, adminByUserid, appointFounder, superAdminGuard } from './accounts';
export { registerAccessRoutes } from './access.routes';
export { AssignmentService } from './assignment.service';
export { RoleService } from './role.service';
export { explain, type ExplainTarget } from './explain';
export { findConflicts } from './conflicts';
export { loadGrants } from './grants';
