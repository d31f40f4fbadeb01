import { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminUpdateResourceFeed } from "../admin/resources/[id]/feed/validators"
import { inputGuard } from "../utils/input-guard"
import { validateBody } from "../utils/validators"

// Middlewares of the calendar feed: the public GET /resource-feeds/:token.ics
// needs no authentication (the token is its key; Medusa authenticates only
// /admin, /store and /auth) but passes the input guard (its token's shape is
// checked by the route); the admin feed routes' body validation lives here
// beside the feed (Medusa protects every /admin route itself).
export const feedRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: /^\/resource-feeds(?=\/|$)/, middlewares: [inputGuard()] },
  {
    matcher: "/admin/resources/:id/feed",
    methods: ["POST"],
    middlewares: [validateBody(AdminUpdateResourceFeed)],
  },
]
