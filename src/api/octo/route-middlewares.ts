import { MiddlewareRoute } from "@medusajs/framework/http"

// Middlewares of the /octo routes (validation, authentication), beside them.
export const octoRouteMiddlewares: MiddlewareRoute[] = []
