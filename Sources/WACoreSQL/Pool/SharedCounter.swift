import Foundation
#if os(Linux)
import Synchronization
#endif

/// An integer shared between threads. Spinning threads poll it, so reading it must not take
/// the lock the writer takes: it is an atomic where the platform has one.
final class SharedCounter: @unchecked Sendable {
    #if os(Linux)
    private let storage = Atomic<Int>(0)
    var value: Int { storage.load(ordering: .acquiring) }
    func store(_ value: Int) { storage.store(value, ordering: .releasing) }
    /// Adds `delta`; returns the new value.
    @discardableResult
    func add(_ delta: Int) -> Int { storage.add(delta, ordering: .acquiringAndReleasing).newValue }
    #else
    // Apple platforms before macOS 15 have no `Atomic`: a lock, briefly held.
    private let lock = NSLock()
    private var storage = 0
    var value: Int { lock.withLock { storage } }
    func store(_ value: Int) { lock.withLock { storage = value } }
    @discardableResult
    func add(_ delta: Int) -> Int {
        lock.withLock {
            storage += delta
            return storage
        }
    }
    #endif
}
