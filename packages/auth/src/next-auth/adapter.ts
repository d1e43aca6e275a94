// next-auth's database adapter, over Bazaar's own tables and rules. next-auth only runs the OAuth /
// OpenID Connect dance; the session it ends with is an ordinary Bazaar session (hashed token,
// role-based lifetimes, ip and user agent), so the tRPC context and "sign out everywhere" treat it
// like one made by a password sign-in, and the reverse: a password session is what next-auth
// sees when a signed-in user links a provider.
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Db } from "@bazaar/db";
import { emailSchema } from "@bazaar/validators";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";

import type { RequestMeta } from "../audit.ts";
import { createSession, resolveSession, type SessionPolicy } from "../sessions.ts";
import { hashToken, TOKEN_PATTERN } from "../tokens.ts";

/**
 * Set by the providers' profile callbacks (./providers.ts) when the provider itself vouches for
 * the address (OpenID Connect `email_verified`, Discord's `verified`); read once, when the user is
 * created. next-auth passes `emailVerified: null` to createUser for every OAuth sign-up
 * (@auth/core lib/actions/callback/handle-login.js), so the flag needs a name of its own.
 */
export const EMAIL_VERIFIED_BY_PROVIDER = "emailVerifiedByProvider";

export interface BazaarAdapterOptions {
  policy: SessionPolicy;
  /** Who is asking: recorded on the sessions this adapter creates. */
  request: RequestMeta;
  /** Tests move the clock. */
  now?: () => Date;
}

/** The methods next-auth's database strategy calls, all present. */
export type BazaarAdapter = Adapter &
  Required<
    Pick<
      Adapter,
      | "createUser"
      | "getUser"
      | "getUserByEmail"
      | "getUserByAccount"
      | "updateUser"
      | "linkAccount"
      | "createSession"
      | "getSessionAndUser"
      | "updateSession"
      | "deleteSession"
    >
  >;

// Never the whole row: next-auth hands the user object to callbacks and events, and a
// password hash has no business there.
const userColumns = {
  id: true,
  email: true,
  emailVerified: true,
  name: true,
  image: true,
  deletedAt: true,
} as const;

interface UserRow {
  id: string;
  email: string;
  emailVerified: Date | null;
  name: string | null;
  image: string | null;
  deletedAt: Date | null;
}

function toAdapterUser(row: UserRow): AdapterUser {
  return { id: row.id, email: row.email, emailVerified: row.emailVerified, name: row.name, image: row.image };
}

