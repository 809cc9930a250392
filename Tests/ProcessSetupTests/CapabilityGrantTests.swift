import CShims
import OCISpec
@testable import ProcessSetup
import KernelTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Capabilities the runtime does not hold are skipped with a warning
/// (config.md: runtimes SHOULD NOT fail), never granted out of thin air.
final class CapabilityGrantTests: XCTestCase {
    let kill: UInt64 = 1 << 5, sysResource: UInt64 = 1 << 24, setpcap: UInt64 = 1 << 8

    func sets(bounding: UInt64, permitted: UInt64, effective: UInt64, inheritable: UInt64 = 0) -> CapabilitySets {
        var s = CapabilitySets()
        s.bounding = bounding
        s.permitted = permitted
        s.effective = effective
        s.inheritable = inheritable
        return s
    }

    func testUnheldCapabilityIsDroppedFromEverySet() {
        let held = HeldCapabilities(effective: kill | setpcap, permitted: kill | setpcap, inheritable: 0, bounding: kill | setpcap)
        let wanted = sets(bounding: kill | sysResource, permitted: kill | sysResource, effective: kill | sysResource,
                          inheritable: kill | sysResource)
        let (out, ungranted) = wanted.limited(to: held)
        XCTAssertEqual(out.permitted, kill)
        XCTAssertEqual(out.effective, kill)
        XCTAssertEqual(out.inheritable, kill)
        XCTAssertEqual(out.bounding, wanted.bounding, "the bounding set was already applied; it is only reported")
        XCTAssertEqual(ungranted, sysResource)
    }

    func testNothingIsAddedThatWasNotConfigured() {
        // CVE-2022-29162: a held capability never reaches inheritable unless asked for.
        let all = UInt64.max >> 23
        let held = HeldCapabilities(effective: all, permitted: all, inheritable: all, bounding: all)
        let (out, ungranted) = sets(bounding: kill, permitted: kill, effective: 0).limited(to: held)
        XCTAssertEqual(out.inheritable, 0)
        XCTAssertEqual(out.effective, 0)
        XCTAssertEqual(out.permitted, kill)
        XCTAssertEqual(ungranted, 0)
    }

    func testInheritableWithoutSetpcapIsBoundedByPermitted() {
        let held = HeldCapabilities(effective: 0, permitted: kill, inheritable: 0, bounding: kill | sysResource)
        let (out, ungranted) = sets(bounding: 0, permitted: 0, effective: 0, inheritable: kill | sysResource).limited(to: held)
        XCTAssertEqual(out.inheritable, kill)
        XCTAssertEqual(ungranted, sysResource)
    }

    func testHeldMatchesProcStatus() throws {
        let held = try XCTUnwrap(Capabilities.held(lastCap: Capabilities.kernelLastCap()))
        XCTAssertEqual(CapabilitySets.hex(held.permitted), procStatus("CapPrm"))
        XCTAssertEqual(CapabilitySets.hex(held.effective), procStatus("CapEff"))
        XCTAssertEqual(CapabilitySets.hex(held.inheritable), procStatus("CapInh"))
        XCTAssertEqual(CapabilitySets.hex(held.bounding), procStatus("CapBnd"))
    }

    func testApplyWarnsInsteadOfFailing() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        Forked.run { _ in
            var mine = CapabilitySets()
            mine.lastCap = Capabilities.kernelLastCap()
            mine.permitted = 1 << 5
            mine.effective = 1 << 5
            mine.bounding = mine.permitted
            do {
                // First become a process without CAP_SYS_RESOURCE, then ask for it.
                try Capabilities.apply(mine)
                mine.permitted |= 1 << 24
                mine.bounding = mine.permitted
                let warnings = try Capabilities.apply(mine)
                guard warnings.contains(where: { $0.contains("CAP_SYS_RESOURCE") }) else { return "no warning: \(warnings)" }
                guard procStatus("CapPrm") == CapabilitySets.hex(1 << 5) else { return "CapPrm \(procStatus("CapPrm") ?? "?")" }
                guard procStatus("CapInh") == CapabilitySets.hex(0) else { return "CapInh \(procStatus("CapInh") ?? "?")" }
                return nil
            } catch {
                return "\(error)"
            }
        }
    }
}
