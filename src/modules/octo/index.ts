import { Module } from "@medusajs/framework/utils"
import OctoModuleService from "./service"

export const OCTO_MODULE = "octo"

export default Module(OCTO_MODULE, { service: OctoModuleService })

export { OctoModuleService }
