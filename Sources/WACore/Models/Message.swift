import Foundation

/// A WhatsApp message, inbound or outbound (the `messages` table).
///
/// ```swift
/// let message = Message(phone: "+1 555 123 4567", direction: .inbound, type: .text,
///                       content: "Hi!", whatsAppMessageID: "wamid.HBgL...")
/// ```
public struct Message: Sendable, Hashable {
    /// `msg_` and a UUIDv7, unless the caller supplied one.
    public var id: String
    /// The contact's phone in E.164 form.
    public var phone: String
    /// Inbound (from the customer) or outbound (from the business).
    public var direction: Direction
    /// The payload kind; decides which of content, media URL and template name are required.
    public var type: MessageType
    /// The text body (text messages; optional otherwise). At most 4,096 characters.
    public var content: String?
    /// The media link or Cloud API media id (image, document, video, audio).
    public var mediaURL: String?
    /// A media caption. At most 1,024 characters.
    public var caption: String?
    /// The delivery state, moved forward by status webhooks.
    public var status: MessageStatus
    /// The Cloud API's message id (`wamid....`): the idempotency key of webhook ingest.
    public var whatsAppMessageID: String?
    /// The Cloud API error code of a failed message.
    public var errorCode: String?
    /// The Cloud API error text of a failed message.
    public var errorMessage: String?
    /// Free-form JSON; template messages carry `template_name` here.
    public var metadata: JSONObject?
    /// When the message was sent or received (UTC, whole microseconds).
    public var createdAt: Date
    /// When the row last changed (set by the store).
    public var updatedAt: Date

    /// The template name of a template message (`metadata.template_name`).
    public var templateName: String? { metadata?["template_name"]?.stringValue }
}

extension Message {
    /// Creates a message. Dates default to now; the id to a new `msg_` UUIDv7.
    public init(
        id: String = EntityID.make(prefix: EntityID.message),
        phone: String,
        direction: Direction,
        type: MessageType,
        content: String? = nil,
        mediaURL: String? = nil,
        caption: String? = nil,
        status: MessageStatus = .sent,
        whatsAppMessageID: String? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil,
        metadata: JSONObject? = nil,
        createdAt: Date = Timestamp.now(),
        updatedAt: Date? = nil
    ) {
        // Delegates to the memberwise initializer Swift synthesizes (internal; it takes
        // `updatedAt: Date`, so overload resolution picks it here) because that one builds the
        // value in place. Assigning fields one by one in an explicit initializer compiles, for a
        // struct with this many `String` fields, to building it on the stack and then copying it
        // out — every string retained and released once more per message made (Swift 6.3.1).
        self.init(
            id: id, phone: phone, direction: direction, type: type, content: content, mediaURL: mediaURL,
            caption: caption, status: status, whatsAppMessageID: whatsAppMessageID, errorCode: errorCode,
            errorMessage: errorMessage, metadata: metadata, createdAt: Timestamp.normalized(createdAt),
            updatedAt: Timestamp.normalized(updatedAt ?? createdAt))
    }
}

extension Message: Codable {
    enum CodingKeys: String, CodingKey {
        case id, phone, direction, type, content, caption, status, metadata
        case mediaURL = "media_url"
        case whatsAppMessageID = "whatsapp_message_id"
        case errorCode = "error_code"
        case errorMessage = "error_message"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            phone: try c.decode(String.self, forKey: .phone),
            direction: try c.decode(Direction.self, forKey: .direction),
            type: try c.decode(MessageType.self, forKey: .type),
            content: try c.decodeIfPresent(String.self, forKey: .content),
            mediaURL: try c.decodeIfPresent(String.self, forKey: .mediaURL),
            caption: try c.decodeIfPresent(String.self, forKey: .caption),
            status: try c.decode(MessageStatus.self, forKey: .status),
            whatsAppMessageID: try c.decodeIfPresent(String.self, forKey: .whatsAppMessageID),
            errorCode: try c.decodeIfPresent(String.self, forKey: .errorCode),
            errorMessage: try c.decodeIfPresent(String.self, forKey: .errorMessage),
            metadata: try c.decodeIfPresent(JSONObject.self, forKey: .metadata),
            createdAt: try c.decodeTimestamp(forKey: .createdAt),
            // Optional: the public initializer, which keeps whole microseconds.
            updatedAt: Optional(try c.decodeTimestamp(forKey: .updatedAt)))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(phone, forKey: .phone)
        try c.encode(direction, forKey: .direction)
        try c.encode(type, forKey: .type)
        try c.encodeOmittingEmpty(content, forKey: .content)
        try c.encodeOmittingEmpty(mediaURL, forKey: .mediaURL)
        try c.encodeOmittingEmpty(caption, forKey: .caption)
        try c.encode(status, forKey: .status)
        try c.encodeOmittingEmpty(whatsAppMessageID, forKey: .whatsAppMessageID)
        try c.encodeOmittingEmpty(errorCode, forKey: .errorCode)
        try c.encodeOmittingEmpty(errorMessage, forKey: .errorMessage)
        try c.encodeOmittingEmpty(metadata, forKey: .metadata)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}
