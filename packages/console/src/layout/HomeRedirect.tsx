import { Navigate } from 'react-router';
import { useMyAccess } from '../auth/useMyAccess';
import { firstAllowedPath, mayOpen } from './navigation';

/** The console starts on the first menu page the admin may open (my sessions is open to everyone). */
export function HomeRedirect() {
  const access = useMyAccess().data;
  const target = (access && firstAllowedPath((path) => mayOpen(access, path))) ?? '/security/sessions';
  return <Navigate to={target} replace />;
}
