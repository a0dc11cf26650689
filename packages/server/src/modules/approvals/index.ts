export { ApprovalService } from './approval.service';
export { registerApprovalRoutes } from './approvals.routes';
