extension Template {
    /// Whether `name` is a valid template name: 1 to 255 lowercase ASCII letters, digits and `_`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= Limits.identifier
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            }
    }

    /// Whether `language` is `ll` or `ll_CC` (`en`, `en_US`, `pt_BR`).
    public static func isValidLanguage(_ language: String) -> Bool {
        let bytes = Array(language.utf8)
        let lower = UInt8(ascii: "a")...UInt8(ascii: "z")
        let upper = UInt8(ascii: "A")...UInt8(ascii: "Z")
        guard bytes.count == 2 || bytes.count == 5, lower.contains(bytes[0]), lower.contains(bytes[1]) else {
            return false
        }
        return bytes.count == 2 || (bytes[2] == UInt8(ascii: "_") && upper.contains(bytes[3]) && upper.contains(bytes[4]))
    }

    /// This template, or every reason it cannot be stored.
    ///
    /// - Throws: ``ValidationError`` listing each failing field.
    public func validated() throws(ValidationError) -> Template {
        var v = Validator()
        v.id(id, prefix: EntityID.template)
        v.check(Template.isValidName(name), "name", "must be 1 to 255 lowercase letters, digits and _")
        v.check(Template.isValidLanguage(language), "language", "must be a language code like en or en_US")
        v.text(category, "category", max: Limits.category, required: true)
        v.text(content, "content", max: Limits.templateBody, required: true)
        if let problem = TemplateBody(content).problem { v.fail("content", problem) }
        for (index, parameter) in parameters.enumerated() {
            v.text(parameter, "parameters[\(index)]", max: Limits.identifier, required: true)
        }
        try v.finish()
        return self
    }
}
