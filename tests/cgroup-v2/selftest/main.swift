// cgroup-selftest: exercises the Cgroups v2 driver on a real cgroup v2
// kernel (the test VM). Prints TAP and a closing "N passed, N failed".
import CShims
import Cgroups
import OCISpec
#if canImport(Glibc)
import Glibc
#endif

typealias R = Spec.Linux.Resources
let cgroot = "/sys/fs/cgroup"
nonisolated(unsafe) let kernel = HostCgroupKernel()
nonisolated(unsafe) var probes: [Probe] = []

func firstBlockDevice() -> (UInt32, UInt32)? {
    // selftest.sh backs loop0 with a file.
    let loop0 = readFile("/sys/block/loop0/dev").split(separator: ":")
    if loop0.count == 2, let a = UInt32(loop0[0]), let b = UInt32(loop0[1]) { return (a, b) }
    guard let dir = opendir("/sys/block") else { return nil }
    defer { closedir(dir) }
    while let e = readdir(dir) {
        let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
        guard !name.hasPrefix(".") else { continue }
        let mm = readFile("/sys/block/\(name)/dev").split(separator: ":")
        if mm.count == 2, let a = UInt32(mm[0]), let b = UInt32(mm[1]) { return (a, b) }
    }
    return nil
}

func layoutAndPaths() throws {
    let mounts = try CgroupMounts.detect()
    TAP.equal(mounts.layout, .unified, "layout: pure cgroup v2 detected")
    let rel = try Cgroups.manager(cgroupsPath: nil, containerID: "selftest-default")
    TAP.equal(rel.record.unifiedPath, "\(cgroot)/selftest-default", "empty cgroupsPath: <id> relative to our cgroup's parent")
    try rel.create(resources: nil)
    TAP.ok(exists("\(cgroot)/selftest-default"), "default path created")
    try rel.destroy()
    TAP.ok(!exists("\(cgroot)/selftest-default"), "default path removed")
    TAP.throwsError("systemd driver refused", containing: "systemd cgroup driver is not implemented") {
        _ = try Cgroups.manager(cgroupsPath: "a:b:c", containerID: "x", systemdCgroup: true)
    }
}

