import { Navigate, Outlet, useLocation } from 'react-router';
import type { SessionStage } from '../api/types';
import { LoadFailed } from '../components/LoadFailed';
import { PageSpin } from '../components/PageSpin';
import { pathForStage, returnPath, useMe } from './useMe';

/**
 * Renders its child routes only for a session at the given stage; sends everyone else where they belong.
 * With `admin`, a member who is not an admin goes to the member portal instead.
 */
export function RequireStage({ stage, admin = false }: { stage: SessionStage; admin?: boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSpin fullScreen />;
  if (me.isError) return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data?.stage !== stage) {
    // A session that just became full goes back to where it was bounced from before signing in.
    const target = me.data?.stage === 'full' ? returnPath(location.state) : pathForStage(me.data);
    const from = stage === 'full' ? location.pathname + location.search : returnPath(location.state);
    return <Navigate to={target} replace state={{ from }} />;
  }
  if (admin && me.data && !me.data.member.isAdmin) return <Navigate to="/portal" replace />;
  return <Outlet />;
}


