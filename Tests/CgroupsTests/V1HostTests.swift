import XCTest
import CShims
import OCISpec
import Syscalls
@testable import Cgroups
#if canImport(Glibc)
import Glibc
#endif

/// Real cgroup v1 on this host (root only): every resource the host
/// supports, a child moved in, devices enforced, freeze, stats, kill,
/// OOM, destroy. Cgroups are made relative to our own (runc's rule), so
/// they nest inside whatever cgroup runs the tests.
final class V1HostTests: XCTestCase {
    typealias R = Spec.Linux.Resources
    var manager: (any CgroupManager)?
    var children: [ProbeChild] = []

    override func setUpWithError() throws {
        try XCTSkipUnless(getuid() == 0, "needs root")
        let mounts = try CgroupMounts.detect()
        try XCTSkipIf(mounts.layout == .unified, "host is cgroup v2")
    }

    override func tearDown() {
        children.forEach { $0.kill() }
        if let m = manager { try? m.killAll(signal: SIGKILL); try? m.destroy() }
    }

    func make(_ path: String) throws -> any CgroupManager {
        let m = try Cgroups.manager(cgroupsPath: path, containerID: "t")
        manager = m
        return m
    }

    func read(_ dir: String?, _ file: String) -> String {
        guard let dir else { return "<no dir>" }
        return StatParse.trim((try? FileIO.readString(dir + "/" + file)) ?? "<missing>")
    }

    func testEveryResourceChildDevicesFreezeStatsKillDestroy() throws {
        let m = try make("swiftlet-test-\(getpid())")
        let res = R(
            memory: .init(limit: 64 << 20, reservation: 32 << 20, swap: 128 << 20, kernel: 32 << 20, kernelTCP: 16 << 20, swappiness: 20,
                          disableOOMKiller: false, useHierarchy: true),
            cpu: .init(shares: 512, quota: 20000, burst: 5000, period: 100000, realtimeRuntime: 1000, realtimePeriod: 1_000_000,
                       cpus: "0", mems: "0", idle: 0),
            pids: .init(limit: 64),
            blockIO: .init(throttleReadBpsDevice: [.init(major: 254, minor: 0, rate: 1 << 20)],
                           throttleWriteIOPSDevice: [.init(major: 254, minor: 0, rate: 100)]))
        try m.create(resources: res)
        let p = m.record.paths
        XCTAssertEqual(m.record.layout, .hybrid)
        for dir in Set(p.values) { XCTAssertTrue(FileIO.exists(dir), dir) }

        let child = ProbeChild(probing: ["/dev/null", "/dev/kmsg", "/dev/loop0", "/dev/loop1"])
        children.append(child)
        try m.add(pid: child.pid)
        let rules = try DevicePolicy.rules(resources: [.init(allow: false, access: "rwm"),
                                                       .init(allow: true, type: "b", major: 7, minor: 0, access: "r")])
        try m.set(res, devices: rules)

        XCTAssertEqual(read(p["memory"], "memory.limit_in_bytes"), "67108864")
        // Linux >= 5.16 accepts kmem.limit_in_bytes but enforces nothing: warned.
        if read(p["memory"], "memory.kmem.limit_in_bytes") != "33554432" {
            XCTAssertTrue(m.warnings.contains { $0.hasPrefix("linux.resources.memory.kernel: ") }, "\(m.warnings)")
        }
        XCTAssertEqual(read(p["memory"], "memory.memsw.limit_in_bytes"), "134217728")
        XCTAssertEqual(read(p["memory"], "memory.soft_limit_in_bytes"), "33554432")
        XCTAssertEqual(read(p["memory"], "memory.kmem.tcp.limit_in_bytes"), "16777216")
        XCTAssertEqual(read(p["memory"], "memory.swappiness"), "20")
        XCTAssertEqual(read(p["cpu"], "cpu.shares"), "512")
        XCTAssertEqual(read(p["cpu"], "cpu.cfs_quota_us"), "20000")
        XCTAssertEqual(read(p["cpu"], "cpu.cfs_period_us"), "100000")
        XCTAssertEqual(read(p["cpu"], "cpu.cfs_burst_us"), "5000")
        XCTAssertEqual(read(p["cpu"], "cpu.rt_runtime_us"), "1000")
        XCTAssertEqual(read(p["cpuset"], "cpuset.cpus"), "0")
        XCTAssertEqual(read(p["pids"], "pids.max"), "64")
        XCTAssertEqual(read(p["blkio"], "blkio.throttle.read_bps_device"), "254:0 1048576")
        XCTAssertEqual(read(p["blkio"], "blkio.throttle.write_iops_device"), "254:0 100")
        XCTAssertTrue(read(p["devices"], "devices.list").contains("b 7:0 r"))
        XCTAssertFalse(read(p["devices"], "devices.list").contains("a *:*"))

        // The child is in every hierarchy, including the hybrid unified one.
        let cg = ProcessCgroups.parse(try FileIO.readString("/proc/\(child.pid)/cgroup"))
        XCTAssertEqual(cg.paths[""].map { "/sys/fs/cgroup/unified" + $0 }, p["unified"])
        XCTAssertEqual(cg.paths["memory"].map { "/sys/fs/cgroup/memory" + $0 }, p["memory"])
        XCTAssertEqual(try m.pids(recursive: true), [child.pid])

        // Devices enforced: null and loop0 (read) allowed; kmsg and loop1 denied.
        XCTAssertEqual(child.release(), [0, EPERM, 0, EPERM])

        try m.freeze()
        XCTAssertEqual(try m.freezerState(), .frozen)
        try m.thaw()
        XCTAssertEqual(try m.freezerState(), .thawed)

        let stats = try m.stats()
        XCTAssertEqual(stats.pids.current, 1)
        XCTAssertEqual(stats.pids.limit, 64)
        XCTAssertEqual(stats.memory.usage.limit, 64 << 20)
        XCTAssertGreaterThan(stats.memory.usage.usage, 0)
        XCTAssertGreaterThan(stats.cpu.usage.total, 0)
        XCTAssertEqual(stats.cpuset.cpus, [0])
        XCTAssertTrue(JSON.encode(stats).contains("\"pids\":{\"current\":1,\"limit\":64}"))

        // update: a partial Resources, devices untouched.
        try m.update(R(memory: .init(limit: 96 << 20, swap: 192 << 20), pids: .init(limit: -1)))
        XCTAssertEqual(read(p["memory"], "memory.limit_in_bytes"), "100663296")
        XCTAssertEqual(read(p["pids"], "pids.max"), "max")
        XCTAssertTrue(read(p["devices"], "devices.list").contains("b 7:0 r"))

        // Unsupported here: a clear error naming the field.
        XCTAssertThrowsError(try m.set(R(unified: ["memory.high": "1"]))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.unified")
        }

        try m.killAll(signal: SIGKILL)
        let status = child.wait()
        children.removeAll()
        XCTAssertEqual(sw_wifsignaled(status), 1)
        XCTAssertEqual(sw_wtermsig(status), SIGKILL)

        // A fresh manager from the record finds the same cgroup and removes it.
        let reopened = try Cgroups.open(m.record)
        try reopened.destroy()
        for dir in Set(p.values) { XCTAssertFalse(FileIO.exists(dir), dir) }
        manager = nil
    }

