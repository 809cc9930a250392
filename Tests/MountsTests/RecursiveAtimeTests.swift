import XCTest
@testable import Mounts

/// mount_setattr(2) takes the atime behaviour as one field: any option that
/// changes it must clear all of MOUNT_ATTR__ATIME, or the kernel says EINVAL.
final class RecursiveAtimeTests: XCTestCase {
    func testClearingAnAtimeModeChoosesRelatime() throws {
        for name in ["ratime", "rnostrictatime"] {
            let o = try MountOptions.parse(["rbind", name])
            XCTAssertEqual(o.recursiveAttrClear, MountAttr.atimeMask, name)
            XCTAssertEqual(o.recursiveAttrSet, MountAttr.relatime, name)
            XCTAssertTrue(o.hasRecursiveAttributes, name)
        }
    }

    func testLaterOptionWins() throws {
        XCTAssertEqual(try MountOptions.parse(["rnoatime", "ratime"]).recursiveAttrSet, MountAttr.relatime)
        XCTAssertEqual(try MountOptions.parse(["rstrictatime", "rnostrictatime"]).recursiveAttrSet, MountAttr.relatime)
        XCTAssertEqual(try MountOptions.parse(["ratime", "rnoatime"]).recursiveAttrSet, MountAttr.noatime)
    }

    func testClearingAnotherModeKeepsTheChosenOne() throws {
        let o = try MountOptions.parse(["rnoatime", "rnostrictatime"])
        XCTAssertEqual(o.recursiveAttrSet, MountAttr.noatime)
        XCTAssertEqual(o.recursiveAttrClear, MountAttr.atimeMask)
        XCTAssertEqual(try MountOptions.parse(["rstrictatime", "ratime"]).recursiveAttrSet, MountAttr.strictatime)
    }

    func testAtimeModeLeavesOtherAttributesAlone() throws {
        let o = try MountOptions.parse(["rnodiratime", "rro", "ratime", "rsuid"])
        XCTAssertEqual(o.recursiveAttrSet, MountAttr.nodiratime | MountAttr.rdonly | MountAttr.relatime)
        XCTAssertEqual(o.recursiveAttrClear, MountAttr.atimeMask | MountAttr.nosuid)
    }
}
