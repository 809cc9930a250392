import XCTest
@testable import OCISpec

final class ValidationTests: XCTestCase {
    /// Applies `mutate` to a valid spec and asserts validation fails at `path`.
    private func assertRejected(
        _ path: String, _ fragment: String? = nil, file: StaticString = #filePath, line: UInt = #line,
        _ mutate: (inout Spec) -> Void
    ) {
        var spec = Fixtures.valid()
        mutate(&spec)
        do {
            try spec.validate()
            XCTFail("expected \(path) to be rejected", file: file, line: line)
        } catch {
            XCTAssertEqual(error.path, path, error.description, file: file, line: line)
            if let fragment {
                XCTAssertTrue(error.message.contains(fragment), error.description, file: file, line: line)
            }
            XCTAssertEqual(error.description, "\(error.path): \(error.message)", file: file, line: line)
        }
    }

    private func assertAccepted(file: StaticString = #filePath, line: UInt = #line, _ mutate: (inout Spec) -> Void) {
        var spec = Fixtures.valid()
        mutate(&spec)
        do { try spec.validate() } catch { XCTFail("unexpected \(error)", file: file, line: line) }
    }

    // MARK: accepted configurations

    func testDefaultsAreValid() throws {
        try Spec.runcDefault(rootless: false).validate()
        try Spec.runcDefault(rootless: true).validate()
    }

    func testSpecExampleIsValidOnceVersionIsSupported() throws {
        var spec = try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/spec-example.json")
        XCTAssertThrowsError(try spec.validate()) { XCTAssertEqual(($0 as? SpecError)?.path, "ociVersion") }
        spec.ociVersion = "1.3.0"
        try spec.validate()
    }

    func testMinimalForStartIsValid() throws {
        try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/minimal-for-start.json").validate()
    }

    func testRuncSpecOutputIsValid() throws {
        for rootless in [false, true] {
            try JSON.decode(Spec.self, from: Fixtures.runcSpec(rootless: rootless)).validate()
        }
    }

    func testBadHugepageExample() throws {
        var spec = try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/bad/linux-hugepage.json")
        spec.process = Fixtures.valid().process
        XCTAssertThrowsError(try spec.validate()) {
            XCTAssertEqual(($0 as? SpecError)?.path, "linux.resources.hugepageLimits[0].pageSize")
        }
    }

    func testCompatibilityLeniency() {
        // runc treats relative mount destinations as relative to "/".
        assertAccepted { $0.mounts?.append(.init(destination: "data", type: "tmpfs", source: "tmpfs")) }
        // ...and accepts recursive propagation spellings and joined user namespaces without mappings.
        assertAccepted { $0.linux?.rootfsPropagation = "rprivate" }
        assertAccepted { $0.linux?.namespaces?.append(.init(type: "user", path: "/proc/1/ns/user")) }
        assertAccepted { $0.mounts?.append(.init(destination: "/b", type: "bind", source: "/x")) }
        assertAccepted { $0.linux?.sysctl = ["net/ipv4/conf/eth0.100/rp_filter": "1", "kernel.shmmax": "1", "fs.mqueue.msg_max": "2"] }
        assertAccepted { $0.linux?.sysctl = ["kernel.domainname": "x"] }
        assertAccepted { $0.linux?.intelRdt = .init(closID: "/") }
        XCTAssertEqual(Spec.Mount(destination: "data").absoluteDestination, "/data")
    }

    // MARK: ociVersion, root, process

    func testVersion() {
        assertRejected("ociVersion", "unsupported version 1.4.0 (swiftlet supports 1.0.0 to 1.3.x)") { $0.ociVersion = "1.4.0" }
        assertRejected("ociVersion", "unsupported version 2.0.0") { $0.ociVersion = "2.0.0" }
        assertRejected("ociVersion", "SemVer") { $0.ociVersion = "1.0" }
        assertAccepted { $0.ociVersion = "1.0.2-dev" }
        assertAccepted { $0.ociVersion = "1.3.7" }
    }

