import XCTest
import OCISpec
@testable import Cgroups

final class StatsTests: XCTestCase {
    func testV1StatsShapeMatchesRunc() throws {
        let (fs, mounts, own) = FakeHosts.v1()
        let m = try Cgroups.manager(cgroupsPath: "/s", containerID: "s", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        let s = try m.stats()
        XCTAssertEqual(s.cpu.usage.total, 5000)
        XCTAssertEqual(s.cpu.usage.percpu, [2000, 3000])
        XCTAssertEqual(s.cpu.usage.percpuUser, [1000, 2000])
        XCTAssertEqual(s.cpu.usage.percpuKernel, [1000, 1000])
        XCTAssertEqual(s.cpu.usage.user, 30_000_000)
        XCTAssertEqual(s.cpu.usage.kernel, 20_000_000)
        XCTAssertEqual(s.cpu.throttling.throttledPeriods, 2)
        XCTAssertEqual(s.memory.cache, 4096)
        XCTAssertEqual(s.memory.usage.limit, 9223372036854771712)
        XCTAssertEqual(s.pids.current, 2)
        XCTAssertEqual(s.pids.limit, 0)
        XCTAssertEqual(s.cpuset.cpus, [0, 1])
        XCTAssertEqual(s.blkio.ioServicedRecursive.count, 2)
        XCTAssertEqual(s.hugetlb.keys.sorted(), ["1GB", "2MB"])

        let json = JSON.encode(s)
        XCTAssertTrue(json.hasPrefix(#"{"cpu":{"usage":{"total":5000,"percpu":[2000,3000],"percpu_kernel":[1000,1000],"percpu_user":[1000,2000],"kernel":20000000,"user":30000000},"throttling":{"periods":10,"throttledPeriods":2,"throttledTime":3000}},"cpuset":{"cpus":[0,1],"cpu_exclusive":0,"mems":[0],"#), json)
        XCTAssertTrue(json.contains(#""memory":{"cache":4096,"usage":{"limit":9223372036854771712,"usage":100,"max":200,"failcnt":0},"#), json)
        XCTAssertTrue(json.contains(#""raw":{"cache":4096,"rss":8192}}"#), json)
        XCTAssertTrue(json.contains(#""pids":{"current":2},"blkio":{"ioServiceBytesRecursive":[{"major":8,"op":"Read","value":4096},"#), json)
        XCTAssertTrue(json.hasSuffix(#""hugetlb":{"1GB":{"failcnt":0},"2MB":{"failcnt":0}},"intel_rdt":{},"network_interfaces":null}"#), json)
        XCTAssertEqual(try JSON.decode(CgroupStats.self, from: Array(json.utf8)), s)
    }

    func testEmptyStatsShape() {
        XCTAssertEqual(JSON.encode(CgroupStats()), #"{"cpu":{"usage":{"kernel":0,"user":0},"throttling":{}},"cpuset":{"cpu_exclusive":0,"mem_hardwall":0,"mem_exclusive":0,"memory_migrate":0,"memory_spread_page":0,"memory_spread_slab":0,"memory_pressure":0,"sched_load_balance":0,"sched_relax_domain_level":0},"memory":{"usage":{"limit":0,"failcnt":0},"swap":{"limit":0,"failcnt":0},"kernel":{"limit":0,"failcnt":0},"kernelTCP":{"limit":0,"failcnt":0}},"pids":{},"blkio":{},"hugetlb":{},"intel_rdt":{},"network_interfaces":null}"#)
    }

    func testV2Stats() throws {
        let (fs, mounts, own) = FakeHosts.v2()
        let m = try Cgroups.manager(cgroupsPath: "/s", containerID: "s", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        fs.files["/sys/fs/cgroup/s/memory.max"] = "4096"
        fs.files["/sys/fs/cgroup/s/memory.swap.max"] = "1024"
        let s = try m.stats()
        XCTAssertEqual(s.cpu.usage.total, 10_000)
        XCTAssertEqual(s.cpu.usage.user, 6000)
        XCTAssertEqual(s.cpu.throttling.throttledTime, 2000)
        XCTAssertEqual(s.memory.cache, 200)
        XCTAssertEqual(s.memory.usage, .init(limit: 4096, usage: 1000, max: 2000, failcnt: 0))
        XCTAssertEqual(s.memory.swap.usage, 1010)
        XCTAssertEqual(s.memory.swap.limit, 5120)
        XCTAssertEqual(s.pids.current, 1)
        XCTAssertEqual(s.blkio.ioServiceBytesRecursive, [.init(major: 8, minor: 0, op: "Read", value: 4096),
                                                         .init(major: 8, minor: 0, op: "Write", value: 8192)])
        XCTAssertEqual(s.blkio.ioServicedRecursive.map(\.value), [1, 2])
        XCTAssertEqual(s.hugetlb["2MB"], .init(usage: 0, max: 0, failcnt: 0))
    }
}
