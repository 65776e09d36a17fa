import Foundation

/// A WhatsApp message template (the `templates` table).
///
/// `content` holds the body with `{{1}}`..`{{n}}` or `{{name}}` placeholders; see
/// ``render(_:)-(([String]))`` and ``render(named:)``.
public struct Template: Sendable, Hashable {
    /// `tmpl_` and a UUIDv7.
    public var id: String
    /// Lowercase letters, digits and underscores; unique among live templates.
    public var name: String
    /// `ll` or `ll_CC`, e.g. `en` or `pt_BR`.
    public var language: String
    /// Meta's category, e.g. `MARKETING`, `UTILITY`, `AUTHENTICATION`.
    public var category: String
    /// Meta's review state.
    public var status: TemplateStatus
    /// The body text with placeholders.
    public var content: String
    /// The parameter names or examples, in order.
    public var parameters: [String]
    /// When the template was created (UTC).
    public var createdAt: Date
    /// When the row last changed (set by the store).
    public var updatedAt: Date
    /// When the template was soft-deleted; never encoded to JSON.
    public var deletedAt: Date?

    /// Creates a template. Dates default to now; the id to a new `tmpl_` UUIDv7.
    public init(
        id: String = EntityID.make(prefix: EntityID.template),
        name: String,
        language: String,
        category: String,
        status: TemplateStatus = .pending,
        content: String,
        parameters: [String] = [],
        createdAt: Date = Timestamp.now(),
        updatedAt: Date? = nil,
        deletedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.language = language
        self.category = category
        self.status = status
        self.content = content
        self.parameters = parameters
        self.createdAt = Timestamp.normalized(createdAt)
        self.updatedAt = Timestamp.normalized(updatedAt ?? createdAt)
        self.deletedAt = deletedAt.map(Timestamp.normalized)
    }
}

extension Template: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, language, category, status, content, parameters
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: try c.decode(String.self, forKey: .name),
            language: try c.decode(String.self, forKey: .language),
            category: try c.decode(String.self, forKey: .category),
            status: try c.decode(TemplateStatus.self, forKey: .status),
            content: try c.decode(String.self, forKey: .content),
            parameters: try c.decodeIfPresent([String].self, forKey: .parameters) ?? [],
            createdAt: try c.decodeTimestamp(forKey: .createdAt),
            updatedAt: try c.decodeTimestamp(forKey: .updatedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(language, forKey: .language)
        try c.encode(category, forKey: .category)
        try c.encode(status, forKey: .status)
        try c.encode(content, forKey: .content)
        try c.encodeOmittingEmpty(parameters, forKey: .parameters)
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
        try c.encodeTimestamp(updatedAt, forKey: .updatedAt)
    }
}
