import Foundation

/// Which messages ``MessageRepository/list(_:page:)`` returns; unset fields do not filter.
public struct MessageFilter: Sendable, Hashable {
    /// Messages with this contact (normalized to E.164 like a message's own phone).
    public var phone: String?
    /// Messages in this delivery state.
    public var status: MessageStatus?
    /// Inbound or outbound messages only.
    public var direction: Direction?
    /// Messages of this payload kind.
    public var type: MessageType?
    /// Messages created at or after this moment.
    public var since: Date?
    /// Messages created before this moment.
    public var until: Date?
    /// Template messages whose `metadata.template_name` is this.
    public var templateName: String?

    /// Creates a filter; every field left `nil` matches all messages.
    public init(
        phone: String? = nil, status: MessageStatus? = nil, direction: Direction? = nil,
        type: MessageType? = nil, since: Date? = nil, until: Date? = nil, templateName: String? = nil
    ) {
        self.phone = phone
        self.status = status
        self.direction = direction
        self.type = type
        self.since = since
        self.until = until
        self.templateName = templateName
    }
}

/// A status webhook: the new status of the message with a WhatsApp id.
public struct StatusUpdate: Sendable, Hashable {
    /// The Cloud API id (`wamid....`) of the message the receipt is for.
    public var whatsAppMessageID: String
    /// The status the receipt reports; applied only if it moves the message forward.
    public var status: MessageStatus
    /// The Cloud API error code, kept when the status is `failed`.
    public var errorCode: String?
    /// The Cloud API error text, kept when the status is `failed`.
    public var errorMessage: String?

    /// Creates an update; the error fields matter only for `failed`.
    public init(whatsAppMessageID: String, status: MessageStatus, errorCode: String? = nil, errorMessage: String? = nil) {
        self.whatsAppMessageID = whatsAppMessageID
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    /// Throws when a field cannot be stored.
    public func validated() throws(ValidationError) -> StatusUpdate {
        var v = Validator()
        v.text(whatsAppMessageID, "whatsapp_message_id", max: Limits.identifier, required: true)
        v.text(errorCode, "error_code", max: Limits.errorCode)
        v.text(errorMessage, "error_message", max: Limits.longText)
        try v.finish()
        return self
    }
}

/// What a status update did.
public enum StatusUpdateResult: Sendable, Hashable {
    /// The status changed; the message as it now is.
    case applied(Message)
    /// Stale, repeated or out of order: nothing changed; the message as it is.
    case ignored(Message)
    /// No message has this WhatsApp id (yet).
    case notFound

    /// Whether the update changed the message.
    public var didApply: Bool {
        if case .applied = self { return true }
        return false
    }

    /// The message, when one was found.
    public var message: Message? {
        switch self {
        case .applied(let message), .ignored(let message): message
        case .notFound: nil
        }
    }
}

/// The outcome of recording a message.
public struct RecordedMessage: Sendable, Hashable {
    /// The stored message: the new one, or for a duplicate WhatsApp id the one stored before.
    public var message: Message
    /// The contact after its counters were updated; `nil` for a duplicate (nothing changed).
    public var contact: Contact?
    /// Whether the WhatsApp id had been recorded before, so nothing was written.
    public var isDuplicate: Bool

    /// Creates an outcome (stores build these; tests of code that consumes them may too).
    public init(message: Message, contact: Contact?, isDuplicate: Bool) {
        self.message = message
        self.contact = contact
        self.isDuplicate = isDuplicate
    }
}

/// Message counts by status, from one query.
public struct MessageStatistics: Sendable, Hashable, Codable {
    /// Every message not soft-deleted.
    public var total: Int
    /// Messages whose status is `sent`.
    public var sent: Int
    /// Messages whose status is `delivered`.
    public var delivered: Int
    /// Messages whose status is `read`.
    public var read: Int
    /// Messages whose status is `failed`.
    public var failed: Int

    /// Creates a set of counts.
    public init(total: Int, sent: Int, delivered: Int, read: Int, failed: Int) {
        self.total = total
        self.sent = sent
        self.delivered = delivered
        self.read = read
        self.failed = failed
    }
}
