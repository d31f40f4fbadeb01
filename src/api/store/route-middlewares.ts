import { MiddlewareRoute } from "@medusajs/framework/http"

export const storeRouteMiddlewares: MiddlewareRoute[] = []