    func testRoot() {
        assertRejected("root") { $0.root = nil }
        assertRejected("root.path") { $0.root?.path = "" }
    }

    func testProcessBasics() {
        assertRejected("process") { $0.process = nil }
        assertRejected("process.cwd", "absolute") { $0.process?.cwd = "tmp" }
        assertRejected("process.cwd", "required") { $0.process?.cwd = "" }
        assertRejected("process.args") { $0.process?.args = [] }
        assertRejected("process.args") { $0.process?.args = nil }
        assertRejected("process.args[0]") { $0.process?.args = [""] }
        assertRejected("process.user.umask") { $0.process?.user.umask = 0o1000 }
        assertRejected("process.oomScoreAdj") { $0.process?.oomScoreAdj = 1001 }
    }

    func testEnv() {
        assertRejected("process.env[2]", "missing \"=\"") { $0.process?.env?.append("NOVALUE") }
        assertRejected("process.env[1]", "empty variable name") { $0.process?.env = ["A=1", "=x"] }
        assertRejected("process.env[0]", "NUL") { $0.process?.env = ["A=\u{0}"] }
        assertAccepted { $0.process?.env = ["EMPTY="] }
    }

    func testRlimits() {
        assertRejected("process.rlimits[1].type", "unknown rlimit \"RLIMIT_FOO\"") {
            $0.process?.rlimits?.append(.init(type: "RLIMIT_FOO", hard: 1, soft: 1))
        }
        assertRejected("process.rlimits[1].type", "duplicate") {
            $0.process?.rlimits?.append(.init(type: "RLIMIT_NOFILE", hard: 1, soft: 1))
        }
        assertRejected("process.rlimits[0].soft", "exceeds the hard limit") {
            $0.process?.rlimits = [.init(type: "RLIMIT_CORE", hard: 1, soft: 2)]
        }
    }

    func testCapabilities() {
        // Like runc: unknown names are warned about and skipped at setup, not rejected.
        assertAccepted { $0.process?.capabilities?.ambient = ["CAP_KILL", "CAP_NOPE"] }
        assertAccepted { $0.process?.capabilities?.inheritable = ["cap_kill"] }
        assertAccepted { $0.process?.capabilities?.bounding = CapabilityName.all.map(\.name) }
    }

    func testScheduler() {
        assertRejected("process.scheduler.policy") { $0.process?.scheduler = .init(policy: "SCHED_FAST") }
        assertRejected("process.scheduler.nice") { $0.process?.scheduler = .init(policy: "SCHED_OTHER", nice: 20) }
        assertRejected("process.scheduler.priority") { $0.process?.scheduler = .init(policy: "SCHED_OTHER", priority: 5) }
        assertRejected("process.scheduler.runtime") { $0.process?.scheduler = .init(policy: "SCHED_RR", runtime: 5) }
        assertRejected("process.scheduler.period") { $0.process?.scheduler = .init(policy: "SCHED_BATCH", period: 5) }
        assertRejected("process.scheduler.flags[0]") { $0.process?.scheduler = .init(policy: "SCHED_OTHER", flags: ["X"]) }
        assertAccepted { $0.process?.scheduler = .init(policy: "SCHED_FIFO", priority: 10) }
        assertAccepted { $0.process?.scheduler = .init(policy: "SCHED_DEADLINE", runtime: 1, deadline: 2, period: 3) }
    }

    func testIOPriorityAndAffinity() {
        assertRejected("process.ioPriority.class") { $0.process?.ioPriority = .init(priorityClass: "IOPRIO_CLASS_NONE") }
        assertRejected("process.ioPriority.priority") { $0.process?.ioPriority = .init(priorityClass: "IOPRIO_CLASS_BE", priority: 8) }
        assertRejected("process.execCPUAffinity.initial") { $0.process?.execCPUAffinity = .init(initial: "a") }
        assertRejected("process.execCPUAffinity.final") { $0.process?.execCPUAffinity = .init(final: "3-1") }
    }

