import Foundation
import WACore

/// ``TemplateRepository`` written once for every SQL backend.
package struct SQLTemplateRepository<Executor: SQLExecutor>: TemplateRepository {
    let executor: Executor

    package init(executor: Executor) {
        self.executor = executor
    }

    package func create(_ template: Template) async throws -> Template {
        var template = try template.validated()
        template.deletedAt = nil
        let stored = template
        try await executor.writeStatement { db in
            try db.execute(
                "INSERT INTO templates (\(TemplateRow.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                TemplateRow.binds(stored))
        }
        return stored
    }

    package func find(id: String) async throws -> Template? {
        try await executor.indexedRead { db in
            try db.first(TemplateSQL.byID, [.text(id)], TemplateRow.decode)
        }
    }

    package func find(name: String) async throws -> Template? {
        try await executor.indexedRead { db in
            try db.first(TemplateSQL.byName, [.text(name)], TemplateRow.decode)
        }
    }

    package func list(status: TemplateStatus?, category: String?, page: PageRequest) async throws -> Page<Template> {
        var binds: [SQLValue] = []
        var conditions = [TemplateSQL.live]
        if let status {
            binds.append(SQLValue(status))
            conditions.append("status = $\(binds.count)")
        }
        if let category {
            binds.append(.text(category))
            conditions.append("category = $\(binds.count)")
        }
        return try await executor.newestFirst(TemplateSQL.select, where: conditions, binds: binds, page: page) { try TemplateRow.decode($0) }
    }

    package func updateStatus(id: String, status: TemplateStatus) async throws -> Template {
        try await executor.writeStatement { db in
            guard let stored = try db.first(
                "UPDATE templates SET status = $2, updated_at = $3 WHERE id = $1 AND \(TemplateSQL.live) RETURNING \(TemplateRow.columns)",
                [.text(id), SQLValue(status), SQLValue(Timestamp.now())], TemplateRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func updateContent(id: String, content: String, parameters: [String], status: TemplateStatus) async throws -> Template {
        // Validate the new body with the same rules as a new template.
        _ = try Template(name: "probe", language: "en", category: "probe", content: content, parameters: parameters).validated()
        return try await executor.writeStatement { db in
            guard let stored = try db.first(
                """
                UPDATE templates SET content = $2, parameters = $3, status = $4, updated_at = $5 \
                WHERE id = $1 AND \(TemplateSQL.live) RETURNING \(TemplateRow.columns)
                """,
                [.text(id), .text(content), SQLValue(strings: parameters), SQLValue(status), SQLValue(Timestamp.now())],
                TemplateRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func delete(id: String) async throws -> Bool {
        try await executor.writeStatement { db in
            try db.execute(
                "UPDATE templates SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND \(TemplateSQL.live)",
                [.text(id), SQLValue(Timestamp.now())]) == 1
        }
    }

    package func restore(id: String) async throws -> Template {
        try await executor.writeStatement { db in
            guard let stored = try db.first(
                """
                UPDATE templates SET deleted_at = NULL, updated_at = $2 WHERE id = $1 AND deleted_at IS NOT NULL \
                RETURNING \(TemplateRow.columns)
                """, [.text(id), SQLValue(Timestamp.now())], TemplateRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func purge(deletedBefore date: Date) async throws -> Int {
        try await executor.writeStatement { db in
            try db.execute("DELETE FROM templates WHERE deleted_at IS NOT NULL AND deleted_at < $1", [SQLValue(date)])
        }
    }

    static var notFound: StoreError { StoreError(.notFound, "no live template has this id") }
}

/// The repository's SQL pieces and fixed statements. A statement's text is the prepared-statement
/// cache's key, so it is built once rather than on every call (a generic repository cannot hold
/// stored statics).
private enum TemplateSQL {
    static let live = "deleted_at IS NULL"
    static let select = "SELECT \(TemplateRow.columns) FROM templates"
    static let byID = "\(select) WHERE id = $1 AND \(live)"
    static let byName = "\(select) WHERE name = $1 AND \(live)"
}
