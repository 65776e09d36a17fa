import Foundation
import Testing
import WACore
import WACoreSQLite

/// The README's code sample, compiled and run. `readmeSample` must stay identical to the
/// README's `swift` block that starts with `import WACore`; the test below checks it.
@Suite struct ReadmeSampleTests {
    @Test func theSampleRuns() async throws {
        try await handleInboundWebhook()
    }

    @Test func theReadmeShowsThisSample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: root.appendingPathComponent("Tests/WACoreStoreTests/ReadmeSample.swift"), encoding: .utf8)
        let sample = source.components(separatedBy: "// README sample\n").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(readme.contains("```swift\n" + sample + "\n```"))
    }
}
