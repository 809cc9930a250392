import XCTest
import OCISpec
@testable import Mounts

/// The plan of operations, via the recording double (no root needed).
final class RootfsPlanTests: XCTestCase {
    let rootfs = "/b/rootfs"

    func makeFake() -> RecordingMountSyscalls {
        let fake = RecordingMountSyscalls()
        fake.addDirectory(rootfs)
        fake.addDirectory(rootfs + "/tmp")
        fake.addDirectory("/host/data")
        fake.addFile("/host/hosts")
        fake.addDevice("/dev/null", major: 1, minor: 3)
        return fake
    }

    func spec(_ mounts: [Spec.Mount], linux: Spec.Linux? = Spec.Linux(), readonly: Bool? = nil) -> Spec {
        Spec(root: .init(path: "rootfs", readonly: readonly), mounts: mounts, linux: linux)
    }

    func mounts(_ fake: RecordingMountSyscalls) -> [String] { fake.calls(named: "mount").map(\.description) }

    func testPrepareOrderTargetsAndFlags() throws {
        let fake = makeFake()
        let s = spec([
            .init(destination: "/proc", type: "proc", source: "proc"),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            .init(destination: "/dev/pts", type: "devpts", source: "devpts", options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666"]),
            .init(destination: "/data", type: "bind", source: "/host/data", options: ["rbind", "ro", "nosuid", "rprivate"]),
            .init(destination: "/etc/hosts", type: "bind", source: "/host/hosts", options: ["bind"]),
            .init(destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["ro"]),
        ])
        try RootfsSetup(spec: s, bundlePath: "/b", noPivot: false, consolePath: "/dev/pts/7", syscalls: fake).prepare()
        let m = mounts(fake)
        XCTAssertEqual(m[0], "mount / src=- type=- flags=MS_REC|MS_SLAVE data=-")
        XCTAssertEqual(m[1], "mount /b/rootfs src=/b/rootfs type=bind flags=MS_BIND|MS_REC data=-")
        XCTAssertEqual(m[2], "mount /b/rootfs/proc src=proc type=proc flags=0 data=-")
        XCTAssertEqual(m[3], "mount /b/rootfs/dev src=tmpfs type=tmpfs flags=MS_NOSUID|MS_STRICTATIME data=mode=755,size=65536k")
        XCTAssertEqual(m[4], "mount /b/rootfs/dev/pts src=devpts type=devpts flags=MS_NOSUID|MS_NOEXEC data=newinstance,ptmxmode=0666")
        XCTAssertEqual(m[5], "mount /b/rootfs/data src=/host/data type=bind flags=MS_BIND|MS_REC data=-")
        XCTAssertEqual(m[6], "mount /b/rootfs/data src=- type=- flags=MS_RDONLY|MS_NOSUID|MS_REMOUNT|MS_BIND data=-")
        XCTAssertEqual(m[7], "mount /b/rootfs/data src=- type=- flags=MS_REC|MS_PRIVATE data=-")
        XCTAssertEqual(m[8], "mount /b/rootfs/etc/hosts src=/host/hosts type=bind flags=MS_BIND data=-")
        // tmpfs over an existing dir keeps its mode; ro is deferred to finalize().
        XCTAssertEqual(m[9], "mount /b/rootfs/tmp src=tmpfs type=tmpfs flags=0 data=mode=0755")
        XCTAssertEqual(m.last, "mount /b/rootfs/dev/console src=/dev/pts/7 type=bind flags=MS_BIND data=-")

        // The file bind target was created as a file, its parent as a directory.
        XCTAssertTrue(fake.calls.contains { $0.description == "mkdirat /b/rootfs/etc mode=755" })
        XCTAssertTrue(fake.calls.contains { $0.description == "mknodat /b/rootfs/etc/hosts mode=100644 dev=0:0" })

        // Default devices with exact modes, then the links.
        for (name, major, minor) in [("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8),
                                     ("urandom", 1, 9), ("tty", 5, 0)] {
            XCTAssertTrue(fake.calls.contains { $0.description == "mknodat /b/rootfs/dev/\(name) mode=20666 dev=\(major):\(minor)" }, name)
            XCTAssertTrue(fake.calls.contains { $0.description == "fchmodat /b/rootfs/dev/\(name) mode=666" }, name)
        }
        XCTAssertTrue(fake.calls.contains { $0.description == "symlinkat /b/rootfs/dev/ptmx -> pts/ptmx" })
        XCTAssertTrue(fake.calls.contains { $0.description == "symlinkat /b/rootfs/dev/fd -> /proc/self/fd" })
        XCTAssertTrue(fake.calls.contains { $0.description == "symlinkat /b/rootfs/dev/stderr -> /proc/self/fd/2" })
    }

    func testPivotAndFinalizePlan() throws {
        let fake = makeFake()
        fake.addDirectory(rootfs + "/proc/acpi")
        fake.addFile(rootfs + "/proc/kcore")
        fake.addDirectory(rootfs + "/proc/sys")
        var linux = Spec.Linux()
        linux.maskedPaths = ["/proc/kcore", "/proc/acpi", "/proc/missing"]
        linux.readonlyPaths = ["/proc/sys", "/proc/nothere"]
        linux.rootfsPropagation = "shared"
        let setup = RootfsSetup(spec: spec([
            .init(destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["ro"]),
        ], linux: linux, readonly: true), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake)
        try setup.prepare()
        XCTAssertEqual(mounts(fake)[0], "mount / src=- type=- flags=MS_SHARED data=-")
        let before = fake.calls.count
        // The double does not pivot; pretend the rootfs is now "/".
        try setup.pivot()
        let pivot = fake.calls[before...].map(\.description)
        XCTAssertEqual(Array(pivot.prefix(6)), [
            "fchdir /b/rootfs", "pivot_root . .", "fchdir /",
            "mount . src=- type=- flags=MS_REC|MS_SLAVE data=-", "umount2 . flags=2", "chdir /",
        ])
        for (path, st) in fake.entries where path.hasPrefix(rootfs + "/") {
            fake.add(String(path.dropFirst(rootfs.count)), st)
        }
        let mark = fake.calls.count
        try setup.finalize()
        let fin = fake.calls[mark...].map(\.description)
        XCTAssertEqual(fin, [
            "open_tree /proc/sys flags=0x89001",
            "mount_setattr tree:/proc/sys flags=0x9000 set=0x1 clear=0x0",
            "move_mount /proc/sys from=tree:/proc/sys",
            "open_tree /dev/null flags=0x81001",
            "move_mount /proc/kcore from=tree:/dev/null",
            "fsopen tmpfs",
            "fsconfig fs:tmpfs cmd=6 -=-",
            "fsmount fs:tmpfs attr=0x1",
            "move_mount /proc/acpi from=fsmount:tmpfs",
            "mount_setattr /tmp flags=0x1000 set=0x1 clear=0x0",
            "mount / src=- type=- flags=MS_RDONLY|MS_REMOUNT|MS_BIND data=-",
            "mount / src=- type=- flags=MS_SHARED data=-",
        ])
        XCTAssertEqual(fake.openFDs, [], "every fd closed")
    }

    func testNoPivotMovesRootAndHidesHostProcfs() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = """
        1 0 254:0 / / rw - ext4 /dev/vda rw
        2 1 0:21 / /proc rw - proc proc rw
        3 1 0:22 / /sys rw - sysfs sysfs rw
        4 1 0:23 / /b/rootfs/proc rw - proc proc rw

        """
        let setup = RootfsSetup(spec: spec([]), bundlePath: "/b", noPivot: true, consolePath: nil, syscalls: fake)
        try setup.prepare()
        let mark = fake.calls.count
        try setup.pivot()
        XCTAssertEqual(Array(fake.calls[mark...].map(\.description).prefix(8)), [
            "mount /proc src=- type=- flags=MS_REC|MS_SLAVE data=-", "umount2 /proc flags=2",
            "mount /sys src=- type=- flags=MS_REC|MS_SLAVE data=-", "umount2 /sys flags=2",
            "fchdir /b/rootfs", "mount / src=/b/rootfs type=- flags=MS_MOVE data=-", "chroot .", "chdir /",
        ])
    }

    func testNoPivotRefusesPrivatePropagation() {
        var linux = Spec.Linux()
        linux.rootfsPropagation = "rprivate"
        let setup = RootfsSetup(spec: spec([], linux: linux), bundlePath: "/b", noPivot: true, consolePath: nil,
                                syscalls: makeFake())
        XCTAssertThrowsError(try setup.prepare()) { XCTAssertEqual(($0 as? MountError)?.field, "linux.rootfsPropagation") }
        linux.rootfsPropagation = "sideways"
        let bad = RootfsSetup(spec: spec([], linux: linux), bundlePath: "/b", noPivot: false, consolePath: nil,
                              syscalls: makeFake())
        XCTAssertThrowsError(try bad.prepare()) { XCTAssertEqual(($0 as? MountError)?.field, "linux.rootfsPropagation") }
    }

    func testSharedParentIsMadePrivateBeforeTheRootfsBind() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = "1 0 254:0 / / rw shared:1 - ext4 /dev/vda rw\n5 1 0:40 / /b rw shared:7 - tmpfs t rw\n"
        try RootfsSetup(spec: spec([]), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertEqual(mounts(fake)[1], "mount /b src=- type=- flags=MS_PRIVATE data=-")
    }

    // MARK: security

    func expectFailure(_ mounts: [Spec.Mount], field: String, contains text: String,
                       setup: (RecordingMountSyscalls) -> Void = { _ in }, line: UInt = #line) {
        let fake = makeFake()
        setup(fake)
        let rs = RootfsSetup(spec: spec(mounts), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake)
        XCTAssertThrowsError(try rs.prepare(), line: line) { error in
            guard let e = error as? MountError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(e.field, field, line: line)
            XCTAssertTrue(e.description.contains(text), e.description, line: line)
        }
        XCTAssertEqual(fake.openFDs, [], "fds leaked on failure", line: line)
    }

    func testDestinationResolvingOutsideTheRootfsIsRefused() {
        expectFailure([.init(destination: "/data", type: "bind", source: "/host/data", options: ["bind"])],
                      field: "mounts[0].destination", contains: "outside the rootfs") { fake in
            fake.addDirectory("/b/rootfs/data")
            fake.resolvedPathOverrides["/b/rootfs/data"] = "/etc"
        }
    }

    func testMountsIntoProcAreRestricted() {
        expectFailure([.init(destination: "/proc", type: "proc", source: "proc"),
                       .init(destination: "/proc/self/attr/x", type: "bind", source: "/host/hosts", options: ["bind"])],
                      field: "mounts[1].destination", contains: "inside /proc")
        expectFailure([.init(destination: "/proc", type: "tmpfs", source: "tmpfs")],
                      field: "mounts[0].destination", contains: "not of type proc")
        expectFailure([.init(destination: "/proc/cpuinfo", type: "bind", source: "/host/hosts", options: ["bind"])],
                      field: "mounts[0].destination", contains: "not on a procfs")
    }

    func testLxcfsStyleBindOntoProcIsAllowed() throws {
        let fake = makeFake()
        let s = spec([.init(destination: "/proc", type: "proc", source: "proc"),
                      .init(destination: "/proc/cpuinfo", type: "bind", source: "/host/hosts", options: ["bind"])])
        fake.failures = []
        // procfs fills /proc/cpuinfo in reality; the double needs it spelled out.
        let rs = RootfsSetup(spec: s, bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake)
        fake.addFile(rootfs + "/proc/cpuinfo")
        XCTAssertNoThrow(try rs.prepare())
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/proc/cpuinfo src=/host/hosts type=bind flags=MS_BIND data=-"))
    }

    func testProcOnASymlinkIsRefused() {
        expectFailure([.init(destination: "/proc", type: "proc", source: "proc")],
                      field: "mounts[0].destination", contains: "ordinary directory") { fake in
            fake.add("/b/rootfs/proc", FileStat(mode: FileStat.symlink | 0o777))
        }
    }

    func testOtherValidation() {
        expectFailure([.init(destination: "/", type: "tmpfs", source: "tmpfs")],
                      field: "mounts[0].destination", contains: "root")
        expectFailure([.init(destination: "/x", source: "none")], field: "mounts[0].type", contains: "required")
        expectFailure([.init(destination: "/x", type: "bind", options: ["bind"])],
                      field: "mounts[0].source", contains: "required")
        expectFailure([.init(destination: "/x", type: "bind", source: "/nope", options: ["bind"])],
                      field: "mounts[0].source", contains: "No such file")
        expectFailure([.init(destination: "/x", type: "tmpfs", source: "tmpfs", options: ["idmap"])],
                      field: "mounts[0].options", contains: "bind mounts")
        expectFailure([.init(destination: "/x", type: "bind", source: "/host/data", options: ["bind", "idmap"])],
                      field: "mounts[0].options", contains: "idmap needs")
        expectFailure([.init(destination: "/x", type: "tmpfs", source: "tmpfs")],
                      field: "mounts[0].destination", contains: "Permission denied") { fake in
            fake.failures = [("mount /b/rootfs/x", EACCES)]
        }
    }

    func testDanglingSymlinkDestinationIsFollowedInsideTheRoot() throws {
        let fake = makeFake()
        fake.danglingSymlinks[rootfs + "/var/run"] = "../../../run"
        fake.addDirectory(rootfs + "/var")
        try RootfsSetup(spec: spec([.init(destination: "/var/run/x", type: "tmpfs", source: "tmpfs")]),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertTrue(fake.calls.contains { $0.description == "mkdirat /b/rootfs/run mode=755" })
        XCTAssertTrue(mounts(fake).contains { $0.hasPrefix("mount /b/rootfs/run/x src=tmpfs type=tmpfs") })
    }

    func testMaskingRefusesAFakeDevNull() throws {
        let fake = makeFake()
        var linux = Spec.Linux()
        linux.maskedPaths = ["/etc/passwd"]
        // /dev is bound from elsewhere, so the image's /dev/null is used as is.
        let s = spec([.init(destination: "/dev", type: "bind", source: "/host/data", options: ["rbind"])], linux: linux)
        let setup = RootfsSetup(spec: s, bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake)
        try setup.prepare()
        XCTAssertFalse(fake.calls.contains { $0.name == "mknodat" && $0.target.hasPrefix(rootfs + "/dev") })
        try setup.pivot()
        fake.addFile("/etc/passwd")
        fake.addFile("/dev/null")  // a regular file posing as /dev/null
        XCTAssertThrowsError(try setup.finalize()) { error in
            XCTAssertEqual((error as? MountError)?.field, "linux.maskedPaths[0]")
            XCTAssertTrue("\(error)".contains("not the null device"))
        }
        XCTAssertEqual(fake.openFDs, [])
    }

    // MARK: features

    func testUserNamespaceBindsDevicesFromTheHost() throws {
        let fake = makeFake()
        let linux = Spec.Linux(namespaces: [.init(type: "user"), .init(type: "mount")],
                               devices: [.init(path: "/dev/fuse", type: "c", major: 10, minor: 229)])
        try RootfsSetup(spec: spec([.init(destination: "/dev", type: "tmpfs", source: "tmpfs")], linux: linux),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertFalse(fake.calls.contains { $0.name == "mknodat" && $0.detail.hasPrefix("mode=20") })
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/dev/null src=/dev/null type=bind flags=MS_BIND data=-"))
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/dev/fuse src=/dev/fuse type=bind flags=MS_BIND data=-"))
    }

    func testSpecDevicesOverrideDefaultsAndGetOwnership() throws {
        let fake = makeFake()
        let linux = Spec.Linux(devices: [
            .init(path: "/dev/null", type: "c", major: 1, minor: 3, fileMode: 0o600, uid: 7, gid: 8),
            .init(path: "/dev/sub/blk", type: "b", major: 8, minor: 1),
            .init(path: "/dev/pipe", type: "p"),
        ])
        try RootfsSetup(spec: spec([], linux: linux), bundlePath: "/b", noPivot: false, consolePath: nil,
                        syscalls: fake).prepare()
        let d = fake.calls.map(\.description)
        XCTAssertEqual(d.filter { $0.hasPrefix("mknodat /b/rootfs/dev/null") }, ["mknodat /b/rootfs/dev/null mode=20600 dev=1:3"])
        XCTAssertTrue(d.contains("fchownat /b/rootfs/dev/null 7:8"))
        XCTAssertTrue(d.contains("mknodat /b/rootfs/dev/sub/blk mode=60666 dev=8:1"))
        XCTAssertTrue(d.contains("mknodat /b/rootfs/dev/pipe mode=10666 dev=0:0"))
    }

    func testIDMappedBindMount() throws {
        let fake = makeFake()
        let m = Spec.Mount(destination: "/data", type: "bind", source: "/host/data", options: ["rbind", "ridmap"],
                           uidMappings: [.init(containerID: 0, hostID: 1000, size: 10)],
                           gidMappings: [.init(containerID: 0, hostID: 2000, size: 10)])
        try RootfsSetup(spec: spec([m]), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        let d = fake.calls.map(\.description)
        let i = try XCTUnwrap(d.firstIndex(of: "open_tree /host/data flags=0x89001"))
        XCTAssertEqual(d[i + 1], "userns uid=[0 1000 10] gid=[0 2000 10]")
        XCTAssertEqual(d[i + 2], "mount_setattr tree:/host/data flags=0x9000 set=0x100000 clear=0x0 userns=userns:uid=[0 1000 10] gid=[0 2000 10]")
        XCTAssertEqual(d[i + 3], "move_mount /b/rootfs/data from=tree:/host/data")
        XCTAssertFalse(mounts(fake).contains { $0.contains("/b/rootfs/data src=/host/data") })
    }

    func testTmpcopyupAndRecursiveAttributes() throws {
        let fake = makeFake()
        fake.addFile(rootfs + "/tmp/keep")
        try RootfsSetup(spec: spec([
            .init(destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["tmpcopyup"]),
            .init(destination: "/data", type: "bind", source: "/host/data", options: ["rbind", "rro", "rnosuid"]),
        ]), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        let d = fake.calls.map(\.description)
        XCTAssertTrue(d.contains("copy_tree /b/rootfs/tmp from=/b/rootfs/tmp"))
        XCTAssertTrue(d.contains("mount_setattr /b/rootfs/data flags=0x9000 set=0x3 clear=0x0"))
    }

    func testCgroupV1HybridBindsOwnCgroups() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = """
        1 0 254:0 / / rw - ext4 /dev/vda rw
        31 1 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
        33 31 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
        34 31 0:31 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd
        35 31 0:32 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw

        """
        fake.files["/proc/self/cgroup"] = "4:memory:/c1\n3:cpu,cpuacct:/c1\n1:name=systemd:/c1\n0::/c1\n"
        for d in ["/sys/fs/cgroup/cpu,cpuacct/c1", "/sys/fs/cgroup/memory/c1", "/sys/fs/cgroup/systemd/c1"] {
            fake.addDirectory(d)
        }
        try RootfsSetup(spec: spec([.init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup",
                                          options: ["nosuid", "noexec", "nodev", "relatime", "ro"])]),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        let m = mounts(fake)
        XCTAssertEqual(m[2], "mount /b/rootfs/sys/fs/cgroup src=tmpfs type=tmpfs flags=MS_NOSUID|MS_NODEV|MS_NOEXEC data=mode=755")
        XCTAssertEqual(m[3], "mount /b/rootfs/sys/fs/cgroup/memory src=/sys/fs/cgroup/memory/c1 type=bind flags=MS_BIND|MS_REC data=-")
        XCTAssertEqual(m[4], "mount /b/rootfs/sys/fs/cgroup/memory src=- type=- flags=MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_REMOUNT|MS_BIND|MS_RELATIME data=-")
        XCTAssertTrue(m.contains("mount /b/rootfs/sys/fs/cgroup/cpu,cpuacct src=/sys/fs/cgroup/cpu,cpuacct/c1 type=bind flags=MS_BIND|MS_REC data=-"))
        XCTAssertTrue(m.contains("mount /b/rootfs/sys/fs/cgroup/systemd src=/sys/fs/cgroup/systemd/c1 type=bind flags=MS_BIND|MS_REC data=-"))
        XCTAssertFalse(m.contains { $0.contains("unified") })
        let links = fake.calls(named: "symlinkat").map(\.description)
        XCTAssertTrue(links.contains("symlinkat /b/rootfs/sys/fs/cgroup/cpu -> cpu,cpuacct"))
        XCTAssertTrue(links.contains("symlinkat /b/rootfs/sys/fs/cgroup/cpuacct -> cpu,cpuacct"))
    }

    func testCgroupNamespaceMountsHierarchiesDirectly() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = "1 0 254:0 / / rw - ext4 /dev/vda rw\n32 1 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
        fake.files["/proc/self/cgroup"] = "4:memory:/\n"
        let linux = Spec.Linux(namespaces: [.init(type: "cgroup")])
        try RootfsSetup(spec: spec([.init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["ro"])],
                                   linux: linux),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/sys/fs/cgroup/memory src=cgroup type=cgroup flags=MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC data=memory"))
    }

    func testCgroupV2UnifiedHost() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = "1 0 254:0 / / rw - ext4 /dev/vda rw\n30 1 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"
        try RootfsSetup(spec: spec([.init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["ro", "nosuid"])]),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/sys/fs/cgroup src=cgroup type=cgroup2 flags=MS_RDONLY|MS_NOSUID data=-"))
    }

    func testLockedFlagsArePreservedOnBindRemount() throws {
        let fake = makeFake()
        // The first remount fails like it does on a mount with locked nodev.
        fake.failures = [("flags=MS_RDONLY|MS_REMOUNT|MS_BIND data", EPERM)]
        try RootfsSetup(spec: spec([.init(destination: "/data", type: "bind", source: "/host/data", options: ["bind", "ro"])]),
                        bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        // The double reports strictatime (no ST_ flags): retry keeps it.
        XCTAssertTrue(mounts(fake).contains("mount /b/rootfs/data src=- type=- flags=MS_RDONLY|MS_REMOUNT|MS_BIND|MS_STRICTATIME data=-"))
    }
}
