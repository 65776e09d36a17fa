/// Parameters that do not fit a template's placeholders.
public struct TemplateRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Placeholders with no value, e.g. `["2"]` or `["order_id"]`.
    public var missing: [String]
    /// Values with no placeholder, e.g. `["4"]` or `["coupon"]`.
    public var extra: [String]
    /// Set when the template body itself is malformed.
    public var malformed: String?

    /// Creates an error naming the placeholders and values that do not match.
    public init(missing: [String], extra: [String], malformed: String? = nil) {
        self.missing = missing
        self.extra = extra
        self.malformed = malformed
    }

    public var description: String {
        if let malformed { return "template body \(malformed)" }
        var parts: [String] = []
        if !missing.isEmpty { parts.append("missing parameters: " + missing.map { "{{\($0)}}" }.joined(separator: ", ")) }
        if !extra.isEmpty { parts.append("extra parameters: " + extra.map { "{{\($0)}}" }.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}

extension Template {
    /// The placeholders of `content`, in order of first appearance (`["1", "2"]` or `["name"]`).
    public var placeholders: [String] { TemplateBody(content).placeholders }

    /// Fills positional placeholders: `values[0]` replaces `{{1}}`, and so on.
    ///
    /// ```swift
    /// // content: "Hi {{1}}, your order {{2}} has shipped."
    /// try template.render(["Ana", "A-1042"])  // "Hi Ana, your order A-1042 has shipped."
    /// ```
    /// - Throws: ``TemplateRenderError`` naming every missing and extra parameter.
    public func render(_ values: [String]) throws(TemplateRenderError) -> String {
        let named = Dictionary(uniqueKeysWithValues: values.enumerated().map { (String($0.offset + 1), $0.element) })
        return try render(named: named)
    }

    /// Fills named placeholders: `values["first_name"]` replaces `{{first_name}}`.
    ///
    /// - Throws: ``TemplateRenderError`` naming every missing and extra parameter.
    public func render(named values: [String: String]) throws(TemplateRenderError) -> String {
        let body = TemplateBody(content)
        if let problem = body.problem { throw TemplateRenderError(missing: [], extra: [], malformed: problem) }
        let placeholders = body.placeholders
        let missing = placeholders.filter { values[$0] == nil }
        let extra = values.keys.filter { !placeholders.contains($0) }.sorted { a, b in
            // Numeric keys in numeric order, so "10" follows "9".
            (Int(a) ?? .max, a) < (Int(b) ?? .max, b)
        }
        guard missing.isEmpty, extra.isEmpty else {
            throw TemplateRenderError(missing: missing, extra: extra, malformed: nil)
        }
        var output = ""
        for piece in body.pieces {
            switch piece {
            case .text(let text): output += text
            case .placeholder(let name): output += values[name]!
            }
        }
        return output
    }
}
