import OCISpec
@testable import ProcessSetup
import XCTest

final class CapabilitySetsTests: XCTestCase {
    func testResolvesNamesToBits() {
        let caps = Spec.Process.Capabilities(
            bounding: ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            effective: ["CAP_KILL"],
            inheritable: [],
            permitted: ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
            ambient: ["CAP_NET_BIND_SERVICE"])
        let sets = CapabilitySets(caps, lastCap: 40)
        XCTAssertEqual(sets.bounding, 1 << 0 | 1 << 5 | 1 << 10)
        XCTAssertEqual(sets.effective, 1 << 5)
        XCTAssertEqual(sets.permitted, 1 << 5 | 1 << 10)
        XCTAssertEqual(sets.inheritable, 0)
        XCTAssertEqual(sets.ambient, 1 << 10)
        XCTAssertEqual(sets.unknown, [])
        XCTAssertNil(sets.unknownWarning)
    }

    func testUnknownAndUnavailableNamesAreSkippedWithAWarning() {
        let caps = Spec.Process.Capabilities(
            bounding: ["CAP_CHOWN", "CAP_NOT_A_THING", "cap_kill", "CAP_CHECKPOINT_RESTORE", "CAP_BPF"])
        // A kernel whose last capability is CAP_PERFMON (38) has neither BPF nor CHECKPOINT_RESTORE.
        let sets = CapabilitySets(caps, lastCap: 38)
        XCTAssertEqual(sets.bounding, 1)
        XCTAssertEqual(sets.unknown, ["CAP_NOT_A_THING", "cap_kill", "CAP_CHECKPOINT_RESTORE", "CAP_BPF"])
        XCTAssertEqual(sets.unknownWarning,
                       "ignoring unknown or unavailable capabilities: [\"CAP_BPF\", \"CAP_CHECKPOINT_RESTORE\", \"CAP_NOT_A_THING\", \"cap_kill\"]")
    }

    func testMissingCapabilitiesMeansNone() {
        let sets = CapabilitySets(nil, lastCap: 40)
        XCTAssertEqual([sets.bounding, sets.effective, sets.permitted, sets.inheritable, sets.ambient], [0, 0, 0, 0, 0])
    }

    func testInheritableIsOnlyWhatIsConfigured() {
        // CVE-2022-29162: nothing may leak into the inheritable set from other sets.
        let caps = Spec.Process.Capabilities(bounding: ["CAP_SYS_ADMIN"], effective: ["CAP_SYS_ADMIN"],
                                             permitted: ["CAP_SYS_ADMIN"], ambient: [])
        XCTAssertEqual(CapabilitySets(caps, lastCap: 40).inheritable, 0)
    }

    func testHexMatchesProcStatusFormat() {
        XCTAssertEqual(CapabilitySets.hex(0x1fffeffffff), "000001fffeffffff")
        XCTAssertEqual(CapabilitySets.hex(0), "0000000000000000")
        XCTAssertEqual(CapabilitySets.names(1 << 5 | 1 << 10), ["CAP_KILL", "CAP_NET_BIND_SERVICE"])
    }

    func testEffectiveOutsidePermittedIsRejectedWithTheField() {
        var sets = CapabilitySets()
        sets.effective = 1 << 5
        XCTAssertThrowsError(try Capabilities.apply(sets)) { error in
            XCTAssertEqual((error as? ProcessSetupError)?.field, "process.capabilities.effective")
        }
    }

    func testKernelLastCapIsReadable() {
        XCTAssertGreaterThanOrEqual(Capabilities.kernelLastCap(), 37)
    }
}
