import { AdminApp } from './admin/admin-app';
import { MerchantApp } from './merchant/merchant-app';
import { SignInPage } from './merchant/sign-in-page';
import { SignupPage } from './merchant/signup-page';
import { useRouter } from './routing/router';
import { useConsole } from './session/console-context';

/** Signed out: sign in or sign up. Signed in: the merchant's store or the platform admin console. */
export function App() {
  const { session } = useConsole();
  const { path } = useRouter();
  if (!session) return path === '/signup' ? <SignupPage /> : <SignInPage />;
  return session.role === 'platform_admin' ? <AdminApp /> : <MerchantApp />;
}
