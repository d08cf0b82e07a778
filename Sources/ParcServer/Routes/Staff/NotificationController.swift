import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Webhook endpoints (`/api/v1/webhooks`) and the outbox of deliveries (`/api/v1/outbox`): the
/// managers'. A target is checked when it is set (address and name), and again at every attempt.
struct NotificationController {
    let store: Store
    let guardian: WebhookAddressGuard

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("webhooks") { request, context in
            _ = try context.requireStaff(.manageSettings)
            return try JSONResponse.make(try await store.webhooks(clientCode: request.uri.queryParameters.get("client")))
        }
        group.post("webhooks") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let new = try await request.decodeJSON(NewWebhookEndpoint.self, context: context)
            let host = try WebhookTargets.parse(new.url).host
            if let refusal = await guardian.refusal(host: host) {
                throw ValidationError(field: "url", reason: refusal)
            }
            let made = try await store.addWebhook(new)
            context.logger.info("webhook added", metadata: ["parc.webhook_id": "\(made.endpoint.id)", "parc.url": "\(made.endpoint.url)"])
            return try JSONResponse.make(made, status: .created)
        }
        group.get("webhooks/{id}") { _, context in
            _ = try context.requireStaff(.manageSettings)
            return try JSONResponse.make(try await store.webhook(id: try context.parameters.id("id")))
        }
        group.delete("webhooks/{id}") { _, context in
            _ = try context.requireStaff(.manageSettings)
            let id = try context.parameters.id("id")
            try await store.removeWebhook(id: id)
            context.logger.info("webhook removed", metadata: ["parc.webhook_id": "\(id)"])
            return Response(status: .noContent)
        }
        group.post("webhooks/{id}/rotate-secret") { _, context in
            _ = try context.requireStaff(.manageSettings)
            let rotated = try await store.rotateWebhookSecret(id: try context.parameters.id("id"))
            context.logger.info("webhook secret rotated", metadata: ["parc.webhook_id": "\(rotated.endpoint.id)"])
            return try JSONResponse.make(rotated)
        }
        for (path, enabled) in [("enable", true), ("disable", false)] {
            group.post("webhooks/{id}/\(path)") { _, context in
                _ = try context.requireStaff(.manageSettings)
                return try JSONResponse.make(try await store.setWebhookEnabled(id: try context.parameters.id("id"), enabled))
            }
        }
        addMailRoutes(to: group)
        group.get("outbox") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let parameters = request.uri.queryParameters
            let status = try AssetController.value(OutboxStatus.self, parameters.get("status"), field: "status")
            return try JSONResponse.make(try await store.outbox(status: status, clientCode: parameters.get("client"), try request.listQuery()))
        }
        group.post("outbox/retry") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let retry = try await request.decodeJSON(OutboxRetryRequest.self, context: context)
            let result = try await store.retryDeliveries(retry)
            context.logger.info("outbox retry", metadata: ["parc.requeued": "\(result.requeued)"])
            return try JSONResponse.make(result)
        }
    }
}

extension NotificationController {
    /// `/api/v1/mail`: the relay, checked before it is kept (it answers, and speaks the security
    /// asked for); `/api/v1/mail/test` sends one message now, which is where credentials are tried.
    func addMailRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("mail") { _, context in
            _ = try context.requireStaff(.manageSettings)
            guard let settings = try await store.mailSettings() else {
                throw APIError(.notFound, code: "mail_not_configured", message: "no mail relay is set: parcctl mail set --host … --from …")
            }
            return try JSONResponse.make(settings)
        }
        group.put("mail") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let update = try await request.decodeJSON(MailSettingsUpdate.self, context: context)
            let setup = try await store.mailSetup(from: update)
            let relay = setup.relay
            do {
                try await relay.check()
            } catch {
                throw ValidationError(field: "host", reason: "the relay \(relay.host):\(relay.port) (\(relay.security.rawValue)) fails: \(error)")
            }
            let settings = try await store.setMailSetup(setup)
            context.logger.info("mail relay set", metadata: ["parc.host": "\(relay.host)", "parc.port": "\(relay.port)"])
            return try JSONResponse.make(settings)
        }
        group.get("mail/rules") { request, context in
            _ = try context.requireStaff(.manageSettings)
            return try JSONResponse.make(try await store.mailRules(clientCode: request.uri.queryParameters.get("client")))
        }
        group.put("mail/rules") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let rule = try await store.setMailRule(try await request.decodeJSON(MailRuleUpdate.self, context: context))
            context.logger.info("mail rule set", metadata: ["parc.event": "\(rule.event.rawValue)", "parc.client": "\(rule.clientCode ?? "default")"])
            return try JSONResponse.make(rule)
        }
        group.delete("mail/rules") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let parameters = request.uri.queryParameters
            guard let event = try AssetController.value(NotificationEvent.self, parameters.get("event"), field: "event") else {
                throw ValidationError(field: "event", reason: "name the event whose rule to remove")
            }
            try await store.removeMailRule(event: event, clientCode: parameters.get("client"))
            return Response(status: .noContent)
        }
        group.post("mail/test") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let test = try await request.decodeJSON(MailTest.self, context: context)
            let to = try MailAddress.checked(test.to, field: "to")
            guard let setup = try await store.mailSetup() else {
                throw APIError(.conflict, code: "mail_not_configured", message: "no mail relay is set: parcctl mail set --host … --from …")
            }
            let relay = setup.relay
            let message = MailMessage(
                fromAddress: relay.fromAddress, fromName: setup.fromName, to: to, subject: "Parc: test message / message d'essai",
                text:
                    "This message shows that Parc can send mail through \(relay.host).\nCe message montre que Parc peut envoyer du courrier par \(relay.host).\n",
                html:
                    "<p>This message shows that Parc can send mail through \(relay.host).</p><p>Ce message montre que Parc peut envoyer du courrier par \(relay.host).</p>",
                messageID: MailMessage.messageID(key: "test-\(UUID().uuidString.lowercased())", fromAddress: relay.fromAddress), date: Date())
            do {
                try await relay.send(message.rendered(), to: to)
                return try JSONResponse.make(MailTestResult(sent: true))
            } catch {
                return try JSONResponse.make(MailTestResult(sent: false, error: "\(error)"))
            }
        }
    }
}
