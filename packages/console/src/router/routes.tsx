import { Navigate, createBrowserRouter } from 'react-router';
import { RequireStage } from '../auth/RequireStage';
import { RouteError } from '../components/RouteError';
import { HomeRedirect } from '../layout/HomeRedirect';
import { lazyPage } from './lazyPage';

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: lazyPage(() => import('../layout/AuthLayout'), true),
        children: [
          { path: '/register', element: lazyPage(() => import('../pages/register/RegisterPage')) },
          { path: '/sign-in', element: lazyPage(() => import('../pages/signin/SignInPage')) },
          { path: '/sign-in/enroll', element: lazyPage(() => import('../pages/signin/EnrollPage')) },
          {
            element: <RequireStage stage="second_factor" />,
            children: [{ path: '/sign-in/totp', element: lazyPage(() => import('../pages/signin/TotpPage')) }],
          },
        ],
      },
      { path: '/portal/activate', element: lazyPage(() => import('../pages/portal/ActivatePage'), true) },
      {
        element: <RequireStage stage="full" />,
        children: [
          {
            element: lazyPage(() => import('../pages/portal/PortalLayout'), true),
            children: [
              { path: '/portal', element: lazyPage(() => import('../pages/portal/ProfilePage')) },
              { path: '/portal/colleagues', element: lazyPage(() => import('../pages/portal/ColleaguesPage')) },
              { path: '/portal/inbox', element: lazyPage(() => import('../pages/portal/InboxPage')) },
              { path: '/portal/approvals', element: lazyPage(() => import('../pages/portal/approvals/ApprovalsPage')) },
              { path: '/portal/approvals/new', element: lazyPage(() => import('../pages/portal/approvals/NewApprovalPage')) },
              { path: '/portal/approvals/new/:templateId', element: lazyPage(() => import('../pages/portal/approvals/ApplyPage')) },
              { path: '/portal/approvals/:id', element: lazyPage(() => import('../pages/portal/approvals/ApprovalDetailPage')) },
              { path: '/portal/approvals/:id/resubmit', element: lazyPage(() => import('../pages/portal/approvals/ResubmitPage')) },
              { path: '/portal/notifications', element: lazyPage(() => import('../pages/notifications/PreferencesPage')) },
            ],
          },
        ],
      },
      {
        // Members who are not admins have the portal, not the console.
        element: <RequireStage stage="full" admin />,
        children: [
          {
            element: lazyPage(() => import('../layout/ConsoleLayout'), true),
            children: [
              { path: '/', element: <HomeRedirect /> },
              { path: '/corp', element: lazyPage(() => import('../pages/corp/CorpInfoPage')) },
              { path: '/corp/settings', element: lazyPage(() => import('../pages/corp/settings/CorpSettingsPage')) },
              { path: '/corp/notifications', element: lazyPage(() => import('../pages/notifications/NotificationSettingsPage')) },
              { path: '/directory', element: lazyPage(() => import('../pages/directory/DirectoryPage')) },
              { path: '/directory/tags', element: lazyPage(() => import('../pages/directory/TagsPage')) },
              { path: '/directory/import', element: lazyPage(() => import('../pages/directory/ImportPage')) },
              { path: '/access', element: <Navigate to="/access/admins" replace /> },
              { path: '/access/admins', element: lazyPage(() => import('../pages/access/AdminsPage')) },
              { path: '/access/roles', element: lazyPage(() => import('../pages/access/RolesPage')) },
              { path: '/access/explain', element: lazyPage(() => import('../pages/access/ExplainPage')) },
              { path: '/access/conflicts', element: lazyPage(() => import('../pages/access/ConflictsPage')) },
              { path: '/access/visibility', element: lazyPage(() => import('../pages/visibility/VisibilityPage')) },
              { path: '/access/external-contacts', element: lazyPage(() => import('../pages/visibility/ExternalContactsPage')) },
              { path: '/apps', element: lazyPage(() => import('../pages/apps/AppsPage')) },
              { path: '/apps/:id', element: lazyPage(() => import('../pages/apps/AppDetailPage')) },
              { path: '/workbench', element: <Navigate to="/workbench/approvals" replace /> },
              { path: '/workbench/approvals', element: <Navigate to="/workbench/approvals/templates" replace /> },
              { path: '/workbench/approvals/templates', element: lazyPage(() => import('../pages/approvals/TemplatesPage')) },
              { path: '/workbench/approvals/templates/new', element: lazyPage(() => import('../pages/approvals/TemplateEditorPage')) },
              { path: '/workbench/approvals/templates/:id', element: lazyPage(() => import('../pages/approvals/TemplateEditorPage')) },
              { path: '/workbench/approvals/requests', element: lazyPage(() => import('../pages/approvals/RequestsPage')) },
              { path: '/workbench/approvals/leave-balances', element: lazyPage(() => import('../pages/approvals/LeaveBalancesPage')) },
              { path: '/workbench/approvals/stats', element: lazyPage(() => import('../pages/approvals/StatsPage')) },
              { path: '/workbench/payouts', element: lazyPage(() => import('../pages/payouts/PayoutsPage')) },
              { path: '/workbench/payouts/:tab', element: lazyPage(() => import('../pages/payouts/PayoutsPage')) },
              { path: '/security', element: <Navigate to="/security/audit" replace /> },
              { path: '/security/audit', element: lazyPage(() => import('../pages/audit/AuditLogPage')) },
              { path: '/security/sessions', element: lazyPage(() => import('../pages/sessions/SessionsPage')) },
              { path: '*', element: lazyPage(() => import('../components/NotFound')) },
            ],
          },
        ],
      },
    ],
  },
]);
