export { ApprovalActions, type Actor } from './actions';
export { approvalQueries } from './approval.queries';
export { ApprovalService, type SubmitOverrides } from './approval.service';
export { ApprovalEngine, type ChangeEvent, type ChangeListener } from './engine';
export { TemplateService } from './template.service';
export { registerApprovalRoutes } from './approvals.routes';
export { adHocRoute, type ApiRouteNode } from './api-route';
export { apiRequestBySpNo, apiRequestPage, corpTimezone, directoryNames, memberIdOf, type ApiListFilters, type ApiPageStart } from './api-queries';
export { approvalApiAppIds, mayUseApprovalApi } from './settings.service';
