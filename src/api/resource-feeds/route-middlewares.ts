import { MiddlewareRoute } from "@medusajs/framework/http"

// Middlewares of the /resource-feeds routes (validation, authentication), beside them.
export const feedRouteMiddlewares: MiddlewareRoute[] = []
