import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminUpdateResourceFeed } from "../admin/resources/[id]/feed/validators"

// Middlewares of the calendar feed: the public GET /resource-feeds/:token.ics
// needs none (the token is its key; Medusa authenticates only /admin, /store
// and /auth), and the admin feed routes' body validation lives here beside
// the feed (Medusa protects every /admin route itself).
export const feedRouteMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/resources/:id/feed",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateResourceFeed)],
  },
]