    // MARK: hostname, mounts, hooks, annotations

    func testUTS() {
        assertRejected("hostname", "UTS namespace") { $0.linux?.namespaces?.removeAll { $0.type == "uts" } }
        assertRejected("domainname", "UTS namespace") {
            $0.hostname = nil
            $0.domainname = "d"
            $0.linux?.namespaces?.removeAll { $0.type == "uts" }
        }
    }

    func testMounts() {
        assertRejected("mounts[7].destination") { $0.mounts?.append(.init(destination: "", type: "tmpfs")) }
        assertRejected("mounts[7].type", "bind") { $0.mounts?.append(.init(destination: "/x", source: "/y")) }
        assertRejected("mounts[7].options[0]") { $0.mounts?.append(.init(destination: "/x", type: "tmpfs", options: [""])) }
        let map = [Spec.Linux.IDMapping(containerID: 0, hostID: 1000, size: 1)]
        assertRejected("mounts[7].gidMappings", "along with uidMappings") {
            $0.mounts?.append(.init(destination: "/x", source: "/y", options: ["bind"], uidMappings: map))
        }
        assertRejected("mounts[7].uidMappings", "along with gidMappings") {
            $0.mounts?.append(.init(destination: "/x", source: "/y", options: ["bind"], gidMappings: map))
        }
        assertRejected("mounts[7].uidMappings", "bind mounts") {
            $0.mounts?.append(.init(destination: "/x", type: "tmpfs", uidMappings: map, gidMappings: map))
        }
        assertRejected("mounts[7].source", "absolute") {
            $0.mounts?.append(.init(destination: "/x", source: "y", options: ["rbind"], uidMappings: map, gidMappings: map))
        }
        assertRejected("mounts[7].gidMappings[0].size") {
            $0.mounts?.append(.init(destination: "/x", source: "/y", options: ["rbind"], uidMappings: map,
                                    gidMappings: [.init(containerID: 0, hostID: 0, size: 0)]))
        }
    }

    func testHooks() {
        assertRejected("hooks.createRuntime[0].path", "absolute") { $0.hooks = .init(createRuntime: [.init(path: "hook")]) }
        assertRejected("hooks.poststop[1].timeout", "greater than zero") {
            $0.hooks = .init(poststop: [.init(path: "/a"), .init(path: "/b", timeout: 0)])
        }
        assertRejected("hooks.prestart[0].env[0]") { $0.hooks = .init(prestart: [.init(path: "/a", env: ["X"])]) }
    }

    func testAnnotations() {
        assertRejected("annotations") { $0.annotations = ["": "x"] }
    }

    // MARK: linux

    func testNamespaces() {
        assertRejected("linux.namespaces[5].type", "unknown namespace type \"net\"") { $0.linux?.namespaces?.append(.init(type: "net")) }
        assertRejected("linux.namespaces[5].type", "duplicate") { $0.linux?.namespaces?.append(.init(type: "pid")) }
        assertRejected("linux.namespaces[5].path", "absolute") { $0.linux?.namespaces?.append(.init(type: "cgroup", path: "ns")) }
    }

    func testUserMappings() {
        let map = [Spec.Linux.IDMapping(containerID: 0, hostID: 1000, size: 1000)]
        assertRejected("linux.uidMappings", "user namespace") { $0.linux?.uidMappings = map }
        assertRejected("linux.gidMappings", "user namespace") { $0.linux?.gidMappings = map }
        assertRejected("linux.uidMappings", "new user namespace") { $0.linux?.namespaces?.append(.init(type: "user")) }
        assertRejected("linux.gidMappings", "new user namespace") {
            $0.linux?.namespaces?.append(.init(type: "user"))
            $0.linux?.uidMappings = map
        }
        assertRejected("linux.uidMappings[0].size") {
            $0.linux?.namespaces?.append(.init(type: "user"))
            $0.linux?.uidMappings = [.init(containerID: 0, hostID: 0, size: 0)]
            $0.linux?.gidMappings = map
        }
    }

