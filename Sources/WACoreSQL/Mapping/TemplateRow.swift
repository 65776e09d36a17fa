import WACore

/// `templates` columns <-> ``Template``, by column index.
package enum TemplateRow {
    package static let columns =
        "id, name, language, category, status, content, parameters, created_at, updated_at, deleted_at"

    package static func binds(_ t: Template) -> [SQLValue] {
        [
            .text(t.id), .text(t.name), .text(t.language), .text(t.category), SQLValue(t.status), .text(t.content),
            SQLValue(strings: t.parameters), SQLValue(t.createdAt), SQLValue(t.updatedAt), SQLValue(t.deletedAt),
        ]
    }

    package static func decode(_ row: some SQLRow) throws -> Template {
        Template(
            id: row.text(0),
            name: row.text(1),
            language: row.text(2),
            category: row.text(3),
            status: try TemplateStatus(column: row.bytes(4), index: 4),
            content: row.text(5),
            parameters: try row.strings(6),
            createdAt: try row.date(7),
            updatedAt: try row.date(8),
            deletedAt: try row.optionalDate(9))
    }
}
