import Foundation
import WACore

/// The walk-through, written against `WAStore` only, so it runs the same on every backend.
struct Transcript {
    let store: any WAStore

    func run() async throws {
        let applied = try await store.migrate()
        say("» migrated: \(applied.isEmpty ? "already up to date" : applied.map(String.init).joined(separator: ", "))")

        // 1. An inbound webhook: a customer writes; the contact appears.
        let inbound = Message(
            phone: "+1 (555) 010-0199", direction: .inbound, type: .text,
            content: "Hi! Has my order A-1042 shipped yet?", status: .delivered, whatsAppMessageID: "wamid.IN-\(UUID().uuidString.prefix(8))")
        let first = try await store.messages.record(inbound)
        var contact = try await store.contacts.getOrCreate(phone: inbound.phone)
        contact.name = "Ana Ferreira"
        contact = try await store.contacts.update(contact)
        say("← inbound  \(first.message.phone): \"\(first.message.content ?? "")\"")
        say("  contact  \(contact.name ?? "?") \(contact.phone) messages=\(contact.messageCount) unread=\(contact.unreadCount)")

        // 2. Meta redelivers the same webhook: nothing changes.
        let replay = try await store.messages.record(inbound)
        say("← replay   same WhatsApp id → duplicate=\(replay.isDuplicate), stored once")

        // 3. Reply with an approved template, rendered from its parameters.
        let template = try await existingOrNewTemplate()
        let body = try template.render(["Ana", "A-1042"])
        let reply = try await store.messages.record(
            Message(
                phone: contact.phone, direction: .outbound, type: .template, content: body,
                whatsAppMessageID: "wamid.OUT-\(UUID().uuidString.prefix(8))",
                metadata: ["template_name": .string(template.name), "language": .string(template.language)]))
        let wamid = reply.message.whatsAppMessageID!
        say("→ outbound template \(template.name): \"\(body)\"")

        // 4. Status webhooks arrive out of order and twice.
        for status in [MessageStatus.read, .delivered, .read, .failed] {
            let result = try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: wamid, status: status))
            say("← status   \(status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(result.didApply ? "applied" : "ignored (stale or repeated)") → now \(result.message?.status.rawValue ?? "?")")
        }
        say("  contact  unread after reading: \(try await store.contacts.markRead(id: contact.id).unreadCount)")

        // 5. Search, the conversation, statistics.
        let hits = try await store.messages.search("shipping order", limit: 5)
        say("? search   \"shipping order\" → \(hits.count) message(s): \(hits.map { "\"\($0.content ?? "")\"" }.joined(separator: ", "))")
        let conversation = try await store.messages.conversation(phone: "15550100199", limit: 10)
        say("≡ conversation with \(contact.phone), newest first:")
        for message in conversation.items {
            say("    \(message.direction == .inbound ? "←" : "→") [\(message.status.rawValue)] \(message.content ?? "")")
        }
        let stats = try await store.messages.statistics()
        say("Σ stats    total=\(stats.total) sent=\(stats.sent) delivered=\(stats.delivered) read=\(stats.read) failed=\(stats.failed)")

        try await apiKeys()
    }

    /// 6. API keys: issue one (the token is shown once), use it, then see it refused.
    private func apiKeys() async throws {
        let issued = try await store.apiKeys.create(name: "webhook-service", permissions: ["messages:send", "contacts:read"], rateLimit: 600)
        say("⚿ issued   \(issued.key.name): \(issued.token)   (shown once; only its SHA-256 is stored)")
        let key = try await store.apiKeys.authenticate(token: issued.token)
        say("⚿ auth     ok → \(key.name), may send messages: \(key.allows("messages:send")), may manage templates: \(key.allows("templates:manage"))")
        var tampered = Array(issued.token)
        tampered[12] = tampered[12] == "x" ? "y" : "x"
        await refuse(String(tampered), "one character changed")
        try await store.apiKeys.revoke(id: issued.key.id)
        await refuse(issued.token, "after revocation")
    }

    private func refuse(_ token: String, _ situation: String) async {
        do {
            _ = try await store.apiKeys.authenticate(token: token)
            say("⚿ auth     \(situation): accepted (unexpected!)")
        } catch let error as APIKeyAuthenticationError {
            say("⚿ auth     \(situation): refused (\(error.reason.rawValue)) → HTTP 401")
        } catch {
            say("⚿ auth     \(situation): \(error)")
        }
    }

    /// The template from a previous run of the example on the same database, or a new one.
    private func existingOrNewTemplate() async throws -> Template {
        if let existing = try await store.templates.find(name: "order_shipped") { return existing }
        let created = try await store.templates.create(
            Template(
                name: "order_shipped", language: "en_US", category: "UTILITY",
                content: "Hi {{1}}, good news: your order {{2}} has shipped!", parameters: ["customer", "order"]))
        return try await store.templates.updateStatus(id: created.id, status: .approved)
    }
}
