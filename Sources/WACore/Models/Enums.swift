/// Which way a message travelled.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Received from a WhatsApp user (a webhook).
    case inbound
    /// Sent by this business.
    case outbound
}

/// The kind of a message's payload (the `type` column).
public enum MessageType: String, Sendable, Hashable, Codable, CaseIterable {
    case text, image, document, video, audio, template

    /// Whether the message carries media and so needs a `mediaURL`.
    public var isMedia: Bool {
        switch self {
        case .image, .document, .video, .audio: true
        case .text, .template: false
        }
    }
}

/// The delivery state of a message, as WhatsApp status webhooks report it.
public enum MessageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case sent, delivered, read, failed

    /// The statuses a message may be in for an update to this status to apply.
    ///
    /// Updates are monotonic: `sent < delivered < read`. `failed` replaces only `sent`. A
    /// `delivered` or `read` receipt after `failed` wins, because it proves delivery. An update
    /// to `sent` never applies: every message starts there.
    public var replaceableStatuses: [MessageStatus] {
        switch self {
        case .sent: []
        case .delivered: [.sent, .failed]
        case .read: [.sent, .delivered, .failed]
        case .failed: [.sent]
        }
    }

    /// Whether an update to this status applies to a message currently in `current`.
    public func canReplace(_ current: MessageStatus) -> Bool {
        replaceableStatuses.contains(current)
    }
}

/// The review state of a message template at Meta.
public enum TemplateStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case approved, pending, rejected
}
