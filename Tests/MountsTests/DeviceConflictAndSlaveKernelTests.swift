import CShims
import Foundation
import Glibc
import OCISpec
import XCTest
@testable import Mounts

/// Real mounts, as root, each in a forked child with its own mount namespace:
/// a `linux.devices` path taken by another file, and `rootfsPropagation: slave`
/// on a rootfs that is a shared mount.
final class DeviceConflictAndSlaveKernelTests: XCTestCase {
    var tmp = ""
    var bundle: String { tmp + "/bundle" }
    var rootfs: String { bundle + "/rootfs" }
    let fm = FileManager.default

    override func setUpWithError() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        var template = Array("/tmp/swiftlet-devslave-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        tmp = String(cString: p)
        for d in ["proc", "dev", "etc"] {
            try fm.createDirectory(atPath: rootfs + "/" + d, withIntermediateDirectories: true)
        }
        try "not a device\n".write(toFile: rootfs + "/etc/existing", atomically: false, encoding: .utf8)
        XCTAssertEqual(mknod(rootfs + "/etc/null", S_IFCHR | 0o666, UInt(DeviceNumber.make(major: 1, minor: 3))), 0)
    }

    override func tearDown() {
        if !tmp.isEmpty { try? fm.removeItem(atPath: tmp) }
    }

    func spec(devices: [Spec.Linux.Device] = [], propagation: String? = nil) -> Spec {
        var linux = Spec.Linux()
        linux.devices = devices
        linux.rootfsPropagation = propagation
        return Spec(root: .init(path: "rootfs"), mounts: [
            .init(destination: "/proc", type: "proc", source: "proc"),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "mode=755"]),
        ], linux: linux)
    }

    func testExistingFileThatIsNotTheDeviceIsAnError() {
        let spec = spec(devices: [.init(path: "/etc/existing", type: "c", major: 1, minor: 3, fileMode: 0o666)])
        let bundle = self.bundle
        ForkedMountNamespace.run { r in
            do throws(MountError) {
                try RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil).prepare()
                r.check(false, "a regular file was replaced by a device node")
            } catch {
                r.check(error.field == "linux.devices[0].path" && error.message.contains("regular file"), "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOfFile: rootfs + "/etc/existing", encoding: .utf8), "not a device\n")
    }

    func testExistingMatchingDeviceIsKept() {
        let spec = spec(devices: [.init(path: "/etc/null", type: "c", major: 1, minor: 3, fileMode: 0o640)])
        let bundle = self.bundle
        ForkedMountNamespace.run { r in
            let setup = RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil)
            try setup.prepare()
            try setup.pivot()
            try setup.finalize()
            var st = stat()
            r.check(stat("/etc/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR && UInt64(st.st_rdev) == DeviceNumber.make(major: 1, minor: 3)
                    && st.st_mode & 0o7777 == 0o640, "mode \(String(st.st_mode, radix: 8))")
        }
    }

    /// config-linux.md: "slave: the rootfs mount receives propagation events from the host".
    func testSlaveRootKeepsItsMaster() {
        let spec = spec(propagation: "slave")
        let bundle = self.bundle, rootfs = self.rootfs
        ForkedMountNamespace.run { r in
            // This namespace plays the host: the rootfs is a shared mount here,
            // and a second namespace (the container's) is a copy of it.
            r.check(mount(rootfs, rootfs, nil, UInt(MS_BIND), nil) == 0, "bind: \(errno)")
            r.check(mount(nil, rootfs, nil, UInt(MS_SHARED), nil) == 0, "make-shared: \(errno)")
            // Held open: a namespace nobody holds is torn down, and a slave
            // needs its master's peer group to still exist.
            let hostNS = open("/proc/self/ns/mnt", O_RDONLY)
            defer { close(hostNS) }
            r.check(sw_unshare(ForkedMountNamespace.cloneNewNS) == 0, "unshare: \(errno)")
            let setup = RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil)
            try setup.prepare()
            try setup.pivot()
            try setup.finalize()
            let info = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            let root = info.split(separator: "\n").first { $0.split(separator: " ").dropFirst(4).first == "/" }
            let fields = root.map { $0.split(separator: " ").prefix { $0 != "-" } } ?? []
            r.check(fields.contains { $0.hasPrefix("master:") } && !fields.contains { $0.hasPrefix("shared:") },
                    "root mount is not a slave: \(root ?? "missing")")
        }
    }
}

extension RootfsPlanTests {
    /// `slave` keeps the rootfs tied to the host's events: its shared parent is
    /// made a slave, not private (the default rslave already made it one).
    func testSharedParentBecomesSlaveForSlavePropagation() throws {
        let fake = makeFake()
        fake.files["/proc/self/mountinfo"] = "1 0 254:0 / / rw shared:1 - ext4 /dev/vda rw\n5 1 0:40 / /b rw shared:7 - tmpfs t rw\n"
        var linux = Spec.Linux()
        linux.rootfsPropagation = "slave"
        try RootfsSetup(spec: spec([], linux: linux), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: fake).prepare()
        XCTAssertEqual(Array(mounts(fake).prefix(2)), ["mount / src=- type=- flags=MS_SLAVE data=-",
                                                        "mount /b src=- type=- flags=MS_SLAVE data=-"])
        linux.rootfsPropagation = "private"
        let other = makeFake()
        other.files = fake.files
        try RootfsSetup(spec: spec([], linux: linux), bundlePath: "/b", noPivot: false, consolePath: nil, syscalls: other).prepare()
        XCTAssertEqual(mounts(other)[1], "mount /b src=- type=- flags=MS_PRIVATE data=-")
    }
}
