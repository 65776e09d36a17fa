// The README's code sample, verbatim below the marker (ReadmeSampleTests checks it).
// README sample
import WACore
import WACoreSQLite

func handleInboundWebhook() async throws {
    let store = try await SQLiteStore.inMemory()  // or PostgresStore(url: "postgresql://...")
    try await store.migrate()

    // An inbound webhook: the contact is created and counted in the same transaction.
    let recorded = try await store.messages.record(
        Message(phone: "+1 (555) 010-0199", direction: .inbound, type: .text,
                content: "Has my order shipped?", whatsAppMessageID: "wamid.HBgL001"))
    print(recorded.contact?.unreadCount ?? 0)  // 1

    // A status webhook, applied only if it moves the message forward.
    let update = try await store.messages.updateStatus(
        StatusUpdate(whatsAppMessageID: "wamid.HBgL001", status: .read))
    print(update.didApply)  // true

    // Bad input is refused with every failing field named, and nothing is written.
    do {
        _ = try await store.messages.record(Message(phone: "555", direction: .inbound, type: .text))
    } catch let error as ValidationError {
        print(error.fields)  // ["phone", "content"]
    }
    try await store.close()
}