    func testTimeOffsets() {
        assertRejected("linux.timeOffsets", "time namespace") { $0.linux?.timeOffsets = ["monotonic": .init(secs: 1)] }
        assertRejected("linux.timeOffsets[\"realtime\"]", "unknown clock") {
            $0.linux?.namespaces?.append(.init(type: "time"))
            $0.linux?.timeOffsets = ["realtime": .init(secs: 1)]
        }
        assertRejected("linux.timeOffsets[\"boottime\"].nanosecs") {
            $0.linux?.namespaces?.append(.init(type: "time"))
            $0.linux?.timeOffsets = ["boottime": .init(nanosecs: 1_000_000_000)]
        }
        assertRejected("linux.timeOffsets", "existing time namespace") {
            $0.linux?.namespaces?.append(.init(type: "time", path: "/proc/1/ns/time"))
            $0.linux?.timeOffsets = ["boottime": .init(secs: 1)]
        }
    }

    func testSysctl() {
        let noNS: (String, inout Spec) -> Void = { type, spec in spec.linux?.namespaces?.removeAll { $0.type == type } }
        assertRejected("linux.sysctl[\"net.ipv4.ip_forward\"]", "network namespace") {
            noNS("network", &$0)
            $0.linux?.sysctl = ["net.ipv4.ip_forward": "1"]
        }
        assertRejected("linux.sysctl[\"kernel.msgmax\"]", "IPC namespace") {
            noNS("ipc", &$0)
            $0.linux?.sysctl = ["kernel.msgmax": "1"]
        }
        assertRejected("linux.sysctl[\"fs.mqueue.queues_max\"]", "IPC namespace") {
            noNS("ipc", &$0)
            $0.linux?.sysctl = ["fs.mqueue.queues_max": "1"]
        }
        assertRejected("linux.sysctl[\"kernel.hostname\"]", "\"hostname\" field") { $0.linux?.sysctl = ["kernel.hostname": "h"] }
        assertRejected("linux.sysctl[\"kernel.domainname\"]", "not in a separate kernel namespace") {
            noNS("uts", &$0)
            $0.hostname = nil
            $0.linux?.sysctl = ["kernel.domainname": "h"]
        }
        assertRejected("linux.sysctl[\"vm.swappiness\"]", "not in a separate kernel namespace") { $0.linux?.sysctl = ["vm.swappiness": "1"] }
        XCTAssertEqual(Spec.Linux.dottedSysctlName("net/ipv4/conf/eno2.100/rp_filter"), "net.ipv4.conf.eno2/100.rp_filter")
        XCTAssertEqual(Spec.Linux.dottedSysctlName("net.ipv4.ip_forward"), "net.ipv4.ip_forward")
    }

    func testDevices() {
        assertRejected("linux.devices[0].type", "unknown device type \"x\"") { $0.linux?.devices = [.init(path: "/dev/x", type: "x", major: 1, minor: 1)] }
        assertRejected("linux.devices[0].path", "absolute") { $0.linux?.devices = [.init(path: "dev/x", type: "c", major: 1, minor: 1)] }
        assertRejected("linux.devices[0].major") { $0.linux?.devices = [.init(path: "/dev/x", type: "c", minor: 1)] }
        assertRejected("linux.devices[0].minor") { $0.linux?.devices = [.init(path: "/dev/x", type: "b", major: 1)] }
        assertRejected("linux.devices[0].fileMode") { $0.linux?.devices = [.init(path: "/dev/x", type: "u", major: 1, minor: 1, fileMode: 0o10000)] }
        assertAccepted { $0.linux?.devices = [.init(path: "/dev/fifo", type: "p")] }
    }

