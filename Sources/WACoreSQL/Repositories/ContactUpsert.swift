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
            self.init(latest: message.createdAt, messages: 1, inbound: message.direction == .inbound ? 1 : 0)
        }

        init(latest: Date, messages: Int, inbound: Int) {
            self.latest = latest
            self.messages = messages
            self.inbound = inbound
        }
    }

    /// The live contact with `phone`, else the most recently soft-deleted one restored, else
    /// a new one named `name`.
    static func getOrCreate(_ db: some SQLConnection, phone: String, name: String?, now: Date) throws -> Contact {
        let live = try db.first(ContactSQL.byPhone, [.text(phone)], ContactRow.decode)
        return try live ?? restoreOrInsert(db, phone: phone, name: name, activity: nil, now: now)
    }

    /// Counts a batch's messages on their contacts: the live-contact UPDATEs go out as one
    /// batch (pipelined on PostgreSQL); the rare phones without a live contact follow one by one.
    static func run(_ db: some SQLConnection, activities: [(phone: String, activity: Activity)], now: Date) throws -> [String: Contact] {
        let binds = activities.map { [.text($0.phone), SQLValue(now)] + countingBinds($0.activity) }
        let touched = try db.queryBatch(touchLiveSQL, binds, ContactRow.decode)
        var contacts: [String: Contact] = [:]
        for ((phone, activity), rows) in zip(activities, touched) {
            contacts[phone] = try rows.first ?? restoreOrInsert(db, phone: phone, name: nil, activity: activity, now: now)
        }
        return contacts
    }

    private static func restoreOrInsert(_ db: some SQLConnection, phone: String, name: String?, activity: Activity?, now: Date) throws -> Contact {
        if let restored = try restoreDeleted(db, phone: phone, activity: activity, now: now) { return restored }
        return try insert(db, phone: phone, name: name, activity: activity, now: now)
    }

    /// Counts on the live contact; binds `[phone, now] + countingBinds`.
    private static let touchLiveSQL = """
        UPDATE contacts SET \(counting(from: 3)), updated_at = $2 \
        WHERE phone = $1 AND \(ContactSQL.live) RETURNING \(ContactRow.columns)
        """

    /// `SET` assignments that count messages, reading ``countingBinds(_:)`` from `$first` on.
    /// `last_message_at` only moves forward: messages recorded out of order keep the newest.
    private static func counting(from first: Int) -> String {
        let (at, count, unread) = ("$\(first)", "$\(first + 1)", "$\(first + 2)")
        return """
            message_count = contacts.message_count + \(count), unread_count = contacts.unread_count + \(unread), \
            last_message_at = CASE WHEN contacts.last_message_at IS NULL OR contacts.last_message_at < \(at) \
            THEN \(at) ELSE contacts.last_message_at END
            """
    }

    private static func countingBinds(_ activity: Activity) -> [SQLValue] {
        [SQLValue(activity.latest), SQLValue(activity.messages), SQLValue(activity.inbound)]
    }

    private static func restoreDeleted(_ db: some SQLConnection, phone: String, activity: Activity?, now: Date) throws -> Contact? {
        let binds: [SQLValue] = [.text(phone), SQLValue(now)] + (activity.map(countingBinds) ?? [])
        let counters = activity == nil ? "" : ", " + counting(from: 3)
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
            binds += [SQLValue(now)] + countingBinds(activity)  // $12, then $13...$15
            onConflict = "DO UPDATE SET \(counting(from: 13)), updated_at = $12"
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
