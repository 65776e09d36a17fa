/// A template body split into literal text and `{{placeholder}}`s.
///
/// The Cloud API has two parameter formats: positional (`{{1}}`..`{{n}}`, numbered from 1
/// without gaps) and named (`{{first_name}}`: lowercase letters, digits, `_`). A body uses one.
struct TemplateBody {
    enum Piece: Equatable {
        case text(Substring)
        case placeholder(String)
    }

    let pieces: [Piece]
    /// Why the body is not a valid template, if it is not.
    let problem: String?

    init(_ content: String) {
        var pieces: [Piece] = []
        var problem: String?
        var rest = content[...]
        while let open = rest.range(of: "{{") {
            pieces.append(.text(rest[..<open.lowerBound]))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problem = "has a {{ without a closing }}"
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            if !TemplateBody.isPlaceholderName(name) {
                problem = problem ?? "has a malformed placeholder: use {{1}}..{{n}} or {{name}} with lowercase letters, digits and _"
            }
            pieces.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(rest))
        self.pieces = pieces

        let names = Set(pieces.compactMap { if case .placeholder(let name) = $0 { name } else { nil } })
        let positions = names.compactMap { Int($0) }
        if problem == nil, !positions.isEmpty {
            if positions.count != names.count {
                problem = "mixes positional {{1}} and named {{name}} placeholders"
            } else if Set(positions) != Set(1...positions.count) {
                problem = "numbers its placeholders with a gap: use {{1}}..{{\(positions.count)}}"
            }
        }
        self.problem = problem
    }

    /// The distinct placeholder names, in order of first appearance.
    var placeholders: [String] {
        var seen = Set<String>()
        return pieces.compactMap { piece in
            guard case .placeholder(let name) = piece, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    static func isPlaceholderName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        if digits.contains(first) {
            return first != UInt8(ascii: "0") && name.utf8.allSatisfy(digits.contains)
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || digits.contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