    func testNetDevices() {
        assertRejected("linux.netDevices", "network namespace") {
            $0.linux?.namespaces?.removeAll { $0.type == "network" }
            $0.linux?.netDevices = ["eth0": .init()]
        }
        assertRejected("linux.netDevices[\"a/b\"]") { $0.linux?.netDevices = ["a/b": .init()] }
        assertRejected("linux.netDevices[\"eth0\"].name") { $0.linux?.netDevices = ["eth0": .init(name: "a-very-long-ifname")] }
    }

    func testPropagationPathsPersonality() {
        assertRejected("linux.rootfsPropagation", "unknown propagation") { $0.linux?.rootfsPropagation = "recursive" }
        assertRejected("linux.maskedPaths[10]", "absolute") { $0.linux?.maskedPaths?.append("proc/kcore") }
        assertRejected("linux.readonlyPaths[0]") { $0.linux?.readonlyPaths = ["sys"] }
        assertRejected("linux.maskedPaths", "mount namespace") { $0.linux?.namespaces?.removeAll { $0.type == "mount" } }
        assertRejected("linux.personality.domain") { $0.linux?.personality = .init(domain: "LINUX64") }
        assertRejected("linux.personality.flags[0]") { $0.linux?.personality = .init(domain: "LINUX", flags: ["ADDR_NO_RANDOMIZE"]) }
    }

    func testMemoryPolicyAndIntelRdt() {
        assertRejected("linux.memoryPolicy.mode") { $0.linux?.memoryPolicy = .init(mode: "MPOL_FAST") }
        assertRejected("linux.memoryPolicy.flags[0]") { $0.linux?.memoryPolicy = .init(mode: "MPOL_BIND", nodes: "0", flags: ["X"]) }
        assertRejected("linux.memoryPolicy.nodes", "not a node list") { $0.linux?.memoryPolicy = .init(mode: "MPOL_BIND", nodes: "x") }
        assertRejected("linux.memoryPolicy.nodes", "required") { $0.linux?.memoryPolicy = .init(mode: "MPOL_INTERLEAVE") }
        assertRejected("linux.memoryPolicy.nodes", "empty") { $0.linux?.memoryPolicy = .init(mode: "MPOL_LOCAL", nodes: "1") }
        assertRejected("linux.intelRdt.closID") { $0.linux?.intelRdt = .init(closID: "..") }
        assertRejected("linux.intelRdt.closID") { $0.linux?.intelRdt = .init(closID: "a/b") }
        assertRejected("linux.intelRdt.memBwSchema", "MB:") { $0.linux?.intelRdt = .init(memBwSchema: "L3:0=1") }
        assertRejected("linux.intelRdt.l3CacheSchema") { $0.linux?.intelRdt = .init(l3CacheSchema: "L3:0=1\nMB:0=1") }
        assertRejected("linux.intelRdt.schemata[1]") { $0.linux?.intelRdt = .init(schemata: ["L3:0=1", "a\nb"]) }
    }

