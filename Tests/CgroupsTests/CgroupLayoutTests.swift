import XCTest
@testable import Cgroups

final class CgroupLayoutTests: XCTestCase {
    // Excerpt of this machine's mountinfo: v1 controllers + cgroup2 at unified.
    let hybrid = """
    25 31 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
    30 25 0:26 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
    31 30 0:27 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
    32 30 0:28 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
    33 30 0:29 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
    34 30 0:30 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
    35 30 0:31 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
    36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw shared:9 - cgroup cgroup rw,cpu,cpuacct
    """

    func testHybrid() throws {
        let m = try XCTUnwrap(CgroupMounts.parse(mountinfo: hybrid))
        XCTAssertEqual(m.layout, .hybrid)
        XCTAssertEqual(m.unified, "/sys/fs/cgroup/unified")
        XCTAssertEqual(m.hierarchy(for: "memory")?.mountpoint, "/sys/fs/cgroup/memory")
        XCTAssertEqual(m.hierarchy(for: "name=systemd")?.mountpoint, "/sys/fs/cgroup/systemd")
        XCTAssertEqual(m.hierarchy(for: "cpuacct")?.controllers, ["cpu", "cpuacct"])
    }

    func testPureV1() throws {
        let text = hybrid.split(separator: "\n").filter { !$0.contains("cgroup2") }.joined(separator: "\n")
        XCTAssertEqual(CgroupMounts.parse(mountinfo: text)?.layout, .v1)
    }

    func testUnified() throws {
        let text = "30 25 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"
        let m = try XCTUnwrap(CgroupMounts.parse(mountinfo: text))
        XCTAssertEqual(m.layout, .unified)
        XCTAssertEqual(m.unified, "/sys/fs/cgroup")
        // A named-only v1 hierarchy (systemd's) does not make it hybrid.
        let named = text + "34 30 0:30 / /run/systemd rw - cgroup cgroup rw,name=systemd\n"
        XCTAssertEqual(CgroupMounts.parse(mountinfo: named)?.layout, .unified)
    }

    func testNoCgroups() {
        XCTAssertNil(CgroupMounts.parse(mountinfo: "25 31 0:22 / /sys rw - sysfs sysfs rw\n"))
    }

    func testEscapedMountpoint() throws {
        let text = "30 25 0:26 / /mnt/with\\040space rw - cgroup2 cgroup2 rw\n"
        XCTAssertEqual(CgroupMounts.parse(mountinfo: text)?.unified, "/mnt/with space")
    }

    func testProcessCgroups() {
        let p = ProcessCgroups.parse("9:name=systemd:/\n4:memory:/process_api/x\n1:cpu,cpuacct:/a\n0::/u\n")
        XCTAssertEqual(p.paths["memory"], "/process_api/x")
        XCTAssertEqual(p.paths["cpuacct"], "/a")
        XCTAssertEqual(p.paths["name=systemd"], "/")
        XCTAssertEqual(p.paths[""], "/u")
    }

    func testHugePageNames() {
        XCTAssertEqual(StatParse.hugePageSize(directoryName: "hugepages-2048kB"), "2MB")
        XCTAssertEqual(StatParse.hugePageSize(directoryName: "hugepages-1048576kB"), "1GB")
        XCTAssertEqual(StatParse.hugePageSize(directoryName: "hugepages-64kB"), "64KB")
        XCTAssertEqual(StatParse.cpuList("0-2,5\n"), [0, 1, 2, 5])
    }
}
