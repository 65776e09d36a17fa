import Foundation
import Testing
import WACoreSQL
import WACoreSQLite

/// Where worker threads run and what they are called.
@Suite struct CPUPlacementTests {
    #if os(Linux)
    @Test func theCurrentCPUIsOneThisThreadMayRunOn() throws {
        let cpu = try #require(CPUPlacement.current)
        #expect(allowedCPUs().contains(Int(cpu)))
    }

    /// What `AvailableCores` counts: `taskset -c 0 scripts/test` makes it 1.
    @Test func theAllowedCountIsTheThreadsAffinity() throws {
        let allowed = try #require(CPUPlacement.allowedCount)
        #expect(allowed == allowedCPUs().count)
        #expect(AvailableCores.count <= Double(allowed))
    }

    /// Run on a thread of its own, as a worker does, not on the test runner's pool.
    @Test func steppingOffMovesTheThreadAndLeavesItsAffinityAsItWas() async throws {
        let (before, from, moved, after) = await onOwnThread { () -> (Set<Int>, Int32?, Int32?, Set<Int>) in
            let before = allowedCPUs()
            let from = CPUPlacement.current
            let moved = from.flatMap(CPUPlacement.stepOff)
            return (before, from, moved, allowedCPUs())
        }
        #expect(after == before)
        let origin = try #require(from)
        if before.count >= 2 {
            let to = try #require(moved)
            #expect(to != origin && before.contains(Int(to)))
        } else {
            #expect(moved == nil)  // confined to one CPU (`taskset -c 0 scripts/test`): nowhere to go
        }
    }

    @Test func aThreadOnAnotherCPUStaysWhereItIs() async throws {
        let moved = await onOwnThread { () -> Int32?? in
            CPUPlacement.current.map { CPUPlacement.stepOff($0 == 0 ? 1 : 0) }
        }
        #expect(moved == .some(nil))
    }

    /// Workers are told apart in `top -H` and `perf` by name, not as the pool thread that
    /// started them.
    @Test func workerThreadsCarryTheirNames() async throws {
        func names() -> [String] {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let store = try await SQLiteStore.inMemory()
        #expect(names().contains("wacore.sqlite.w"))
        try await store.close()
    }

    /// The CPUs the calling thread may run on (`Cpus_allowed_list`: "0-1", "0,2-3").
    private func allowedCPUs() -> Set<Int> {
        let status = (try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return [] }
        var cpus = Set<Int>()
        for range in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",") {
            let bounds = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if let low = bounds.first, let high = bounds.last, low <= high { cpus.formUnion(low...high) }
        }
        return cpus
    }

    private func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
    #else
    @Test func noPlacementWhereTheSystemDoesNotTell() {
        #expect(CPUPlacement.current == nil && CPUPlacement.stepOff(0) == nil && CPUPlacement.allowedCount == nil)
    }
    #endif
}
