extension APIKey {
    /// This key, or every reason it cannot be stored.
    ///
    /// - Throws: ``ValidationError`` listing each failing field.
    public func validated() throws(ValidationError) -> APIKey {
        var v = Validator()
        v.id(id, prefix: EntityID.apiKey)
        v.text(keyHash, "key_hash", max: Limits.identifier, required: true)
        v.text(name, "name", max: Limits.identifier, required: true)
        for (index, permission) in permissions.enumerated() {
            v.check(APIScope.isValid(permission), "permissions[\(index)]", "must be a known scope such as messages:read, resource:* or *")
        }
        v.check(rateLimit > 0, "rate_limit", "must be positive")
        if let expiresAt { v.check(expiresAt > createdAt, "expires_at", "must be after created_at") }
        try v.finish()
        return self
    }
}
