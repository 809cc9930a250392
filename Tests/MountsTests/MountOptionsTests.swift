import XCTest
@testable import Mounts

final class MountOptionsTests: XCTestCase {
    func testEveryFlagOption() throws {
        let table: [(String, UInt, Bool)] = [
            ("ro", MS.rdonly, false), ("rw", MS.rdonly, true),
            ("nosuid", MS.nosuid, false), ("suid", MS.nosuid, true),
            ("nodev", MS.nodev, false), ("dev", MS.nodev, true),
            ("noexec", MS.noexec, false), ("exec", MS.noexec, true),
            ("sync", MS.synchronous, false), ("async", MS.synchronous, true),
            ("dirsync", MS.dirsync, false), ("remount", MS.remount, false),
            ("mand", MS.mandlock, false), ("nomand", MS.mandlock, true),
            ("noatime", MS.noatime, false), ("atime", MS.noatime, true),
            ("nodiratime", MS.nodiratime, false), ("diratime", MS.nodiratime, true),
            ("relatime", MS.relatime, false), ("norelatime", MS.relatime, true),
            ("strictatime", MS.strictatime, false), ("nostrictatime", MS.strictatime, true),
            ("lazytime", MS.lazytime, false), ("nolazytime", MS.lazytime, true),
            ("iversion", MS.iversion, false), ("noiversion", MS.iversion, true),
            ("silent", MS.silent, false), ("loud", MS.silent, true),
            ("nosymfollow", MS.nosymfollow, false), ("symfollow", MS.nosymfollow, true),
            ("bind", MS.bind, false), ("rbind", MS.bind | MS.rec, false),
        ]
        for (name, flag, clear) in table {
            let o = try MountOptions.parse([name])
            if clear {
                XCTAssertEqual(o.flags, 0, name)
                XCTAssertEqual(o.clearedFlags, flag, name)
            } else {
                XCTAssertEqual(o.flags, flag, name)
                XCTAssertEqual(o.clearedFlags, 0, name)
            }
            XCTAssertTrue(o.data.isEmpty, name)
        }
        XCTAssertEqual(try MountOptions.parse(["defaults"]), MountOptions())
    }

    func testLaterOptionsOverrideEarlierOnes() throws {
        let o = try MountOptions.parse(["ro", "nosuid", "rw", "suid", "nosuid"])
        XCTAssertEqual(o.flags, MS.nosuid)
        XCTAssertEqual(o.clearedFlags, MS.rdonly)
    }

    func testPropagationOptionsKeepTheirOrder() throws {
        let all: [(String, UInt)] = [
            ("private", MS.private), ("rprivate", MS.private | MS.rec), ("shared", MS.shared),
            ("rshared", MS.shared | MS.rec), ("slave", MS.slave), ("rslave", MS.slave | MS.rec),
            ("unbindable", MS.unbindable), ("runbindable", MS.unbindable | MS.rec),
        ]
        let o = try MountOptions.parse(all.map(\.0))
        XCTAssertEqual(o.propagation, all.map(\.1))
        XCTAssertEqual(o.flags, 0)
    }

    func testRecursiveAttributes() throws {
        let table: [(String, UInt64, Bool)] = [
            ("rro", MountAttr.rdonly, false), ("rrw", MountAttr.rdonly, true),
            ("rnosuid", MountAttr.nosuid, false), ("rsuid", MountAttr.nosuid, true),
            ("rnodev", MountAttr.nodev, false), ("rdev", MountAttr.nodev, true),
            ("rnoexec", MountAttr.noexec, false), ("rexec", MountAttr.noexec, true),
            ("rnodiratime", MountAttr.nodiratime, false), ("rdiratime", MountAttr.nodiratime, true),
            ("rnosymfollow", MountAttr.nosymfollow, false), ("rsymfollow", MountAttr.nosymfollow, true),
            // ratime / rnostrictatime choose an atime mode: RecursiveAtimeTests.
        ]
        for (name, attr, clear) in table {
            let o = try MountOptions.parse(["rbind", name])
            XCTAssertEqual(clear ? o.recursiveAttrClear : o.recursiveAttrSet, attr, name)
            XCTAssertEqual(clear ? o.recursiveAttrSet : o.recursiveAttrClear, 0, name)
            XCTAssertTrue(o.hasRecursiveAttributes, name)
        }
        // Setting an atime mode must also clear MOUNT_ATTR__ATIME (mount_setattr(2)).
        for (name, attr) in [("rnoatime", MountAttr.noatime), ("rstrictatime", MountAttr.strictatime),
                             ("rrelatime", MountAttr.relatime)] {
            let o = try MountOptions.parse([name])
            XCTAssertEqual(o.recursiveAttrSet, attr, name)
            XCTAssertEqual(o.recursiveAttrClear, MountAttr.atimeMask, name)
        }
        let o = try MountOptions.parse(["rnoatime", "rstrictatime"])
        XCTAssertEqual(o.recursiveAttrSet, MountAttr.strictatime)
    }

