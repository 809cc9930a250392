import XCTest
import OCISpec
@testable import Cgroups

final class V2ResourceTests: XCTestCase {
    typealias R = Spec.Linux.Resources
    var fs: MemoryCgroupFS!
    var kernel: FakeKernel!
    var manager: CgroupV2Manager!
    let dir = "/sys/fs/cgroup/swiftlet/c1"

    override func setUp() {
        let (fs, mounts, own) = FakeHosts.v2()
        self.fs = fs
        kernel = FakeKernel()
        manager = try! Cgroups.manager(cgroupsPath: "/swiftlet/c1", containerID: "c1", mounts: mounts, own: own,
                                       fs: fs, kernel: kernel) as? CgroupV2Manager
        try! manager.create(resources: nil)
        fs.writes = []
    }

    var writes: [String] { fs.writes(in: dir) }

    func testCreateEnablesControllersDownThePath() throws {
        let (fs, mounts, own) = FakeHosts.v2()
        let m = try Cgroups.manager(cgroupsPath: "/a/b/c", containerID: "c", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        try m.create(resources: nil)
        let all = "+cpuset +cpu +io +memory +hugetlb +pids +rdma +misc"
        XCTAssertEqual(fs.writes.map(\.description), [
            "/sys/fs/cgroup/cgroup.subtree_control <- \(all)",
            "/sys/fs/cgroup/a/cgroup.subtree_control <- \(all)",
            "/sys/fs/cgroup/a/b/cgroup.subtree_control <- \(all)",
        ])
        XCTAssertEqual(m.record.created, ["/sys/fs/cgroup/a", "/sys/fs/cgroup/a/b", "/sys/fs/cgroup/a/b/c"])
        try m.add(pid: 7)
        XCTAssertEqual(fs.files["/sys/fs/cgroup/a/b/c/cgroup.procs"], "7")
        try m.destroy()
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/a"))
    }

    func testCreateIntoDomainInvalidCgroupWithDomainControllersFails() throws {
        let (fs, mounts, own) = FakeHosts.v2()
        fs.addDirectory("/sys/fs/cgroup/t", files: FakeHosts.v2Files(controllers: "cpu memory").merging(["cgroup.type": "domain invalid"]) { $1 })
        let m = try Cgroups.manager(cgroupsPath: "/t/c", containerID: "c", mounts: mounts, own: own, fs: fs, kernel: FakeKernel())
        XCTAssertThrowsError(try m.create(resources: R(memory: .init(limit: 1 << 20)))) {
            XCTAssertEqual(($0 as? CgroupError)?.kind, .state)
        }
        XCTAssertFalse(fs.exists("/sys/fs/cgroup/t/c"))
        XCTAssertTrue(fs.exists("/sys/fs/cgroup/t"))
    }

    func testMemoryConversions() throws {
        try manager.set(R(memory: .init(limit: 1 << 30, reservation: 1 << 29, swap: 3 << 29)))
        XCTAssertEqual(writes, ["memory.swap.max <- 536870912", "memory.max <- 1073741824", "memory.low <- 536870912"])
        fs.writes = []
        try manager.set(R(memory: .init(limit: 4096, swap: 4096)))
        XCTAssertEqual(writes, ["memory.swap.max <- 0", "memory.max <- 4096"])
        fs.writes = []
        try manager.set(R(memory: .init(limit: -1)))
        XCTAssertEqual(writes, ["memory.swap.max <- max", "memory.max <- max"])
        XCTAssertThrowsError(try manager.set(R(memory: .init(swap: 4096)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.memory.swap")
        }
    }

    func testMemoryWarningsAndCheckBeforeUpdate() throws {
        try manager.set(R(memory: .init(kernel: 1, kernelTCP: 1, swappiness: 1, disableOOMKiller: true, useHierarchy: false)))
        XCTAssertEqual(writes, [])
        XCTAssertEqual(manager.warnings.count, 5)
        XCTAssertTrue(manager.warnings[0].hasPrefix("linux.resources.memory.kernel: "))
        XCTAssertThrowsError(try manager.set(R(memory: .init(limit: 500, checkBeforeUpdate: true)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.memory.limit")
            XCTAssertTrue("\($0)".contains("below the current usage 1000"))
        }
    }

    func testConversionFormulas() {
        XCTAssertEqual(CgroupV2Conversion.cpuWeight(shares: 1024), 39)
        XCTAssertEqual(CgroupV2Conversion.cpuWeight(shares: 2), 1)
        XCTAssertEqual(CgroupV2Conversion.cpuWeight(shares: 262_144), 10_000)
        XCTAssertEqual(CgroupV2Conversion.cpuWeight(shares: 1), 1)
        XCTAssertEqual(CgroupV2Conversion.ioWeight(blkioWeight: 10), 1)
        XCTAssertEqual(CgroupV2Conversion.ioWeight(blkioWeight: 500), 4950)
        XCTAssertEqual(CgroupV2Conversion.ioWeight(blkioWeight: 1000), 10_000)
        XCTAssertEqual(try CgroupV2Conversion.swapMax(swap: 0, memory: -1), -1)
        XCTAssertEqual(try CgroupV2Conversion.swapMax(swap: -1, memory: 100), -1)
        XCTAssertEqual(try CgroupV2Conversion.swapMax(swap: 300, memory: 100), 200)
        XCTAssertEqual(try CgroupV2Conversion.swapMax(swap: 300, memory: -1), 300)
        XCTAssertThrowsError(try CgroupV2Conversion.swapMax(swap: 50, memory: 100))
    }

    func testCPU() throws {
        try manager.set(R(cpu: .init(shares: 1024, quota: 50000, burst: 1000, period: 20000, cpus: "0", mems: "0", idle: 0)))
        XCTAssertEqual(writes, ["cpu.idle <- 0", "cpu.weight <- 39", "cpu.max.burst <- 1000", "cpu.max <- 50000 20000",
                                "cpuset.cpus <- 0", "cpuset.mems <- 0"])
        // Changing only the period keeps the quota, and vice versa.
        fs.writes = []
        try manager.set(R(cpu: .init(period: 10000)))
        try manager.set(R(cpu: .init(quota: -1)))
        XCTAssertEqual(writes, ["cpu.max <- 50000 10000", "cpu.max <- max 10000"])
        XCTAssertThrowsError(try manager.set(R(cpu: .init(realtimeRuntime: 100)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.cpu.realtimeRuntime")
        }
        XCTAssertThrowsError(try manager.set(R(cpu: .init(quota: 100, burst: 1000)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.cpu.burst")
        }
    }

    func testIO() throws {
        try manager.set(R(blockIO: .init(weight: 500, leafWeight: 10, weightDevice: [.init(major: 8, minor: 0, weight: 10)],
                                         throttleReadBpsDevice: [.init(major: 8, minor: 0, rate: 600)],
                                         throttleWriteBpsDevice: [.init(major: 8, minor: 0, rate: 700)],
                                         throttleReadIOPSDevice: [.init(major: 8, minor: 16, rate: 80)],
                                         throttleWriteIOPSDevice: [.init(major: 8, minor: 16, rate: 90)])))
        XCTAssertEqual(writes, ["io.weight <- 4950", "io.weight <- 8:0 1", "io.max <- 8:0 rbps=600", "io.max <- 8:0 wbps=700",
                                "io.max <- 8:16 riops=80", "io.max <- 8:16 wiops=90"])
        XCTAssertEqual(manager.warnings, ["linux.resources.blockIO.leafWeight: cgroup v2 has no leaf weights; ignored"])
        // With BFQ the v1 scale is used directly.
        fs.writes = []
        fs.files[dir + "/io.bfq.weight"] = "default 100"
        try manager.set(R(blockIO: .init(weight: 500, weightDevice: [.init(major: 8, minor: 0, weight: 10)])))
        XCTAssertEqual(writes, ["io.bfq.weight <- 500", "io.bfq.weight <- 8:0 10"])
    }

    func testPidsHugetlbRdma() throws {
        try manager.set(R(pids: .init(limit: 32), hugepageLimits: [.init(pageSize: "2MB", limit: 2 << 20)],
                          rdma: ["mlx4_0": .init(hcaObjects: 1000)]))
        XCTAssertEqual(writes, ["pids.max <- 32", "hugetlb.2MB.max <- 2097152", "hugetlb.2MB.rsvd.max <- 2097152",
                                "rdma.max <- mlx4_0 hca_object=1000"])
        XCTAssertThrowsError(try manager.set(R(network: .init(classID: 1)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.network")
        }
    }

    func testUnifiedValidation() throws {
        fs.files[dir + "/cgroup.max.depth"] = "max"
        fs.files[dir + "/memory.high"] = "max"
        try manager.set(R(unified: ["memory.high": "1G", "cgroup.max.depth": "3"]))
        XCTAssertEqual(writes, ["cgroup.max.depth <- 3", "memory.high <- 1G"])
        for bad in ["../memory.max", "memory/x", "nodot", ".."] {
            XCTAssertThrowsError(try manager.set(R(unified: [bad: "1"]))) {
                XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.unified[\"\(bad)\"]", "\($0)")
            }
        }
        // A controller that is not enabled in the cgroup.
        fs.files[dir + "/cgroup.controllers"] = "cpu pids"
        XCTAssertThrowsError(try manager.set(R(unified: ["memory.high": "1G"]))) {
            XCTAssertTrue("\($0)".contains("the memory controller is not available"), "\($0)")
        }
        XCTAssertThrowsError(try manager.set(R(memory: .init(limit: 1 << 20)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.memory")
        }
    }

    func testDevicesInstallProgram() throws {
        let rules = try DevicePolicy.rules(resources: [.init(allow: false, access: "rwm")])
        try manager.set(R(), devices: rules)
        XCTAssertEqual(kernel.programs.count, 1)
        XCTAssertEqual(kernel.programs[0].directory, dir)
        XCTAssertEqual(kernel.programs[0].program, try DeviceFilterProgram.instructions(for: rules))
        // nil devices (update) leaves the program alone.
        try manager.update(R(pids: .init(limit: 5)))
        XCTAssertEqual(kernel.programs.count, 1)
        kernel.installError = EPERM
        XCTAssertThrowsError(try manager.set(R(), devices: rules)) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.devices")
        }
    }

    func testFreezeAndKill() throws {
        fs.onWrite = { path, value in
            if path == self.dir + "/cgroup.freeze" {
                self.fs.files[self.dir + "/cgroup.events"] = "populated 1\nfrozen \(value)\n"
            }
            return nil
        }
        try manager.freeze()
        XCTAssertEqual(try manager.freezerState(), .frozen)
        try manager.thaw()
        XCTAssertEqual(try manager.freezerState(), .thawed)
        try manager.killAll(signal: SIGKILL)
        XCTAssertTrue(writes.contains("cgroup.kill <- 1"))
        fs.files[dir + "/cgroup.procs"] = "5\n6\n"
        try manager.killAll(signal: SIGTERM)
        XCTAssertEqual(kernel.signals.map(\.0), [5, 6])
        XCTAssertEqual(try manager.oomKillCount(), 1)
    }
}
