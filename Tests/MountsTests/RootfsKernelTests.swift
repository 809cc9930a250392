import Foundation
import Glibc
import OCISpec
import XCTest
@testable import Mounts

/// Real mounts, as root, each in a forked child with its own mount namespace.
final class RootfsKernelTests: XCTestCase {
    var tmp = ""
    var bundle: String { tmp + "/bundle" }
    var rootfs: String { bundle + "/rootfs" }
    var hostMountinfo = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        var template = Array("/tmp/swiftlet-mounts-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        tmp = String(cString: p)
        for d in ["bin", "proc", "sys", "dev", "tmp", "etc/rodir", "etc/secretdir", "etc/copyme/sub"] {
            try fm.createDirectory(atPath: rootfs + "/" + d, withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: "/bin/busybox", toPath: rootfs + "/bin/busybox")
        try fm.createSymbolicLink(atPath: rootfs + "/bin/sh", withDestinationPath: "busybox")
        try "secret".write(toFile: rootfs + "/etc/secret", atomically: false, encoding: .utf8)
        try "hidden".write(toFile: rootfs + "/etc/secretdir/file", atomically: false, encoding: .utf8)
        try "copied".write(toFile: rootfs + "/etc/copyme/sub/file", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: rootfs + "/escape", withDestinationPath: "../../../../../../../..")
        try fm.createSymbolicLink(atPath: rootfs + "/etc/abs", withDestinationPath: "/")
        try fm.createDirectory(atPath: tmp + "/hostdata", withIntermediateDirectories: true)
        try "marker".write(toFile: tmp + "/hostdata/marker", atomically: false, encoding: .utf8)
        hostMountinfo = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
    }

    override func tearDownWithError() throws {
        guard !tmp.isEmpty else { return }
        let after = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        XCTAssertEqual(after, hostMountinfo, "the host's mount table changed")
        // Only delete when nothing is mounted into the tree from the host.
        if after == hostMountinfo { try? fm.removeItem(atPath: tmp) }
    }

    var pwned: String { "/tmp/swiftlet-pwned-\(getpid())" }

    func fullSpec() -> Spec {
        var linux = Spec.Linux()
        linux.maskedPaths = ["/proc/kcore", "/proc/keys", "/proc/acpi", "/etc/secret", "/etc/secretdir", "/does/not/exist"]
        linux.readonlyPaths = ["/proc/sys", "/etc/rodir"]
        linux.devices = [.init(path: "/dev/fuse", type: "c", major: 10, minor: 229, fileMode: 0o600, uid: 1, gid: 2)]
        return Spec(root: .init(path: "rootfs", readonly: true), mounts: [
            .init(destination: "/proc", type: "proc", source: "proc"),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            .init(destination: "/dev/pts", type: "devpts", source: "devpts",
                  options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]),
            .init(destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
            .init(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
            .init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup",
                  options: ["nosuid", "noexec", "nodev", "relatime", "ro"]),
            .init(destination: "/data", type: "bind", source: tmp + "/hostdata", options: ["rbind", "ro", "nosuid"]),
            .init(destination: "/etc/hostsfile", type: "bind", source: tmp + "/hostdata/marker", options: ["bind"]),
            // Symlinks pointing at the host's / must stay inside the rootfs.
            .init(destination: "/escape" + pwned, type: "bind", source: tmp + "/hostdata", options: ["bind"]),
            .init(destination: "/etc/abs/abs-target", type: "tmpfs", source: "tmpfs"),
            .init(destination: "/etc/copyme", type: "tmpfs", source: "tmpfs", options: ["tmpcopyup", "ro"]),
            .init(destination: "/run", type: "tmpfs", source: "tmpfs", options: ["rw", "nodev", "rprivate"]),
        ], linux: linux)
    }

    func testFullRootfsWithPivot() {
        let spec = fullSpec()
        let bundle = self.bundle, pwned = self.pwned
        ForkedMountNamespace.run { r in
            let fdsBefore = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
            let setup = RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil)
            try setup.prepare()
            try setup.pivot()
            try setup.finalize()
            let fdsAfter = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
            r.check(fdsAfter == fdsBefore, "fd leak: \(fdsBefore) open before, \(fdsAfter) after")
            try Self.checkInside(r, pwned: pwned)
        }
        XCTAssertFalse(fm.fileExists(atPath: pwned), "a symlinked destination escaped onto the host")
        XCTAssertTrue(fm.fileExists(atPath: rootfs + pwned), "the escaping destination was created inside the rootfs")
    }