    func testResources() {
        func set(_ spec: inout Spec, _ r: Spec.Linux.Resources) { spec.linux?.resources = r }
        assertRejected("linux.resources.devices[0].type") { set(&$0, .init(devices: [.init(allow: true, type: "x")])) }
        assertRejected("linux.resources.devices[0].access") { set(&$0, .init(devices: [.init(allow: true, access: "rwx")])) }
        assertRejected("linux.resources.memory.swap", "at least the memory limit") {
            set(&$0, .init(memory: .init(limit: 2048, swap: 1024)))
        }
        assertAccepted { set(&$0, .init(memory: .init(limit: 2048, swap: -1))) }
        assertRejected("linux.resources.memory.limit") { set(&$0, .init(memory: .init(limit: -2))) }
        assertRejected("linux.resources.memory.swappiness") { set(&$0, .init(memory: .init(swappiness: 101))) }
        assertRejected("linux.resources.cpu.idle", "0 or 1") { set(&$0, .init(cpu: .init(idle: 2))) }
        assertRejected("linux.resources.cpu.quota") { set(&$0, .init(cpu: .init(quota: -5))) }
        assertRejected("linux.resources.cpu.burst") { set(&$0, .init(cpu: .init(quota: 100, burst: 200))) }
        assertRejected("linux.resources.cpu.realtimeRuntime") { set(&$0, .init(cpu: .init(realtimeRuntime: -3))) }
        assertRejected("linux.resources.cpu.cpus") { set(&$0, .init(cpu: .init(cpus: "0-"))) }
        assertRejected("linux.resources.cpu.mems") { set(&$0, .init(cpu: .init(mems: "1,,2"))) }
        assertRejected("linux.resources.pids.limit") { set(&$0, .init(pids: .init(limit: -2))) }
        assertRejected("linux.resources.blockIO.weightDevice[0]") {
            set(&$0, .init(blockIO: .init(weightDevice: [.init(major: 8, minor: 0)])))
        }
        assertRejected("linux.resources.blockIO.throttleWriteIOPSDevice[0]") {
            set(&$0, .init(blockIO: .init(throttleWriteIOPSDevice: [.init(major: -8, minor: 0, rate: 1)])))
        }
        assertRejected("linux.resources.hugepageLimits[0].pageSize") { set(&$0, .init(hugepageLimits: [.init(pageSize: "02MB", limit: 1)])) }
        assertRejected("linux.resources.rdma[\"mlx\"]") { set(&$0, .init(rdma: ["mlx": .init()])) }
        assertRejected("linux.resources.unified[\"../escape\"]") { set(&$0, .init(unified: ["../escape": "1"])) }
    }

    func testSeccomp() {
        func set(_ spec: inout Spec, _ s: Spec.Linux.Seccomp) { spec.linux?.seccomp = s }
        let base = "linux.seccomp"
        assertRejected("\(base).defaultAction", "unknown seccomp action") { set(&$0, .init(defaultAction: "ALLOW")) }
        assertRejected("\(base).defaultAction", "default action") { set(&$0, .init(defaultAction: "SCMP_ACT_NOTIFY")) }
        assertRejected("\(base).defaultErrnoRet") { set(&$0, .init(defaultAction: "SCMP_ACT_KILL", defaultErrnoRet: 1)) }
        assertRejected("\(base).architectures[0]") { set(&$0, .init(defaultAction: "SCMP_ACT_ALLOW", architectures: ["x86_64"])) }
        assertRejected("\(base).flags[0]") { set(&$0, .init(defaultAction: "SCMP_ACT_ALLOW", flags: ["SECCOMP_FILTER_FLAG_X"])) }
        assertRejected("\(base).listenerMetadata") { set(&$0, .init(defaultAction: "SCMP_ACT_ALLOW", listenerMetadata: "m")) }
        let notify = Spec.Linux.Seccomp.Syscall(names: ["mkdir"], action: "SCMP_ACT_NOTIFY")
        assertRejected("\(base).listenerPath", "SCMP_ACT_NOTIFY") { set(&$0, .init(defaultAction: "SCMP_ACT_ALLOW", syscalls: [notify])) }
        assertRejected("\(base).listenerPath", "absolute") {
            set(&$0, .init(defaultAction: "SCMP_ACT_ALLOW", listenerPath: "agent.sock", syscalls: [notify]))
        }
        func rule(_ s: Spec.Linux.Seccomp.Syscall) -> Spec.Linux.Seccomp {
            .init(defaultAction: "SCMP_ACT_ALLOW", listenerPath: "/run/agent.sock", syscalls: [s])
        }
        assertRejected("\(base).syscalls[0].names") { set(&$0, rule(.init(names: [], action: "SCMP_ACT_ERRNO"))) }
        assertRejected("\(base).syscalls[0].names[1]") { set(&$0, rule(.init(names: ["read", ""], action: "SCMP_ACT_ERRNO"))) }
        assertRejected("\(base).syscalls[0].action") { set(&$0, rule(.init(names: ["read"], action: "SCMP_ACT_NONE"))) }
        assertRejected("\(base).syscalls[0].errnoRet") { set(&$0, rule(.init(names: ["read"], action: "SCMP_ACT_LOG", errnoRet: 1))) }
        assertRejected("\(base).syscalls[0].names[1]", "write") { set(&$0, rule(.init(names: ["read", "write"], action: "SCMP_ACT_NOTIFY"))) }
        assertRejected("\(base).syscalls[0].args[0].index") {
            set(&$0, rule(.init(names: ["read"], action: "SCMP_ACT_ERRNO", args: [.init(index: 6, value: 0, op: "SCMP_CMP_EQ")])))
        }
        assertRejected("\(base).syscalls[0].args[0].op") {
            set(&$0, rule(.init(names: ["read"], action: "SCMP_ACT_ERRNO", args: [.init(index: 0, value: 0, op: "EQ")])))
        }
        assertAccepted { set(&$0, rule(notify)) }
    }

