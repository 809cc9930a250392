import Foundation
import Glibc
import OCISpec
import XCTest
@testable import Mounts

/// `runc spec`'s default config must produce the mount table runc 1.1 does
/// (same mount points, filesystems and per-mount flags).
final class RuncParityTests: XCTestCase {
    func testRuncDefaultSpecMountTable() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        var template = Array("/tmp/swiftlet-parity-XXXXXX".utf8CString)
        let tmp = String(cString: try XCTUnwrap(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for d in ["proc", "sys", "dev", "bin"] {
            try FileManager.default.createDirectory(atPath: tmp + "/rootfs/" + d, withIntermediateDirectories: true)
        }
        let spec = Spec.runcDefault(rootless: false)
        // What runc 1.1.5 shows for this spec on this kind of (cgroup v1 hybrid) host.
        let expected: [(String, String, [String])] = [
            ("/", "", ["ro"]),
            ("/proc", "proc", ["rw"]),
            ("/dev", "tmpfs", ["rw", "nosuid"]),
            ("/dev/pts", "devpts", ["rw", "nosuid", "noexec"]),
            ("/dev/shm", "tmpfs", ["rw", "nosuid", "nodev", "noexec"]),
            ("/dev/mqueue", "mqueue", ["rw", "nosuid", "nodev", "noexec"]),
            ("/sys", "sysfs", ["ro", "nosuid", "nodev", "noexec"]),
            ("/sys/fs/cgroup", "tmpfs", ["rw", "nosuid", "nodev", "noexec"]),
            ("/sys/fs/cgroup/memory", "cgroup", ["ro", "nosuid", "nodev", "noexec"]),
            ("/proc/sys", "proc", ["ro"]),
            ("/proc/acpi", "tmpfs", ["ro"]),
            ("/proc/timer_list", "tmpfs", ["rw", "nosuid"]),
            ("/sys/firmware", "tmpfs", ["ro"]),
        ]
        ForkedMountNamespace.run { r in
            let setup = RootfsSetup(spec: spec, bundlePath: tmp, noPivot: false, consolePath: nil)
            try setup.prepare()
            try setup.pivot()
            try setup.finalize()
            let infos = MountInfo.parse(try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8))
            for (mp, fs, options) in expected {
                guard let e = infos.last(where: { $0.mountPoint == mp }) else {
                    r.check(false, "\(mp) missing")
                    continue
                }
                r.check(fs.isEmpty || e.fsType == fs, "\(mp): fs \(e.fsType), runc has \(fs)")
                r.check(Set(options).isSubset(of: Set(e.options)), "\(mp): options \(e.options), runc has \(options)")
            }
        }
    }
}
