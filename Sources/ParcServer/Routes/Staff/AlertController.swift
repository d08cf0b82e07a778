import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Alerts and their rules (`/api/v1/alerts`, `/api/v1/alert-rules`). Everyone on staff reads and
/// acknowledges alerts; the rules and an immediate scan are the managers'.
struct AlertController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("alerts") { request, context in
            _ = try context.requireStaff(.workAlerts)
            let parameters = request.uri.queryParameters
            var filter = AlertFilter(
                clientCode: parameters.get("client"), kind: try AssetController.value(AlertKind.self, parameters.get("kind"), field: "kind"),
                state: try AssetController.value(AlertState.self, parameters.get("state"), field: "state"))
            if let raw = parameters.get("all") {
                guard let all = Bool(raw) else { throw APIError(.badRequest, code: "invalid_parameter", message: "all must be true or false", field: "all") }
                filter.all = all
            }
            return try JSONResponse.make(try await store.listAlerts(filter, try request.listQuery()))
        }
        group.get("alerts/{id}") { _, context in
            _ = try context.requireStaff(.workAlerts)
            return try JSONResponse.make(try await store.alert(id: try context.parameters.id("id")))
        }
        group.post("alerts/{id}/acknowledge") { _, context in
            let staff = try context.requireStaff(.workAlerts)
            let alert = try await store.acknowledgeAlert(id: try context.parameters.id("id"), by: staff.user.email)
            context.logger.info("alert acknowledged", metadata: ["parc.alert_id": "\(alert.id)"])
            return try JSONResponse.make(alert)
        }
        group.post("alerts/scan") { _, context in
            _ = try context.requireStaff(.manageSettings)
            let result = try await store.scanAlerts(at: AlertClock(now: Int64(Date().timeIntervalSince1970)))
            context.logger.info("alert scan", metadata: ["parc.raised": "\(result.raised)", "parc.resolved": "\(result.resolved)"])
            return try JSONResponse.make(result)
        }
        group.get("alert-rules") { request, context in
            _ = try context.requireStaff(.workAlerts)
            return try JSONResponse.make(try await store.alertRules(clientCode: request.uri.queryParameters.get("client")))
        }
        group.put("alert-rules") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let update = try await request.decodeJSON(AlertRuleUpdate.self, context: context)
            let rule = try await store.setAlertRule(update)
            context.logger.info("alert rule set", metadata: ["parc.kind": "\(rule.kind.rawValue)", "parc.client_code": "\(rule.clientCode ?? "provider")"])
            return try JSONResponse.make(rule)
        }
    }
}
