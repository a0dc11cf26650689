import { Navigate, createBrowserRouter } from 'react-router';
import { RequireStage } from '../auth/RequireStage';
import { RouteError } from '../components/RouteError';
import { lazyPage } from './lazyPage';

const unavailable = (module: 'access' | 'apps' | 'workbench') =>
  lazyPage(() =>
    import('../components/ModuleUnavailable').then(({ default: ModuleUnavailable }) => ({
      default: () => <ModuleUnavailable module={module} />,
    })),
  );

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
      {
        element: <RequireStage stage="full" />,
        children: [
          {
            element: lazyPage(() => import('../layout/ConsoleLayout'), true),
            children: [
              { path: '/', element: <Navigate to="/corp" replace /> },
              { path: '/corp', element: lazyPage(() => import('../pages/corp/CorpInfoPage')) },
              { path: '/corp/settings', element: lazyPage(() => import('../pages/corp/settings/CorpSettingsPage')) },
              { path: '/directory', element: lazyPage(() => import('../pages/directory/DirectoryPage')) },
              { path: '/directory/tags', element: lazyPage(() => import('../pages/directory/TagsPage')) },
              { path: '/directory/import', element: lazyPage(() => import('../pages/directory/ImportPage')) },
              { path: '/access', element: unavailable('access') },
              { path: '/apps', element: unavailable('apps') },
              { path: '/workbench', element: unavailable('workbench') },
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