    func testNoPivotVariant() {
        var spec = fullSpec()
        spec.linux?.rootfsPropagation = "slave"
        let bundle = self.bundle, pwned = self.pwned
        ForkedMountNamespace.run { r in
            let setup = RootfsSetup(spec: spec, bundlePath: bundle, noPivot: true, consolePath: nil)
            try setup.prepare()
            try setup.pivot()
            try setup.finalize()
            try Self.checkInside(r, pwned: pwned)
        }
    }

    func testSymlinkedProcIsRefused() throws {
        try fm.removeItem(atPath: rootfs + "/proc")
        try fm.createSymbolicLink(atPath: rootfs + "/proc", withDestinationPath: "/tmp")
        let spec = Spec(root: .init(path: "rootfs"), mounts: [.init(destination: "/proc", type: "proc", source: "proc")])
        let bundle = self.bundle
        ForkedMountNamespace.run { r in
            do throws(MountError) {
                try RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil).prepare()
                r.check(false, "proc on a symlink was mounted")
            } catch {
                r.check(error.field == "mounts[0].destination" && error.message.contains("ordinary directory"), "\(error)")
            }
        }
    }

    func testUnknownOptionIsBlamedOnOptions() {
        let spec = Spec(root: .init(path: "rootfs"), mounts: [
            .init(destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "foo"]),
        ])
        let bundle = self.bundle
        ForkedMountNamespace.run { r in
            do throws(MountError) {
                try RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil).prepare()
                r.check(false, "tmpfs accepted option foo")
            } catch {
                r.check(error.field == "mounts[0].options" && error.message.contains("\"foo\""), "\(error)")
            }
        }
    }

    func testIDMappedBindMount() throws {
        try "x".write(toFile: tmp + "/hostdata/owned", atomically: false, encoding: .utf8)
        let spec = Spec(root: .init(path: "rootfs"), mounts: [
            .init(destination: "/mapped", type: "bind", source: tmp + "/hostdata", options: ["bind", "idmap"],
                  uidMappings: [.init(containerID: 0, hostID: 1000, size: 1)],
                  gidMappings: [.init(containerID: 0, hostID: 2000, size: 1)]),
        ])
        let bundle = self.bundle
        ForkedMountNamespace.run { r in
            try RootfsSetup(spec: spec, bundlePath: bundle, noPivot: false, consolePath: nil).prepare()
            var st = stat()
            r.check(stat(bundle + "/rootfs/mapped/owned", &st) == 0, "stat mapped file: errno \(errno)")
            r.check(st.st_uid == 1000 && st.st_gid == 2000, "idmapped owner is \(st.st_uid):\(st.st_gid), want 1000:2000")
        }
    }

    static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buf, buf.count)
            if n < 0 { return nil }
            if n == 0 { return out }
            out.append(contentsOf: buf[0..<n])
        }
    }

    /// Checks run inside the container after pivot()/finalize().
    static func checkInside(_ r: ForkedMountNamespace.Report, pwned: String) throws {
        let infos = MountInfo.parse(try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8))
        func entry(_ mp: String) -> MountInfoEntry? { infos.last { $0.mountPoint == mp } }
        r.check(entry("/")?.options.contains("ro") == true, "root not read-only: \(String(describing: entry("/")))")
        r.check(entry("/proc")?.fsType == "proc", "no procfs at /proc")
        r.check(entry("/dev")?.fsType == "tmpfs" && entry("/dev")!.options.contains("nosuid"), "/dev: \(String(describing: entry("/dev")))")
        r.check(entry("/dev/pts")?.fsType == "devpts", "no devpts")
        var shm = stat()
        r.check(stat("/dev/shm", &shm) == 0 && shm.st_mode & 0o7777 == 0o1777, "/dev/shm mode \(String(shm.st_mode, radix: 8))")
        r.check(entry("/dev/mqueue")?.fsType == "mqueue", "no mqueue")
        r.check(entry("/sys")?.options.contains("ro") == true, "/sys not ro")
        r.check(entry("/sys/fs/cgroup")?.fsType == "tmpfs", "no cgroup tmpfs")
        let mem = entry("/sys/fs/cgroup/memory")
        r.check(mem?.fsType == "cgroup" && mem!.options.contains("ro"), "cgroup memory: \(String(describing: mem))")
        r.check(access("/sys/fs/cgroup/cpu", F_OK) == 0, "no cpu hierarchy")
        let data = entry("/data")
        r.check(data?.options.contains("ro") == true && data!.options.contains("nosuid"), "/data: \(String(describing: data))")
        r.check(entry("/run")?.optionalFields.isEmpty == true, "/run not private: \(String(describing: entry("/run")))")
        r.check(entry("/etc/copyme")?.options.contains("ro") == true, "tmpcopyup tmpfs not ro")
        r.check((try? String(contentsOfFile: "/etc/copyme/sub/file", encoding: .utf8)) == "copied", "tmpcopyup lost contents")

        // Devices.
        for (path, major, minor) in [("/dev/null", 1, 3), ("/dev/zero", 1, 5), ("/dev/full", 1, 7),
                                     ("/dev/random", 1, 8), ("/dev/urandom", 1, 9), ("/dev/tty", 5, 0)] {
            var st = stat()
            r.check(lstat(path, &st) == 0, "\(path) missing")
            let rdev = UInt64(st.st_rdev)
            r.check(UInt32(st.st_mode) & 0o170000 == 0o020000 && DeviceNumber.major(rdev) == UInt32(major)
                        && DeviceNumber.minor(rdev) == UInt32(minor) && UInt32(st.st_mode) & 0o777 == 0o666,
                    "\(path): mode \(String(st.st_mode, radix: 8)) rdev \(DeviceNumber.major(rdev)):\(DeviceNumber.minor(rdev))")
        }
        var fuse = stat()
        r.check(lstat("/dev/fuse", &fuse) == 0 && fuse.st_uid == 1 && fuse.st_gid == 2 && fuse.st_mode & 0o777 == 0o600,
                "/dev/fuse ownership/mode")
        r.check((try? FileManager.default.destinationOfSymbolicLink(atPath: "/dev/ptmx")) == "pts/ptmx", "/dev/ptmx link")
        r.check((try? FileManager.default.destinationOfSymbolicLink(atPath: "/dev/fd")) == "/proc/self/fd", "/dev/fd link")

        // Symlinked destinations landed inside the rootfs.
        r.check((try? String(contentsOfFile: pwned + "/marker", encoding: .utf8)) == "marker", "escape target not inside")
        r.check(entry("/abs-target")?.fsType == "tmpfs", "/etc/abs -> / target not mounted at /abs-target")
        r.check((try? String(contentsOfFile: "/etc/hostsfile", encoding: .utf8)) == "marker", "file bind")

        // Masked paths read empty.
        // /proc/kcore is absent on some kernels: then it is skipped, not an error.
        r.check(access("/proc/kcore", F_OK) != 0 || readAll("/proc/kcore") == [], "/proc/kcore not masked")
        r.check(readAll("/proc/keys") == [], "/proc/keys not masked: \(String(describing: entry("/proc/keys")))")
        r.check(readAll("/etc/secret") == [], "/etc/secret not masked: \(String(describing: entry("/etc/secret")))")
        r.check((try? FileManager.default.contentsOfDirectory(atPath: "/etc/secretdir")) == [], "secretdir not masked")
        r.check((try? FileManager.default.contentsOfDirectory(atPath: "/proc/acpi")) == [], "/proc/acpi not masked")

        // Read-only paths, ro bind and ro root fail with EROFS.
        func writeFails(_ path: String) -> Bool {
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            if fd >= 0 { close(fd); return false }
            return errno == EROFS
        }
        r.check(writeFails("/proc/sys/kernel/domainname"), "/proc/sys writable: errno \(errno)")
        r.check(writeFails("/etc/rodir/x"), "/etc/rodir writable")
        r.check(writeFails("/data/x"), "/data writable")
        r.check(writeFails("/newfile"), "root writable")
        r.check(writeFails("/etc/copyme/new"), "ro tmpfs writable")
        r.check(!writeFails("/run/ok"), "/run should be writable")
        r.check(!writeFails("/dev/shm/ok"), "/dev/shm should be writable")
    }
}
