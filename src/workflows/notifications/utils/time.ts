export { startOfDateIn } from "../../../lib/zoned-time"