    func testNestedPathCreatedAndRemovedCompletely() throws {
        let top = "swiftlet-nest-\(getpid())"
        let m = try make("\(top)/a/b")
        try m.create(resources: nil)
        XCTAssertEqual(m.record.created.count, Set(m.record.paths.values).count * 3)
        let child = ProbeChild()
        children.append(child)
        try m.add(pid: child.pid)
        try m.set(R(cpu: .init(cpus: "0")), devices: try DevicePolicy.rules(resources: nil))
        child.kill()
        children.removeAll()
        try m.destroy()
        for dir in m.record.created { XCTAssertFalse(FileIO.exists(dir), dir) }
        manager = nil
    }

    func testOOMIsReported() throws {
        let m = try make("swiftlet-oom-\(getpid())")
        try m.create(resources: nil)
        let child = ProbeChild(allocate: 64 << 20)
        children.append(child)
        try m.add(pid: child.pid)
        try m.set(R(memory: .init(limit: 8 << 20, swap: 8 << 20)))
        let watcher = try m.oomWatcher()
        _ = child.release()
        let status = child.wait()
        children.removeAll()
        XCTAssertEqual(sw_wtermsig(status), SIGKILL)
        var pfd = pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&pfd, 1, 5000), 1)
        XCTAssertTrue(watcher.consume())
        XCTAssertGreaterThanOrEqual(try m.oomKillCount(), 1)
        try m.destroy()
        manager = nil
    }

    func testUnknownPageSizeAndMissingControllers() throws {
        let m = try make("swiftlet-miss-\(getpid())")
        try m.create(resources: nil)
        XCTAssertThrowsError(try m.set(R(network: .init(classID: 1)))) {
            XCTAssertEqual(($0 as? CgroupError)?.field, "linux.resources.network.classID")
        }
        try m.destroy()
        manager = nil
    }
}