func resourcesDevicesFreezeStatsKill() throws {
    let m = try Cgroups.manager(cgroupsPath: "/swiftlet-selftest/c1", containerID: "c1")
    let dir = m.record.unifiedPath!
    defer { try? m.killAll(signal: SIGKILL); probes.forEach { $0.kill() }; probes = []; try? m.destroy() }
    try m.create(resources: nil)
    TAP.equal(m.record.created, ["\(cgroot)/swiftlet-selftest", dir], "nested path created, levels recorded")
    for level in [cgroot, "\(cgroot)/swiftlet-selftest"] {
        let enabled = readFile(level + "/cgroup.subtree_control")
        TAP.ok(["cpu", "memory", "pids", "io", "hugetlb", "cpuset"].allSatisfy { enabled.contains($0) },
               "controllers enabled in \(level)/cgroup.subtree_control", enabled)
    }

    let child = Probe(probing: ["/dev/null", "/tmp/kmsg", "/tmp/blk70", "/tmp/blk71"])
    probes.append(child)
    try m.add(pid: child.pid)
    TAP.equal(readFile("/proc/\(child.pid)/cgroup"), "0::/swiftlet-selftest/c1", "child moved into the cgroup")
    TAP.equal(try m.pids(recursive: true), [child.pid], "pids lists the child")

    let block = firstBlockDevice()
    var res = R(
        memory: .init(limit: 64 << 20, reservation: 32 << 20, swap: 96 << 20, kernel: 1 << 20, checkBeforeUpdate: true),
        cpu: .init(shares: 2048, quota: 50000, burst: 10000, period: 100000, cpus: "0", mems: "0", idle: 0),
        pids: .init(limit: 32),
        hugepageLimits: [.init(pageSize: "2MB", limit: 4 << 20)],
        unified: ["memory.high": "50331648"])
    if let (major, minor) = block {
        res.blockIO = .init(weight: 500, throttleReadBpsDevice: [.init(major: Int64(major), minor: Int64(minor), rate: 1 << 20)],
                            throttleWriteIOPSDevice: [.init(major: Int64(major), minor: Int64(minor), rate: 120)])
    }
    let rules = try DevicePolicy.rules(resources: [.init(allow: false, access: "rwm"),
                                                   .init(allow: true, type: "b", major: 7, minor: 0, access: "r")])
    try m.set(res, devices: rules)
    TAP.equal(readFile(dir + "/memory.max"), "67108864", "memory.limit -> memory.max")
    TAP.equal(readFile(dir + "/memory.low"), "33554432", "memory.reservation -> memory.low")
    TAP.equal(readFile(dir + "/memory.swap.max"), "33554432", "memory.swap (mem+swap) -> memory.swap.max (swap only)")
    TAP.equal(readFile(dir + "/memory.high"), "50331648", "unified memory.high written")
    TAP.ok(m.warnings.contains { $0.hasPrefix("linux.resources.memory.kernel:") }, "memory.kernel: warning on v2", "\(m.warnings)")
    TAP.equal(readFile(dir + "/cpu.weight"), "79", "cpu.shares 2048 -> cpu.weight 79")
    TAP.equal(readFile(dir + "/cpu.max"), "50000 100000", "cpu quota/period -> cpu.max")
    TAP.equal(readFile(dir + "/cpu.max.burst"), "10000", "cpu.burst -> cpu.max.burst")
    TAP.equal(readFile(dir + "/cpu.idle"), "0", "cpu.idle")
    TAP.equal(readFile(dir + "/cpuset.cpus"), "0", "cpu.cpus -> cpuset.cpus")
    TAP.equal(readFile(dir + "/cpuset.mems"), "0", "cpu.mems -> cpuset.mems")
    TAP.equal(readFile(dir + "/pids.max"), "32", "pids.limit -> pids.max")
    TAP.equal(readFile(dir + "/hugetlb.2MB.max"), "4194304", "hugepageLimits -> hugetlb.2MB.max")
    TAP.equal(readFile(dir + "/hugetlb.2MB.rsvd.max"), "4194304", "hugepageLimits -> hugetlb.2MB.rsvd.max")
    if let (major, minor) = block {
        TAP.ok(readFile(dir + "/io.max").contains("\(major):\(minor) rbps=1048576 wbps=max riops=max wiops=120"),
               "blockIO throttles -> io.max", readFile(dir + "/io.max"))
        if exists(dir + "/io.bfq.weight") {
            TAP.ok(readFile(dir + "/io.bfq.weight").contains("500"), "blockIO.weight -> io.bfq.weight")
        } else {
            TAP.ok(readFile(dir + "/io.weight").contains("4950"), "blockIO.weight 500 -> io.weight 4950", readFile(dir + "/io.weight"))
        }
    } else {
        TAP.ok(true, "blockIO # SKIP no block device in the VM")
    }

    // Device program: /dev/null and b 7:0 (read) allowed, c 1:11 and b 7:1 denied.
    let ids = try kernel.deviceProgramIDs(cgroup: dir)
    TAP.equal(ids.count, 1, "one device program attached")
    let errs = child.release()
    TAP.equal(errs[0], 0, "devices: /dev/null opens")
    TAP.equal(errs[1], EPERM, "devices: c 1:11 denied (EPERM)")
    TAP.ok(errs[2] != EPERM, "devices: b 7:0 read allowed", "errno \(errs[2])")
    TAP.equal(errs[3], EPERM, "devices: b 7:1 denied (EPERM)")

    // Replacing the policy swaps the program (never two).
    let rules2 = rules + [DeviceRule(.char, 1, 11, .read, allow: true)]
    try m.set(R(), devices: rules2)
    let ids2 = try kernel.deviceProgramIDs(cgroup: dir)
    TAP.ok(ids2.count == 1 && ids2 != ids, "device program replaced on update", "\(ids) -> \(ids2)")
    let child2 = Probe(probing: ["/tmp/kmsg", "/tmp/blk71"])
    probes.append(child2)
    try m.add(pid: child2.pid)
    let errs2 = child2.release()
    TAP.ok(errs2[0] != EPERM && errs2[1] == EPERM, "new policy enforced (c 1:11 allowed, b 7:1 still denied)", "\(errs2)")

    try m.update(R(memory: .init(limit: 80 << 20, swap: 80 << 20), pids: .init(limit: -1)))
    TAP.equal(readFile(dir + "/memory.max"), "83886080", "update: memory.max")
    TAP.equal(readFile(dir + "/memory.swap.max"), "0", "update: swap == limit -> no swap")
    TAP.equal(readFile(dir + "/pids.max"), "max", "update: pids -1 -> max")
    TAP.equal(try kernel.deviceProgramIDs(cgroup: dir), ids2, "update without devices keeps the program")
    TAP.throwsError("checkBeforeUpdate refuses a limit below usage", containing: "below the current usage") {
        try m.update(R(memory: .init(limit: 4096, checkBeforeUpdate: true)))
    }

    try m.freeze()
    TAP.equal(try m.freezerState(), .frozen, "freeze: cgroup.events frozen 1")
    try m.thaw()
    TAP.equal(try m.freezerState(), .thawed, "thaw")

    let stats = try m.stats()
    TAP.equal(stats.pids.current, 2, "stats: pids.current")
    TAP.equal(stats.memory.usage.limit, 80 << 20, "stats: memory limit")
    TAP.ok(stats.memory.usage.usage > 0, "stats: memory usage", "\(stats.memory.usage)")
    TAP.ok(stats.cpu.usage.total > 0, "stats: cpu usage", "\(stats.cpu.usage)")
    TAP.ok(stats.hugetlb["2MB"] != nil, "stats: hugetlb 2MB", "\(stats.hugetlb.keys)")
    let json = JSON.encode(stats)
    TAP.ok(json.contains("\"pids\":{\"current\":2}") && json.hasSuffix("\"intel_rdt\":{},\"network_interfaces\":null}"),
           "stats JSON in runc's shape", json)

    // SIGTERM path: freeze, signal each, thaw.
    try m.killAll(signal: SIGTERM)
    let s1 = child.wait(), s2 = child2.wait()
    probes = []
    TAP.ok(sw_wtermsig(s1) == SIGTERM && sw_wtermsig(s2) == SIGTERM, "killAll(SIGTERM) reached every process")
    TAP.equal(try m.freezerState(), .thawed, "killAll left the cgroup thawed")

    // SIGKILL path: cgroup.kill.
    let child3 = Probe()
    probes.append(child3)
    try m.add(pid: child3.pid)
    try m.killAll(signal: SIGKILL)
    TAP.equal(sw_wtermsig(child3.wait()), SIGKILL, "killAll(SIGKILL) via cgroup.kill")
    probes = []

    TAP.throwsError("rdma for a missing device is an error naming the field", containing: "linux.resources.rdma[\"mlx5_1\"]") {
        try m.set(R(rdma: ["mlx5_1": .init(hcaHandles: 3)]))
    }
    TAP.throwsError("network is refused on v2", containing: "linux.resources.network") {
        try m.set(R(network: .init(classID: 1)))
    }
    TAP.throwsError("realtime is refused on v2", containing: "linux.resources.cpu.realtimeRuntime") {
        try m.set(R(cpu: .init(realtimeRuntime: 1000)))
    }
    TAP.throwsError("unified key with .. is refused", containing: "linux.resources.unified[\"../cgroup.procs\"]") {
        try m.set(R(unified: ["../cgroup.procs": "1"]))
    }
    TAP.throwsError("unified unknown file is an error naming the key", containing: "linux.resources.unified[\"memory.bogus\"]") {
        try m.set(R(unified: ["memory.bogus": "1"]))
    }
    TAP.throwsError("unknown huge page size", containing: "hugepageLimits[0].pageSize") {
        try m.set(R(hugepageLimits: [.init(pageSize: "3MB", limit: 1)]))
    }

    let record = m.record
    try Cgroups.open(record).destroy()
    TAP.ok(!exists(dir) && !exists("\(cgroot)/swiftlet-selftest"), "destroy removed the cgroup and the parent it created")
}

