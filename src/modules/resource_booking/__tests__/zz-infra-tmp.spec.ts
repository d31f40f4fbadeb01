import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from ".."
import path from "path"
jest.setTimeout(60000)
moduleIntegrationTestRunner<any>({
  moduleName: RESOURCE_BOOKING_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleOptions: {},
  testSuite: ({ service }) => {
    it("creates a resource", async () => {
      const r = await service.createResources({ type: "VEHICLE", name: "x" })
      expect(r.id).toMatch(/^res_/)
    })
  },
})
