import Foundation

/// Message templates. Names are unique among live templates; a deleted name can be reused.
public protocol TemplateRepository: Sendable {
    /// Stores a new template.
    /// - Throws: ``ValidationError``; ``StoreError`` `.conflict` when a live template has the name.
    func create(_ template: Template) async throws -> Template

    /// The live template with this id.
    func find(id: String) async throws -> Template?

    /// The live template with this name.
    func find(name: String) async throws -> Template?

    /// Live templates, optionally of one status and category, newest first.
    func list(status: TemplateStatus?, category: String?, page: PageRequest) async throws -> Page<Template>

    /// Sets the review status (Meta's approval webhook).
    /// - Throws: ``StoreError`` `.notFound`.
    func updateStatus(id: String, status: TemplateStatus) async throws -> Template

    /// Replaces the body and parameter list; the template goes back to `pending` review
    /// unless `status` says otherwise.
    /// - Throws: ``ValidationError``; ``StoreError`` `.notFound`.
    func updateContent(id: String, content: String, parameters: [String], status: TemplateStatus) async throws -> Template

    /// Soft-deletes a template; its name can be used again.
    /// - Returns: Whether a live template was deleted.
    func delete(id: String) async throws -> Bool

    /// Restores a soft-deleted template.
    /// - Throws: ``StoreError`` `.notFound`; `.conflict` when a live template has its name.
    func restore(id: String) async throws -> Template

    /// Hard-deletes templates soft-deleted before `date`.
    func purge(deletedBefore date: Date) async throws -> Int
}

extension TemplateRepository {
    /// Replaces the body and parameter list and puts the template back to `pending` review.
    public func updateContent(id: String, content: String, parameters: [String]) async throws -> Template {
        try await updateContent(id: id, content: content, parameters: parameters, status: .pending)
    }

    /// Live templates, newest first.
    public func list(status: TemplateStatus? = nil, category: String? = nil, limit: Int = 50) async throws -> Page<Template> {
        try await list(status: status, category: category, page: PageRequest(limit: limit))
    }
}
