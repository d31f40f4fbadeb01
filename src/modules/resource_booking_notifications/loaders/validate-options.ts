import { LoaderOptions } from "@medusajs/framework/types"
import { resolveNotificationOptions } from "../options"

// Bad options stop the start-up with a message naming them.
export default async function validateNotificationOptionsLoader({ options }: LoaderOptions<any>) {
  resolveNotificationOptions(options)
}
