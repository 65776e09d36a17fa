import Testing
import WACore

@Suite struct TemplateRenderingTests {
    func template(_ content: String) -> Template {
        Template(name: "t", language: "en", category: "UTILITY", content: content)
    }

    @Test func rendersPositionalPlaceholders() throws {
        let t = template("Hi {{1}}, your order {{2}} has shipped. Thanks, {{1}}!")
        #expect(t.placeholders == ["1", "2"])
        #expect(try t.render(["Ana", "A-1042"]) == "Hi Ana, your order A-1042 has shipped. Thanks, Ana!")
    }

    @Test func rendersNamedPlaceholders() throws {
        let t = template("Hello {{first_name}}, code {{code}}")
        #expect(try t.render(named: ["first_name": "Li", "code": "{{1}}"]) == "Hello Li, code {{1}}")
    }

    @Test func namesMissingAndExtraParameters() {
        #expect(throws: TemplateRenderError(missing: ["2"], extra: [], malformed: nil)) {
            try template("{{1}} {{2}}").render(["a"])
        }
        #expect(throws: TemplateRenderError(missing: [], extra: (3...10).map(String.init), malformed: nil)) {
            try template("{{1}} {{2}}").render((1...10).map(String.init))
        }
        #expect(throws: TemplateRenderError(missing: ["name"], extra: ["nmae"], malformed: nil)) {
            try template("Hi {{name}}").render(named: ["nmae": "x"])
        }
    }

    @Test func malformedBodiesAreReported() {
        #expect(throws: TemplateRenderError.self) { try template("Hi {{1}").render(["a"]) }
    }

    @Test func errorDescriptionNamesTheParameters() {
        let error = TemplateRenderError(missing: ["2"], extra: ["coupon"], malformed: nil)
        #expect(error.description == "missing parameters: {{2}}; extra parameters: {{coupon}}")
    }
}
