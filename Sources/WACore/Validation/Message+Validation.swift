extension Message {
    /// This message with its phone normalized, or every reason it cannot be stored.
    ///
    /// - Throws: ``ValidationError`` listing each failing field.
    public func validated() throws(ValidationError) -> Message {
        var message = self
        var v = Validator()
        v.id(id, prefix: EntityID.message)
        v.phone(&message.phone)
        v.text(content, "content", max: Limits.textBody, required: type == .text)
        v.text(mediaURL, "media_url", max: Limits.longText, required: type.isMedia)
        v.text(caption, "caption", max: Limits.caption)
        v.text(whatsAppMessageID, "whatsapp_message_id", max: Limits.identifier)
        if whatsAppMessageID?.isEmpty == true { v.fail("whatsapp_message_id", "must not be empty; leave it out instead") }
        v.text(errorCode, "error_code", max: Limits.errorCode)
        v.text(errorMessage, "error_message", max: Limits.longText)
        v.json(metadata, "metadata")
        if type == .template {
            if let name = metadata?["template_name"]?.stringValue {
                v.check(Template.isValidName(name), "metadata.template_name", "must be a template name: lowercase letters, digits and _")
            } else {
                v.fail("metadata.template_name", "is required for template messages")
            }
        }
        v.check(updatedAt >= createdAt, "updated_at", "must not be before created_at")
        try v.finish()
        return message
    }
}
