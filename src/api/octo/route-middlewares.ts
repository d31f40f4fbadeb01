import { MiddlewareRoute } from "@medusajs/framework/http"
import { authenticateOcto } from "./lib/auth"
import { resellerKeyRouteMiddlewares } from "../admin/reseller-keys/middlewares"

// Middlewares of the /octo routes (reseller key authentication: every /octo
// route refuses a request without a valid key before it runs), and of the
// admin's reseller keys.
export const octoRouteMiddlewares: MiddlewareRoute[] = [
  { matcher: "/octo*", middlewares: [authenticateOcto] },
  ...resellerKeyRouteMiddlewares,
]
