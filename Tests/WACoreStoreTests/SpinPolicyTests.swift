import Foundation
import Testing
import WACoreSQL

/// When a caller spins for a database job's result instead of suspending.
@Suite struct SpinPolicyTests {
    let limit = Duration.milliseconds(1)

    @Test func aShortJobsLoneCallerSpinsAboutTwiceTheExpectedTime() {
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true, limit: limit, canSpin: true) == .microseconds(20) + SpinPolicy.slack)
        #expect(SpinPolicy.budget(expecting: .zero, alone: true, limit: limit, canSpin: true) == SpinPolicy.slack)
    }

    @Test func theSpinIsCappedForJobsJustUnderTheLimit() {
        #expect(SpinPolicy.budget(expecting: limit - .microseconds(1), alone: true, limit: limit, canSpin: true) == limit)
    }

    @Test func longJobsCrowdedCallersAndAZeroLimitSuspendAtOnce() {
        #expect(SpinPolicy.budget(expecting: limit, alone: true, limit: limit, canSpin: true) == .zero)
        #expect(SpinPolicy.budget(expecting: .seconds(2), alone: true, limit: limit, canSpin: true) == .zero)
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: false, limit: limit, canSpin: true) == .zero)
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true, limit: .zero, canSpin: true) == .zero)
    }

    /// With one core, or a CPU quota under two, the spinning caller would hold the core the
    /// worker needs for the result.
    @Test func aCallerWithoutACoreToSpareSuspendsAtOnce() {
        #expect(SpinPolicy.budget(expecting: .microseconds(10), alone: true, limit: limit, canSpin: false) == .zero)
        #expect(!AvailableCores.allowsSpinning(cores: 1))
        #expect(!AvailableCores.allowsSpinning(cores: 1.5))
        #expect(AvailableCores.allowsSpinning(cores: 2))
        #expect(AvailableCores.allowsSpinning(cores: 64))
    }

    @Test func aCgroupCPUQuotaReadsAsCores() {
        #expect(AvailableCores.quota(cpuMax: "150000 100000\n") == 1.5)
        #expect(AvailableCores.quota(cpuMax: "200000 100000") == 2)
        #expect(AvailableCores.quota(cpuMax: "max 100000\n") == nil)
        #expect(AvailableCores.quota(cpuMax: "") == nil)
        #expect(AvailableCores.quota(cpuMax: "0 100000") == nil)
        #expect(AvailableCores.quota(cpuMax: "-1\n 100000\n") == nil)  // cgroup v1: no limit
        #expect(AvailableCores.quota(cpuMax: "50000\n 100000\n") == 0.5)
    }

    @Test func theProcessHasAtLeastOneCoreAndNoMoreThanTheMachine() {
        #expect(AvailableCores.count > 0)
        #expect(AvailableCores.count <= Double(ProcessInfo.processInfo.activeProcessorCount))
    }
}
