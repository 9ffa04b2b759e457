import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { AuthProvider } from 'react-oidc-context';
import { RouterProvider } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { SessionProvider } from '../features/auth/hooks/session.tsx';
import { ApiError } from '../lib/api.ts';
import { oidcSettings } from '../lib/oidc-settings.ts';
import { router } from './routes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will answer the same again; only a failure to reach the server is worth another try.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: true,
    },
  },
});

/** Keycloak's answer is in the URL only for the moment of the callback: it is taken off at once. */
const onSigninCallback = () => window.history.replaceState({}, document.title, window.location.pathname);

export function App() {
  return (
    <AuthProvider {...oidcSettings()} onSigninCallback={onSigninCallback}>
      <SessionProvider>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<Loading />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </SessionProvider>
    </AuthProvider>
  );
}