func oom() throws {
    let m = try Cgroups.manager(cgroupsPath: "/swiftlet-selftest-oom", containerID: "oom")
    defer { probes.forEach { $0.kill() }; probes = []; try? m.destroy() }
    try m.create(resources: nil)
    let child = Probe(allocate: 64 << 20)
    probes.append(child)
    try m.add(pid: child.pid)
    try m.set(R(memory: .init(limit: 8 << 20, swap: 8 << 20)))
    let watcher = try m.oomWatcher()
    _ = child.release()
    let status = child.wait()
    probes = []
    TAP.equal(sw_wtermsig(status), SIGKILL, "OOM: child killed")
    var pfd = pollfd(fd: watcher.fd, events: Int16(POLLIN), revents: 0)
    TAP.equal(poll(&pfd, 1, 5000), 1, "OOM: watcher fd readable")
    TAP.ok(watcher.consume(), "OOM: event reported")
    TAP.ok(try m.oomKillCount() >= 1, "OOM: memory.events oom_kill counted")
}

func createFailureCleansUp() throws {
    let m = try Cgroups.manager(cgroupsPath: "/swiftlet-selftest-fail/x", containerID: "x")
    TAP.throwsError("create+set failure reports the field", containing: "linux.resources.cpu.cpus") {
        try m.create(resources: nil)
        try m.set(R(cpu: .init(cpus: "99")))
    }
    try m.destroy()
    TAP.ok(!exists("\(cgroot)/swiftlet-selftest-fail"), "destroy after a failed create removes everything")
}

// Device nodes for the probes (mknod is allowed by the default rules).
_ = mknodDevice("/tmp/kmsg", char: true, 1, 11)
_ = mknodDevice("/tmp/blk70", char: false, 7, 0)
_ = mknodDevice("/tmp/blk71", char: false, 7, 1)

let started = clock()
TAP.step("layout and default paths", layoutAndPaths)
TAP.step("resources, devices, freezer, stats, kill, destroy", resourcesDevicesFreezeStatsKill)
TAP.step("OOM events", oom)
TAP.step("failed create cleanup", createFailureCleansUp)
print("# cpu time \(Double(clock() - started) / Double(CLOCKS_PER_SEC)) s")
TAP.finish()
