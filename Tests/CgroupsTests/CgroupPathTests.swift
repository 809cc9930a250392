import XCTest
@testable import Cgroups
import OCISpec

final class CgroupPathTests: XCTestCase {
    func testCleanPathMatchesRunc() {
        XCTAssertEqual(CgroupPath.cleanPath(""), "")
        XCTAssertEqual(CgroupPath.cleanPath("/a/b/../c/"), "/a/c")
        XCTAssertEqual(CgroupPath.cleanPath("/../../x"), "/x")
        XCTAssertEqual(CgroupPath.cleanPath("../a/b"), "a/b")
        XCTAssertEqual(CgroupPath.cleanPath("a/../../.."), ".")
        XCTAssertEqual(CgroupPath.cleanPath("./a//b/."), "a/b")
        XCTAssertEqual(CgroupPath.cleanPath("/"), "/")
    }

    func testInnerPath() throws {
        XCTAssertEqual(try CgroupPath.inner(cgroupsPath: nil, containerID: "c1"), "c1")
        XCTAssertEqual(try CgroupPath.inner(cgroupsPath: "", containerID: "c1"), "c1")
        XCTAssertEqual(try CgroupPath.inner(cgroupsPath: "/my/runtime/c1", containerID: "c1"), "/my/runtime/c1")
        XCTAssertEqual(try CgroupPath.inner(cgroupsPath: "../../escape", containerID: "c1"), "escape")
        for bad in ["/", "..", ".", "/../"] {
            XCTAssertThrowsError(try CgroupPath.inner(cgroupsPath: bad, containerID: "c1")) { error in
                XCTAssertEqual((error as? CgroupError)?.field, "linux.cgroupsPath")
            }
        }
    }

    func testResolve() {
        // Absolute: below the mountpoint, whatever our own cgroup.
        XCTAssertEqual(CgroupPath.resolve(inner: "/a/b", mountpoint: "/sys/fs/cgroup/memory", own: "/sandbox"),
                       "/sys/fs/cgroup/memory/a/b")
        // Relative on v1: below our own cgroup.
        XCTAssertEqual(CgroupPath.resolve(inner: "c1", mountpoint: "/sys/fs/cgroup/memory", own: "/sandbox/x"),
                       "/sys/fs/cgroup/memory/sandbox/x/c1")
        // Relative on v2: below the parent of our own cgroup.
        XCTAssertEqual(CgroupPath.resolve(inner: "c1", mountpoint: "/sys/fs/cgroup", own: "/user.slice/s.scope",
                                          parentOfOwn: true), "/sys/fs/cgroup/user.slice/c1")
        XCTAssertEqual(CgroupPath.resolve(inner: "c1", mountpoint: "/sys/fs/cgroup", own: "/", parentOfOwn: true),
                       "/sys/fs/cgroup/c1")
        // Inside a cgroup namespace the mount root is stripped from our own path.
        XCTAssertEqual(CgroupPath.resolve(inner: "c1", mountpoint: "/sys/fs/cgroup/cpu", mountRoot: "/ns",
                                          own: "/ns/inner"), "/sys/fs/cgroup/cpu/inner/c1")
    }

    func testFactoryPathsHybrid() throws {
        let (fs, mounts, own) = FakeHosts.v1()
        let m = try Cgroups.manager(cgroupsPath: nil, containerID: "ctr", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        XCTAssertEqual(m.record.layout, .hybrid)
        XCTAssertEqual(m.record.paths["cpu"], "/sys/fs/cgroup/cpu,cpuacct/ctr")
        XCTAssertEqual(m.record.paths["cpuacct"], "/sys/fs/cgroup/cpu,cpuacct/ctr")
        XCTAssertEqual(m.record.paths["memory"], "/sys/fs/cgroup/memory/sandbox/ctr")
        XCTAssertEqual(m.record.paths["unified"], "/sys/fs/cgroup/unified/ctr")
        let abs = try Cgroups.manager(cgroupsPath: "/swiftlet/ctr", containerID: "ctr", mounts: mounts, own: own,
                                      fs: fs, kernel: FakeKernel())
        XCTAssertEqual(abs.record.paths["memory"], "/sys/fs/cgroup/memory/swiftlet/ctr")
        XCTAssertEqual(abs.record.paths["unified"], "/sys/fs/cgroup/unified/swiftlet/ctr")
    }

    func testFactoryPathsUnified() throws {
        let (fs, mounts, own) = FakeHosts.v2()
        let rel = try Cgroups.manager(cgroupsPath: "pod/ctr", containerID: "ctr", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        XCTAssertEqual(rel.record.paths, ["unified": "/sys/fs/cgroup/user.slice/pod/ctr"])
        let abs = try Cgroups.manager(cgroupsPath: "/machine/ctr", containerID: "ctr", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        XCTAssertEqual(abs.record.unifiedPath, "/sys/fs/cgroup/machine/ctr")
    }

    func testSystemdDriverRefused() {
        let (fs, mounts, own) = FakeHosts.v2()
        XCTAssertThrowsError(try Cgroups.manager(cgroupsPath: "system.slice:swiftlet:c1", containerID: "c1",
                                                 systemdCgroup: true, mounts: mounts, own: own, fs: fs)) { error in
            XCTAssertTrue("\(error)".contains("systemd cgroup driver is not implemented"))
        }
    }

    func testRecordRoundTripAndReopen() throws {
        let (fs, mounts, own) = FakeHosts.v2()
        let m = try Cgroups.manager(cgroupsPath: "/a/b", containerID: "c", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        XCTAssertEqual(m.record.created, ["/sys/fs/cgroup/a", "/sys/fs/cgroup/a/b"])
        let text = JSON.encode(m.record)
        let back = try JSON.decode(CgroupRecord.self, from: Array(text.utf8))
        XCTAssertEqual(back, m.record)
        let reopened = try Cgroups.open(back, fs: fs, kernel: FakeKernel())
        XCTAssertTrue(reopened is CgroupV2Manager)
        try reopened.destroy()
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/a"))
    }
}