    // MARK: helpers

    func testOCIVersion() throws {
        let v = try XCTUnwrap(OCIVersion("1.0.2-dev+build.5"))
        XCTAssertEqual(v.major, 1)
        XCTAssertEqual(v.minor, 0)
        XCTAssertEqual(v.patch, 2)
        XCTAssertEqual(v.preRelease, ["dev"])
        XCTAssertEqual(v.build, "build.5")
        XCTAssertEqual(v.description, "1.0.2-dev+build.5")
        for bad in ["", "1", "1.0", "1.0.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "v1.0.0", "1.0.x", "1.0.0+"] {
            XCTAssertNil(OCIVersion(bad), bad)
        }
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                       "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.2", "1.3.0", "2.0.0"].map { OCIVersion($0)! }
        XCTAssertEqual(ordered, ordered.sorted())
        for (a, b) in zip(ordered, ordered.dropFirst()) { XCTAssertLessThan(a, b) }
        XCTAssertEqual(OCIVersion("1.0.0+a"), OCIVersion("1.0.0+b"))
        XCTAssertTrue(OCIVersion("1.3.9")!.isSupported)
        XCTAssertTrue(OCIVersion("1.0.0-rc5")!.isSupported)
        XCTAssertFalse(OCIVersion("1.4.0")!.isSupported)
        XCTAssertFalse(OCIVersion("0.5.0-dev")!.isSupported)
    }

    func testCapabilityTable() {
        for (index, entry) in CapabilityName.all.enumerated() {
            XCTAssertEqual(Int(entry.number), index)
            XCTAssertEqual(CapabilityName.name(of: entry.number), entry.name)
        }
        XCTAssertEqual(CapabilityName.number(of: "CAP_SYS_ADMIN"), 21)
        XCTAssertEqual(CapabilityName.number(of: "CAP_CHECKPOINT_RESTORE"), CapabilityName.lastNumber)
        XCTAssertNil(CapabilityName.number(of: "CAP_FOO"))
        XCTAssertNil(CapabilityName.name(of: 41))
    }

    func testCPUList() {
        XCTAssertEqual(CPUList.parse("0-3,7"), [0, 1, 2, 3, 7])
        XCTAssertEqual(CPUList.parse(" 1 , 0 "), [0, 1])
        XCTAssertEqual(CPUList.parse("2,2,1-2"), [1, 2])
        XCTAssertEqual(CPUList.parse(""), [])
        for bad in ["a", "1-", "-1", "3-1", "1,,2", "1-2-3", "1 2"] { XCTAssertNil(CPUList.parse(bad), bad) }
    }
}