    func testExtensionsAndData() throws {
        let o = try MountOptions.parse(["nosuid", "mode=755", "size=65536k", "tmpcopyup", "idmap"])
        XCTAssertEqual(o.data, ["mode=755", "size=65536k"])
        XCTAssertEqual(o.dataString, "mode=755,size=65536k")
        XCTAssertTrue(o.tmpcopyup)
        XCTAssertEqual(o.idmap, .mount)
        XCTAssertEqual(try MountOptions.parse(["rbind", "ridmap"]).idmap, .recursive)
        XCTAssertNil(try MountOptions.parse(["rbind"]).dataString)
        XCTAssertTrue(try MountOptions.parse(["rbind"]).isRecursiveBind)
        XCTAssertFalse(try MountOptions.parse(["bind"]).isRecursiveBind)
    }

    func testEmptyOptionNamesItsIndex() {
        XCTAssertThrowsError(try MountOptions.parse(["ro", ""], field: "mounts[1].options")) { error in
            XCTAssertEqual((error as? MountError)?.field, "mounts[1].options[1]")
        }
    }

    func testSupportedNamesCoverTheSpecTable() {
        let names = Set(MountOptions.supportedNames)
        for n in ["async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion", "lazytime",
                  "loud", "mand", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime", "nomand",
                  "norelatime", "nostrictatime", "nosuid", "nosymfollow", "private", "ratime", "rbind", "rdev",
                  "rdiratime", "relatime", "remount", "rexec", "rnoatime", "rnodev", "rnodiratime", "rnoexec",
                  "rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow", "ro", "rprivate", "rrelatime", "rro",
                  "rrw", "rshared", "rslave", "rstrictatime", "rsuid", "rsymfollow", "runbindable", "rw", "shared",
                  "silent", "slave", "strictatime", "suid", "symfollow", "sync", "tmpcopyup", "unbindable",
                  "idmap", "ridmap"] {
            XCTAssertTrue(names.contains(n), n)
        }
    }

    func testStatfsFlagTranslation() {
        XCTAssertEqual(StatfsFlag.mountFlags(0x1 | 0x2 | 0x1000), MS.rdonly | MS.nosuid | MS.relatime)
        XCTAssertEqual(StatfsFlag.mountFlags(0), MS.strictatime)
        XCTAssertEqual(StatfsFlag.mountFlags(0x400), MS.noatime)
    }

    func testContainerPathCleaning() {
        XCTAssertEqual(ContainerPath.clean("/a//b/./c/"), "/a/b/c")
        XCTAssertEqual(ContainerPath.clean("../../../etc"), "/etc")
        XCTAssertEqual(ContainerPath.clean("/a/../../b"), "/b")
        XCTAssertEqual(ContainerPath.clean(""), "/")
        XCTAssertEqual(ContainerPath.relative("/r/x/y", to: "/r"), "/x/y")
        XCTAssertNil(ContainerPath.relative("/rr/x", to: "/r"))
        XCTAssertEqual(ContainerPath.relative("/r", to: "/r"), "/")
    }

    func testMountInfoParsing() {
        let text = """
        27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
        32 31 0:29 /sub /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
        40 27 0:40 / /with\\040space rw master:3 - tmpfs tmpfs rw
        """
        let e = MountInfo.parse(text)
        XCTAssertEqual(e.count, 3)
        XCTAssertTrue(e[0].isShared)
        XCTAssertEqual(e[1].root, "/sub")
        XCTAssertEqual(e[1].superOptions, ["rw", "cpu", "cpuacct"])
        XCTAssertEqual(e[2].mountPoint, "/with space")
        XCTAssertFalse(e[2].isShared)
        XCTAssertEqual(MountInfo.mount(containing: "/with space/x", in: e)?.id, 40)
        XCTAssertEqual(MountInfo.mount(containing: "/etc", in: e)?.id, 27)
    }
}
