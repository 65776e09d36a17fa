import Foundation
import WACore

/// Get-or-create of a contact by phone, shared by message ingest and
/// ``ContactRepository/getOrCreate(phone:name:)``: the live contact, else the most recently
/// soft-deleted one restored, else a new one.
///
/// Each step is one statement whose row lock or unique index arbitrates concurrent writers, so
/// counters stay exact: the common case (a live contact) is a single `UPDATE ... RETURNING`.
enum ContactUpsert {
    /// Messages being recorded for the contact: how many, how many inbound, the newest time.
    struct Activity {
        var latest: Date
        var messages: Int
        var inbound: Int

        /// Counts one more message.
        mutating func add(_ message: Message) {
            latest = max(latest, message.createdAt)
            messages += 1
            inbound += message.direction == .inbound ? 1 : 0
        }

        init(_ message: Message) {
            latest = message.createdAt
            messages = 1
            inbound = message.direction == .inbound ? 1 : 0
        }
    }

    static func run(_ db: some SQLConnection, phone: String, name: String?, activity: Activity?, now: Date) throws -> Contact {
        if let live = try touchLive(db, phone: phone, activity: activity, now: now) { return live }
        if let restored = try restoreDeleted(db, phone: phone, activity: activity, now: now) { return restored }
        return try insert(db, phone: phone, name: name, activity: activity, now: now)
    }

    /// `SET` assignments that count a message, with their binds appended.
    private static func counting(_ activity: Activity, binds: inout [SQLValue], table: String) -> String {
        binds.append(SQLValue(activity.latest))
        let at = "$\(binds.count)"
        binds.append(SQLValue(activity.messages))
        let count = "$\(binds.count)"
        binds.append(SQLValue(activity.inbound))
        let unread = "$\(binds.count)"
        // last_message_at only moves forward: messages recorded out of order keep the newest.
        return """
            message_count = \(table).message_count + \(count), unread_count = \(table).unread_count + \(unread), \
            last_message_at = CASE WHEN \(table).last_message_at IS NULL OR \(table).last_message_at < \(at) \
            THEN \(at) ELSE \(table).last_message_at END
            """
    }

    private static func touchLive(_ db: some SQLConnection, phone: String, activity: Activity?, now: Date) throws -> Contact? {
        guard let activity else {
            return try db.first(
                "SELECT \(ContactRow.columns) FROM contacts WHERE phone = $1 AND deleted_at IS NULL", [.text(phone)],
                ContactRow.decode)
        }
        var binds: [SQLValue] = [.text(phone), SQLValue(now)]
        let counters = counting(activity, binds: &binds, table: "contacts")
        return try db.first(
            """
            UPDATE contacts SET \(counters), updated_at = $2 \
            WHERE phone = $1 AND deleted_at IS NULL RETURNING \(ContactRow.columns)
            """, binds, ContactRow.decode)
    }

    private static func restoreDeleted(_ db: some SQLConnection, phone: String, activity: Activity?, now: Date) throws -> Contact? {
        var binds: [SQLValue] = [.text(phone), SQLValue(now)]
        let counters = activity.map { ", " + counting($0, binds: &binds, table: "contacts") } ?? ""
        return try db.first(
            """
            UPDATE contacts SET deleted_at = NULL, updated_at = $2\(counters) \
            WHERE id = (SELECT id FROM contacts WHERE phone = $1 AND deleted_at IS NOT NULL \
            ORDER BY deleted_at DESC, id DESC LIMIT 1) RETURNING \(ContactRow.columns)
            """, binds, ContactRow.decode)
    }

    private static func insert(_ db: some SQLConnection, phone: String, name: String?, activity: Activity?, now: Date) throws -> Contact {
        let contact = Contact(
            phone: phone, name: name, lastMessageAt: activity?.latest, messageCount: activity?.messages ?? 0,
            unreadCount: activity?.inbound ?? 0, createdAt: now)
        var binds = ContactRow.binds(contact)
        // A concurrent writer may have created the contact since the UPDATE above found none:
        // the partial unique index decides, and the loser counts on the winner's row.
        let onConflict: String
        if let activity {
            binds.append(SQLValue(now))
            onConflict = "DO UPDATE SET \(counting(activity, binds: &binds, table: "contacts")), updated_at = $12"
        } else {
            onConflict = "DO UPDATE SET phone = excluded.phone"
        }
        guard let stored = try db.first(
            """
            INSERT INTO contacts (\(ContactRow.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
            ON CONFLICT (phone) WHERE deleted_at IS NULL \(onConflict) RETURNING \(ContactRow.columns)
            """, binds, ContactRow.decode)
        else { throw StoreError(.database, "the contact upsert returned no row") }
        return stored
    }
}
