import { MiddlewareRoute } from "@medusajs/framework/http"

export const adminRouteMiddlewares: MiddlewareRoute[] = []
