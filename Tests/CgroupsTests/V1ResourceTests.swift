import XCTest
import OCISpec
@testable import Cgroups

final class V1ResourceTests: XCTestCase {
    typealias R = Spec.Linux.Resources
    var fs: MemoryCgroupFS!
    var kernel: FakeKernel!
    var manager: CgroupV1Manager!

    override func setUp() {
        let (fs, mounts, own) = FakeHosts.v1()
        self.fs = fs
        kernel = FakeKernel()
        manager = try! Cgroups.manager(cgroupsPath: "/swiftlet/c1", containerID: "c1", mounts: mounts, own: own,
                                       fs: fs, kernel: kernel) as? CgroupV1Manager
        try! manager.create(resources: nil)
        fs.writes = []
    }

    func dir(_ c: String) -> String { manager.record.paths[c]! }
    func writes(_ c: String) -> [String] { fs.writes(in: dir(c)) }

    func testCreateMakesEveryHierarchyAndFillsCpuset() throws {
        let (fs, mounts, own) = FakeHosts.v1()
        let m = try Cgroups.manager(cgroupsPath: "/a/b", containerID: "c", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        for p in m.record.paths.values { XCTAssertTrue(fs.exists(p), p) }
        XCTAssertEqual(fs.files["/sys/fs/cgroup/cpuset/a/cpuset.cpus"], "0-1")
        XCTAssertEqual(fs.files["/sys/fs/cgroup/cpuset/a/b/cpuset.mems"], "0")
        XCTAssertTrue(m.record.created.contains("/sys/fs/cgroup/unified/a/b"))
        try m.add(pid: 42)
        XCTAssertEqual(fs.files["/sys/fs/cgroup/memory/a/b/cgroup.procs"], "42")
        XCTAssertEqual(fs.files["/sys/fs/cgroup/unified/a/b/cgroup.procs"], "42")
        try m.destroy()
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/memory/a"))
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/unified/a"))
        XCTAssertTrue(fs.exists("/sys/fs/cgroup/memory"))
    }

    func testCreateFailureRollsBack() throws {
        let (fs, mounts, own) = FakeHosts.v1()
        let m = try Cgroups.manager(cgroupsPath: "/x/y", containerID: "c", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        fs.writeFailures["/sys/fs/cgroup/cpu,cpuacct/x/y/cpu.rt_runtime_us"] = EINVAL
        XCTAssertThrowsError(try m.create(resources: R(cpu: .init(realtimeRuntime: 5000)))) { error in
            XCTAssertEqual((error as? CgroupError)?.field, "linux.resources.cpu.realtimeRuntime")
        }
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/memory/x"))
    }

    func testMemory() throws {
        try manager.set(R(memory: .init(limit: 1 << 30, reservation: 1 << 29, swap: 2 << 30, kernel: 1 << 28,
                                         kernelTCP: 1 << 27, swappiness: 10, disableOOMKiller: true, useHierarchy: true)))
        XCTAssertEqual(writes("memory"), [
            "memory.limit_in_bytes <- 1073741824",  // current limit (unlimited) exceeds new swap: limit first
            "memory.memsw.limit_in_bytes <- 2147483648",
            "memory.soft_limit_in_bytes <- 536870912",
            "memory.kmem.limit_in_bytes <- 268435456",
            "memory.kmem.tcp.limit_in_bytes <- 134217728",
            "memory.swappiness <- 10",
            "memory.oom_control <- 1",
            "memory.use_hierarchy <- 1",
        ])
        // Growing from a small limit: swap must go first.
        fs.writes = []
        fs.files[dir("memory") + "/memory.limit_in_bytes"] = "1000"
        try manager.set(R(memory: .init(limit: 4096, swap: 8192)))
        XCTAssertEqual(writes("memory"), ["memory.memsw.limit_in_bytes <- 8192", "memory.limit_in_bytes <- 4096"])
        // Unlimited memory implies unlimited swap.
        fs.writes = []
        try manager.set(R(memory: .init(limit: -1)))
        XCTAssertEqual(writes("memory"), ["memory.memsw.limit_in_bytes <- -1", "memory.limit_in_bytes <- -1"])
    }

    func testMemoryErrors() {
        XCTAssertThrowsError(try manager.set(R(memory: .init(limit: 4096, swap: 1024)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.memory.swap")
        }
        XCTAssertThrowsError(try manager.set(R(memory: .init(swappiness: 101)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.memory.swappiness")
        }
        fs.writeFailures[dir("memory") + "/memory.limit_in_bytes"] = EBUSY
        XCTAssertThrowsError(try manager.set(R(memory: .init(limit: 10)))) {
            XCTAssertTrue("\($0)".contains("unable to set memory limit to 10 (current usage: 100, peak usage: 200)"), "\($0)")
        }
    }

    func testKernelMemoryWarnsWhereUnsupported() throws {
        fs.files[dir("memory") + "/memory.kmem.limit_in_bytes"] = nil
        try manager.set(R(memory: .init(kernel: 1 << 20)))
        XCTAssertEqual(manager.warnings, ["linux.resources.memory.kernel: kernel memory limits are not supported by this kernel; ignored"])
        // Accepted but not enforced (Linux >= 5.16): still a warning.
        fs.files[dir("memory") + "/memory.kmem.limit_in_bytes"] = "9223372036854771712"
        fs.onWrite = { path, _ in path.hasSuffix("kmem.limit_in_bytes") ? "9223372036854771712" : nil }
        try manager.set(R(memory: .init(kernel: 1 << 20)))
        XCTAssertEqual(manager.warnings.last, "linux.resources.memory.kernel: kernel memory limits are not enforced by this kernel; ignored")
    }

    func testCPU() throws {
        try manager.create(resources: nil)
        try manager.set(R(cpu: .init(shares: 512, quota: 50000, burst: 1000, period: 100000, realtimeRuntime: 950,
                                     realtimePeriod: 1000, cpus: "0-1", mems: "0", idle: 0)))
        XCTAssertEqual(writes("cpuset"), ["cpuset.cpus <- 0-1", "cpuset.mems <- 0"])
        XCTAssertEqual(writes("cpu"), [
            "cpu.shares <- 512", "cpu.cfs_period_us <- 100000", "cpu.cfs_quota_us <- 50000", "cpu.cfs_burst_us <- 1000",
            "cpu.rt_period_us <- 1000", "cpu.rt_runtime_us <- 950", "cpu.idle <- 0",
        ])
    }

    func testCPUSharesClampedIsAnError() {
        fs.onWrite = { path, value in path.hasSuffix("cpu.shares") ? "262144" : nil }
        XCTAssertThrowsError(try manager.set(R(cpu: .init(shares: 1_000_000)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.cpu.shares")
            XCTAssertTrue("\($0)".contains("maximum allowed cpu shares 262144"))
        }
    }

    func testCPUPeriodRetriedAfterQuota() throws {
        fs.writeFailuresOnce[dir("cpu") + "/cpu.cfs_period_us"] = EINVAL
        try manager.set(R(cpu: .init(quota: 1000, period: 5000)))
        XCTAssertEqual(writes("cpu"), ["cpu.cfs_quota_us <- 1000", "cpu.cfs_period_us <- 5000"])
    }

    func testPidsBlockIOHugetlbNetworkRdma() throws {
        try manager.set(R(pids: .init(limit: 0)))
        try manager.set(R(pids: .init(limit: -1)))
        XCTAssertEqual(writes("pids"), ["pids.max <- 0", "pids.max <- max"])

        try manager.set(R(blockIO: .init(weight: 300, leafWeight: 200,
                                         weightDevice: [.init(major: 8, minor: 0, weight: 500, leafWeight: 100)],
                                         throttleReadBpsDevice: [.init(major: 8, minor: 0, rate: 600)],
                                         throttleWriteBpsDevice: [.init(major: 8, minor: 0, rate: 700)],
                                         throttleReadIOPSDevice: [.init(major: 8, minor: 16, rate: 80)],
                                         throttleWriteIOPSDevice: [.init(major: 8, minor: 16, rate: 90)])))
        XCTAssertEqual(writes("blkio"), [
            "blkio.weight <- 300", "blkio.leaf_weight <- 200", "blkio.weight_device <- 8:0 500",
            "blkio.leaf_weight_device <- 8:0 100", "blkio.throttle.read_bps_device <- 8:0 600",
            "blkio.throttle.write_bps_device <- 8:0 700", "blkio.throttle.read_iops_device <- 8:16 80",
            "blkio.throttle.write_iops_device <- 8:16 90",
        ])

        try manager.set(R(hugepageLimits: [.init(pageSize: "2MB", limit: 4 << 20)]))
        XCTAssertEqual(writes("hugetlb"), ["hugetlb.2MB.limit_in_bytes <- 4194304", "hugetlb.2MB.rsvd.limit_in_bytes <- 4194304"])
        XCTAssertThrowsError(try manager.set(R(hugepageLimits: [.init(pageSize: "3MB", limit: 1)]))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.hugepageLimits[0].pageSize")
        }

        try manager.set(R(network: .init(classID: 0x100001, priorities: [.init(name: "eth0", priority: 5), .init(name: "lo", priority: 2)])))
        XCTAssertEqual(writes("net_cls"), ["net_cls.classid <- 1048577"])
        XCTAssertEqual(writes("net_prio"), ["net_prio.ifpriomap <- eth0 5", "net_prio.ifpriomap <- lo 2"])

        try manager.set(R(rdma: ["mlx5_1": .init(hcaHandles: 3, hcaObjects: 10000), "rxe3": .init(hcaObjects: 5)]))
        XCTAssertEqual(writes("rdma"), ["rdma.max <- mlx5_1 hca_handle=3 hca_object=10000", "rdma.max <- rxe3 hca_object=5"])
        XCTAssertThrowsError(try manager.set(R(rdma: ["x": .init()]))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.rdma[\"x\"]")
        }
    }

    func testBFQWeightFiles() throws {
        let d = dir("blkio")
        fs.files[d + "/blkio.weight"] = nil
        fs.files[d + "/blkio.weight_device"] = nil
        fs.files[d + "/blkio.bfq.weight"] = "100"
        fs.files[d + "/blkio.bfq.weight_device"] = ""
        try manager.set(R(blockIO: .init(weight: 300, weightDevice: [.init(major: 8, minor: 0, weight: 50)])))
        XCTAssertEqual(writes("blkio"), ["blkio.bfq.weight <- 300", "blkio.bfq.weight_device <- 8:0 50"])
        fs.files[d + "/blkio.leaf_weight"] = nil
        XCTAssertThrowsError(try manager.set(R(blockIO: .init(leafWeight: 300)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.blockIO.leafWeight")
        }
    }

    func testMissingControllerNamesTheField() throws {
        let (fs, mounts, own) = FakeHosts.v1()
        var m2 = mounts
        m2.v1.removeAll { $0.controllers == ["hugetlb"] }
        let m = try Cgroups.manager(cgroupsPath: "/q", containerID: "q", mounts: m2, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        XCTAssertThrowsError(try m.set(R(hugepageLimits: [.init(pageSize: "2MB", limit: 1)]))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.hugepageLimits")
            XCTAssertTrue("\($0)".contains("hugetlb cgroup controller is not mounted"))
        }
    }

    func testUnifiedRefusedOnV1() {
        XCTAssertThrowsError(try manager.set(R(unified: ["memory.high": "1G"]))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.unified")
        }
    }

    func testDevices() throws {
        let d = dir("devices")
        // Simulate the kernel: devices.list follows the writes.
        fs.onWrite = { path, value in
            guard path.hasPrefix(d + "/devices.") else { return nil }
            var list = self.fs.files[d + "/devices.list"] ?? ""
            if value == "a *:* rwm" { list = path.hasSuffix("allow") ? "a *:* rwm\n" : "" }
            else if path.hasSuffix("allow") { list += value + "\n" }
            else { list = list.split(separator: "\n").filter { $0 != value }.map { $0 + "\n" }.joined() }
            self.fs.files[d + "/devices.list"] = list
            return nil
        }
        let rules = try DevicePolicy.rules(resources: [.init(allow: false, access: "rwm")])
        try manager.set(R(), devices: rules)
        XCTAssertEqual(writes("devices").first, "devices.deny <- a *:* rwm")
        XCTAssertEqual(writes("devices").count, 1 + DevicePolicy.defaultAllowed.count)
        XCTAssertTrue(writes("devices").contains("devices.allow <- c 1:3 rwm"))
        // Same rules again: nothing to write.
        fs.writes = []
        try manager.set(R(), devices: rules)
        XCTAssertEqual(writes("devices"), [])
    }

    func testFreezeWaitsForFrozen() throws {
        let d = dir("freezer")
        var sleeps = 0
        fs.onWrite = { path, value in
            path == d + "/freezer.state" && value == "FROZEN" ? (sleeps >= 3 ? "FROZEN\n" : "FREEZING\n") : nil
        }
        kernel.onSleep = { sleeps += 1 }
        try manager.freeze()
        XCTAssertEqual(try manager.freezerState(), .frozen)
        fs.onWrite = nil
        try manager.thaw()
        XCTAssertEqual(try manager.freezerState(), .thawed)
    }

    func testKillAllFreezesSignalsThaws() throws {
        fs.files[dir("devices") + "/cgroup.procs"] = "10\n11\n"
        _ = try fs.mkdir(dir("devices") + "/sub")
        fs.files[dir("devices") + "/sub/cgroup.procs"] = "12\n"
        fs.onWrite = { path, value in path.hasSuffix("freezer.state") && value == "FROZEN" ? "FROZEN" : nil }
        try manager.killAll(signal: SIGTERM)
        XCTAssertEqual(kernel.signals.map(\.0), [10, 11, 12])
        XCTAssertEqual(writes("freezer"), ["freezer.state <- FROZEN", "freezer.state <- THAWED"])
        XCTAssertEqual(try manager.pids(recursive: false), [10, 11])
    }

    func testOOMCount() throws {
        XCTAssertEqual(try manager.oomKillCount(), 3)
    }
}
