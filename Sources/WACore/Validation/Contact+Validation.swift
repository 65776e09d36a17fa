extension Contact {
    /// This contact with its phone normalized, or every reason it cannot be stored.
    ///
    /// - Throws: ``ValidationError`` listing each failing field.
    public func validated() throws(ValidationError) -> Contact {
        var contact = self
        var v = Validator()
        v.id(id, prefix: EntityID.contact)
        v.phone(&contact.phone)
        v.text(name, "name", max: Limits.identifier)
        v.text(profilePictureURL, "profile_picture_url", max: Limits.longText)
        v.json(metadata, "metadata")
        v.check(messageCount >= 0, "message_count", "must not be negative")
        v.check(unreadCount >= 0, "unread_count", "must not be negative")
        try v.finish()
        return contact
    }
}
