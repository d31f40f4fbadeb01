export { default as ResourceFeed } from "./resource-feed"
export { default as ResourceReminder } from "./resource-reminder"
export { default as ResourceNotification } from "./resource-notification"
