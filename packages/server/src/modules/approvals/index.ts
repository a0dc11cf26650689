export { ApprovalActions, type Actor } from './actions';
export { approvalQueries } from './approval.queries';
export { ApprovalService } from './approval.service';
export { ApprovalEngine, type ChangeEvent, type ChangeListener } from './engine';
export { TemplateService } from './template.service';
export { registerApprovalRoutes } from './approvals.routes';
