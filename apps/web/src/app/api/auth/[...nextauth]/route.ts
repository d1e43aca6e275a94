// next-auth's routes: the OAuth / OpenID Connect redirects and callbacks (/api/auth/signin/<id>,
// /api/auth/callback/<id>, ...). Everything else about accounts goes through tRPC.
import type { NextRequest } from "next/server";

import { atAppOrigin, handlers } from "~/server/auth";

// next-auth sees every request at APP_URL's origin, never at the Host header's.
export const GET = (request: NextRequest) => handlers.GET(atAppOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(atAppOrigin(request));
