import Testing
import WACoreSQL

/// When a caller spins for a database job's result instead of suspending.
@Suite struct SpinPolicyTests {
    @Test func aShortJobsLoneCallerSpinsAboutTwiceTheExpectedTime() {
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true) == .microseconds(20) + SpinPolicy.slack)
        #expect(SpinPolicy.budget(expecting: .zero, alone: true) == SpinPolicy.slack)
    }

    @Test func theSpinIsCappedForJobsJustUnderTheLimit() {
        #expect(SpinPolicy.budget(expecting: SpinPolicy.maximum - .microseconds(1), alone: true) == SpinPolicy.maximum)
    }

    @Test func longJobsAndCrowdedCallersSuspendAtOnce() {
        #expect(SpinPolicy.budget(expecting: SpinPolicy.maximum, alone: true) == .zero)
        #expect(SpinPolicy.budget(expecting: .seconds(2), alone: true) == .zero)
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: false) == .zero)
    }
}
