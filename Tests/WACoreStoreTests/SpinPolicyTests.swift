import Testing
import WACoreSQL

/// When a caller spins for a database job's result instead of suspending.
@Suite struct SpinPolicyTests {
    let limit = Duration.milliseconds(1)

    @Test func aShortJobsLoneCallerSpinsAboutTwiceTheExpectedTime() {
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true, limit: limit) == .microseconds(20) + SpinPolicy.slack)
        #expect(SpinPolicy.budget(expecting: .zero, alone: true, limit: limit) == SpinPolicy.slack)
    }

    @Test func theSpinIsCappedForJobsJustUnderTheLimit() {
        #expect(SpinPolicy.budget(expecting: limit - .microseconds(1), alone: true, limit: limit) == limit)
    }

    @Test func longJobsCrowdedCallersAndAZeroLimitSuspendAtOnce() {
        #expect(SpinPolicy.budget(expecting: limit, alone: true, limit: limit) == .zero)
        #expect(SpinPolicy.budget(expecting: .seconds(2), alone: true, limit: limit) == .zero)
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: false, limit: limit) == .zero)
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true, limit: .zero) == .zero)
    }
}