/** Lower-cased and trimmed, as the User table's CHECK constraint demands; null if not an address. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const parsed = emailSchema.safeParse(email);
  return parsed.success ? parsed.data : null;
}

function cleanName(name: string | null | undefined): string | null {
  const trimmed = name?.trim().slice(0, 100);
  if (!trimmed) return null;
  return trimmed;
}

function cleanImage(image: string | null | undefined): string | null {
  if (!image || image.length > 2048) return null;
  try {
    const { protocol } = new URL(image);
    return protocol === "https:" || protocol === "http:" ? image : null;
  } catch {
    return null;
  }
}

export function bazaarAdapter(db: Db, options: BazaarAdapterOptions): BazaarAdapter {
  const now = options.now ?? (() => new Date());
  // @auth/prisma-adapter is typed against the `prisma-client-js` generator's PrismaClient; Bazaar's
  // client comes from the newer `prisma-client` generator, with the same models and methods. (That
  // type resolves loosely enough here that no cast is needed.)
  const prisma = PrismaAdapter(db);
  if (!prisma.linkAccount) throw new Error("@auth/prisma-adapter has no linkAccount");

  return {
    async createUser(user) {
      const email = normaliseEmail(user.email);
      // The sign-in callback (./config.ts) refuses a profile without a usable address first.
      if (!email) throw new Error("An OAuth profile without a valid email address cannot become a user.");
      const verified = EMAIL_VERIFIED_BY_PROVIDER in user && user[EMAIL_VERIFIED_BY_PROVIDER] === true;
      const row = await db.user.create({
        data: {
          email,
          name: cleanName(user.name),
          image: cleanImage(user.image),
          emailVerified: verified ? now() : null,
        },
        select: userColumns,
      });
      return toAdapterUser(row);
    },

    async getUser(id) {
      const row = await db.user.findUnique({ where: { id }, select: userColumns });
      return row && !row.deletedAt ? toAdapterUser(row) : null;
    },

    async getUserByEmail(email) {
      const normalised = normaliseEmail(email);
      if (!normalised) return null;
      const row = await db.user.findUnique({ where: { email: normalised }, select: userColumns });
      // A deleted account keeps its row (anonymised), and still blocks the address from being
      // claimed by a new OAuth sign-up: next-auth then answers OAuthAccountNotLinked.
      return row ? toAdapterUser(row) : null;
    },

    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: userColumns } },
      });
      // A deleted user's linked account is still returned, so that the sign-in callback can
      // refuse it (returning null would send next-auth down the sign-up path instead).
      return account ? toAdapterUser(account.user) : null;
    },

    // next-auth calls this only for its email provider, which Bazaar does not use; kept narrow.
    async updateUser({ id, name, image, emailVerified }) {
      const row = await db.user.update({
        where: { id },
        data: {
          ...(name !== undefined ? { name: cleanName(name) } : {}),
          ...(image !== undefined ? { image: cleanImage(image) } : {}),
          ...(emailVerified !== undefined ? { emailVerified } : {}),
        },
        select: userColumns,
      });
      return toAdapterUser(row);
    },

    // Only the link itself is kept. Bazaar never calls a provider's API after sign-in, so its
    // access, refresh and ID tokens would be secrets stored for nothing.
    async linkAccount({ userId, type, provider, providerAccountId }) {
      await prisma.linkAccount?.({ userId, type, provider, providerAccountId });
    },

    /**
     * A Bazaar session through Bazaar's own createSession: it mints the token, stores its hash and
     * takes the lifetime from the user's role. The token next-auth generated is not used; next-auth
     * puts the returned `sessionToken` in the cookie, with the returned `expires`
     * (@auth/core lib/actions/callback/index.js).
     */
    async createSession({ userId }): Promise<AdapterSession> {
      const user = await db.user.findUnique({
        where: { id: userId },
        select: { id: true, role: true, deletedAt: true },
      });
      if (!user || user.deletedAt) throw new Error("No session for a deleted or unknown user.");
      const session = await createSession(
        db,
        options.policy,
        { user, kind: "COOKIE", ip: options.request.ip, userAgent: options.request.userAgent },
        now(),
      );
      return { sessionToken: session.token, userId: user.id, expires: session.expires };
    },

    /**
     * The live cookie session a raw token names. Idle and absolute lifetimes are Bazaar's
     * (resolveSession deletes an ended session on sight); bearer tokens of the mobile app do not
     * count as a browser session, and a deleted user has none.
     */
    async getSessionAndUser(sessionToken) {
      const active = await resolveSession(db, options.policy, sessionToken, now());
      if (active?.kind !== "COOKIE") return null;
      const row = await db.session.findUnique({
        where: { id: active.id },
        select: { expires: true, user: { select: userColumns } },
      });
      if (!row) return null;
      if (row.user.deletedAt) {
        await db.session.deleteMany({ where: { id: active.id } });
        return null;
      }
      return {
        // The raw token, as next-auth sets it again in the cookie; the table keeps only its hash.
        session: { sessionToken, userId: row.user.id, expires: row.expires },
        user: toAdapterUser(row.user),
      };
    },

    // next-auth would slide `expires` forward on use (@auth/core lib/actions/session.js); a
    // Bazaar session's `expires` is absolute, and resolveSession already records each use.
    updateSession: () => null,

    async deleteSession(sessionToken) {
      if (TOKEN_PATTERN.test(sessionToken)) {
        await db.session.deleteMany({ where: { sessionToken: hashToken(sessionToken) } });
      }
      return null;
    },
  };
}
