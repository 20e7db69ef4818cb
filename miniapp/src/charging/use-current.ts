import { call } from '../api/client';
import { routes } from '../api/routes';
import { useLoad } from '../kit';
import { useSession } from '../session/useSession';

/** My reservation or session in progress (at most one), `{ charge: null }` when none; null
 * data when signed out, since there is nobody to ask about. */
export function useCurrent() {
  const signedIn = useSession().status === 'signed-in';
  return useLoad(
    () => (signedIn ? call(routes.charging.myActiveCharge) : Promise.resolve(null)),
    `current:${signedIn}`,
  );
}
