import { LoaderOptions } from "@medusajs/framework/types"
import { resolveOptions, ResourceBookingOptions } from "../options"

// Runs when the app loads the module: bad options stop the start-up with a
// message that names them, instead of surfacing on the first booking.
export default async function validateOptionsLoader({
  options,
}: LoaderOptions<Partial<ResourceBookingOptions>>) {
  resolveOptions(options)
}
