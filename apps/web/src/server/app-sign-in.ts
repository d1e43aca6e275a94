// The phone app's OAuth sign-in through this browser (decision 0025; the flow is described in
// packages/auth/src/app-sign-in.ts): the pending request's cookie, as the routes under
// /api/app-auth, next-auth's sign-in event and the sign-in page read and write it.
import "server-only";
import {
  appSignInCookie,
  completePendingAppSignIn,
  openPendingAppSignIn,
  sealPendingAppSignIn,
  signingSecret,
  type AuthEnv,
  type OpenedAppSignIn,
  type PendingAppSignIn,
} from "@bazaar/auth";
import { cookies } from "next/headers";

/** Where next-auth sends the browser once the provider signed the user in. */
export const APP_SIGN_IN_FINISH_PATH = "/api/app-auth/finish";

const secretOf = (env: AuthEnv) => signingSecret(env.AUTH_SECRET);

/** Remember the app's request in this browser while the user is at the provider. */
export async function rememberAppSignIn(env: AuthEnv, pending: PendingAppSignIn): Promise<void> {
  const { name, options } = appSignInCookie(env);
  (await cookies()).set(name, sealPendingAppSignIn(secretOf(env), pending), options);
}

/** The app's request waiting in this browser, if there is a live one. */
export async function pendingAppSignIn(env: AuthEnv): Promise<OpenedAppSignIn | null> {
  const { name } = appSignInCookie(env);
  return openPendingAppSignIn(secretOf(env), (await cookies()).get(name)?.value);
}

/** The request is answered (or abandoned): the browser forgets it. */
export async function forgetAppSignIn(env: AuthEnv): Promise<void> {
  const { name, options } = appSignInCookie(env);
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}

/**
 * next-auth's sign-in event (inside its callback request): if the app is waiting for this
 * browser's sign-in, note who signed in, for /api/app-auth/finish.
 */
export async function completeAppSignIn(env: AuthEnv, userId: string): Promise<void> {
  const jar = await cookies();
  const { name, options } = appSignInCookie(env);
  const completed = completePendingAppSignIn(secretOf(env), jar.get(name)?.value, userId);
  // The browser may keep this copy a few minutes longer than the first; the expiry sealed at
  // start is the one that counts.
  if (completed) jar.set(name, completed, options);
}
