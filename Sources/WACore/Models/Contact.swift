import Foundation

/// A WhatsApp user this business has talked to (the `contacts` table).
///
/// Contacts are created by ``ContactRepository/getOrCreate(phone:name:)`` or implicitly when a
/// message is recorded; their counters are maintained by the store, not by callers.
public struct Contact: Sendable, Hashable {
    /// `contact_` and a UUIDv7.
    public var id: String
    /// E.164 phone; unique among live (not soft-deleted) contacts.
    public var phone: String
    /// The WhatsApp profile name or one the business chose.
    public var name: String?
    /// A link to the profile picture.
    public var profilePictureURL: String?
    /// When the newest message to or from this contact was recorded.
    public var lastMessageAt: Date?
    /// Messages recorded for this contact, both directions.
    public var messageCount: Int
    /// Inbound messages since the contact was last marked read.
    public var unreadCount: Int
    /// Free-form JSON (tags, CRM ids...).
    public var metadata: JSONObject?
    /// When the contact was created (UTC).
    public var createdAt: Date
    /// When the row last changed (set by the store).
    public var updatedAt: Date
    /// When the contact was soft-deleted; never encoded to JSON.
    public var deletedAt: Date?
}

extension Contact {
    /// Creates a contact. Dates default to now; the id to a new `contact_` UUIDv7.
    public init(
        id: String = EntityID.make(prefix: EntityID.contact),
        phone: String,
        name: String? = nil,
        profilePictureURL: String? = nil,
        lastMessageAt: Date? = nil,
        messageCount: Int = 0,
        unreadCount: Int = 0,
        metadata: JSONObject? = nil,
        createdAt: Date = Timestamp.now(),
        updatedAt: Date? = nil,
        deletedAt: Date? = nil
    ) {
        // The memberwise initializer builds the value in place; see Message.init for why.
        self.init(
            id: id, phone: phone, name: name, profilePictureURL: profilePictureURL,
            lastMessageAt: lastMessageAt.map(Timestamp.normalized), messageCount: messageCount,
            unreadCount: unreadCount, metadata: metadata, createdAt: Timestamp.normalized(createdAt),
            updatedAt: Timestamp.normalized(updatedAt ?? createdAt), deletedAt: deletedAt.map(Timestamp.normalized))
    }
}

extension Contact: Codable {
    enum CodingKeys: String, CodingKey {
        case id, phone, name, metadata
        case profilePictureURL = "profile_picture_url"
        case lastMessageAt = "last_message_at"
        case messageCount = "message_count"
        case unreadCount = "unread_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            phone: try c.decode(String.self, forKey: .phone),
            name: try c.decodeIfPresent(String.self, forKey: .name),
            profilePictureURL: try c.decodeIfPresent(String.self, forKey: .profilePictureURL),
            lastMessageAt: try c.decodeTimestampIfPresent(forKey: .lastMessageAt),
            messageCount: try c.decodeIfPresent(Int.self, forKey: .messageCount) ?? 0,
            unreadCount: try c.decodeIfPresent(Int.self, forKey: .unreadCount) ?? 0,
            metadata: try c.decodeIfPresent(JSONObject.self, forKey: .metadata),
            createdAt: try c.decodeTimestamp(forKey: .createdAt),
            // Optional: the public initializer, which keeps whole microseconds.
            updatedAt: Optional(try c.decodeTimestamp(forKey: .updatedAt)))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(phone, forKey: .phone)
        try c.encodeOmittingEmpty(name, forKey: .name)
        try c.encodeOmittingEmpty(profilePictureURL, forKey: .profilePictureURL)
        if let lastMessageAt { try c.encodeTimestamp(lastMessageAt, forKey: .lastMessageAt) }
        try c.encode(messageCount, forKey: .messageCount)
        try c.encode(unreadCount, forKey: .unreadCount)
        try c.encodeOmittingEmpty(metadata, forKey: .metadata)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}
