import Foundation
import XCTest
@testable import OCISpec

/// Fixtures shared by the model and validation tests.
enum Fixtures {
    static let specRoot = "/work/shared/reference/runtime-spec/examples"

    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw XCTSkip("fixture \(path) not available")
        }
        return Array(data)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSON.decode(type, from: bytes(path))
    }

    /// Runs `runc spec [--rootless]` in a fresh directory and returns config.json.
    static func runcSpec(rootless: Bool) throws -> [UInt8] {
        let runc = ["/usr/sbin/runc", "/usr/bin/runc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let runc else { throw XCTSkip("runc not installed") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ocispec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runc)
        process.arguments = rootless ? ["spec", "--rootless"] : ["spec"]
        process.currentDirectoryURL = dir
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try bytes(dir.appendingPathComponent("config.json").path)
    }

    /// A small spec that passes validation; tests break one field at a time.
    static func valid() -> Spec {
        var spec = Spec.runcDefault(rootless: false)
        spec.process?.terminal = false
        return spec
    }
}

final class ModelTests: XCTestCase {
    func testEncodingOmitsUnsetFields() throws {
        let text = JSON.encode(Spec(ociVersion: "1.3.0"))
        XCTAssertTrue(text.contains("\"ociVersion\""))
        for absent in ["process", "root", "hostname", "mounts", "hooks", "annotations", "linux", "null"] {
            XCTAssertFalse(text.contains(absent), "\(absent) in \(text)")
        }
        let back = try JSON.decode(Spec.self, from: Array(text.utf8))
        XCTAssertEqual(back, Spec(ociVersion: "1.3.0"))
    }

    func testJSONNamesThatDifferFromSwift() throws {
        let io = Spec.Process.IOPriority(priorityClass: "IOPRIO_CLASS_RT", priority: 3)
        let text = JSON.encode(io)
        XCTAssertTrue(text.contains("\"class\""), text)
        XCTAssertEqual(try JSON.decode(Spec.Process.IOPriority.self, from: Array(text.utf8)), io)
        // priority is optional in the schema; runc defaults it to 0.
        let onlyClass = try JSON.decode(Spec.Process.IOPriority.self, from: Array(#"{"class":"IOPRIO_CLASS_BE"}"#.utf8))
        XCTAssertEqual(onlyClass.priority, 0)
    }

    func testMissingUserDecodesAsRoot() throws {
        let p = try JSON.decode(Spec.Process.self, from: Array(#"{"cwd":"/","args":["sh"]}"#.utf8))
        XCTAssertEqual(p.user, Spec.Process.User(uid: 0, gid: 0))
        let q = try JSON.decode(Spec.Process.self, from: Array(#"{"cwd":"/","user":{"uid":7}}"#.utf8))
        XCTAssertEqual(q.user.uid, 7)
        XCTAssertEqual(q.user.gid, 0)
    }

    func testMissingRequiredFieldsFailToDecode() {
        XCTAssertThrowsError(try JSON.decode(Spec.self, from: Array(#"{"root":{"path":"r"}}"#.utf8)))
        XCTAssertThrowsError(try JSON.decode(Spec.Process.self, from: Array(#"{"args":["sh"]}"#.utf8)))
        XCTAssertThrowsError(try JSON.decode(Spec.Mount.self, from: Array(#"{"type":"tmpfs"}"#.utf8)))
        XCTAssertThrowsError(try JSON.decode(Spec.Linux.IDMapping.self, from: Array(#"{"containerID":0,"hostID":0}"#.utf8)))
    }

    func testRuncDefaultRoundTrips() throws {
        for rootless in [false, true] {
            let spec = Spec.runcDefault(rootless: rootless)
            let text = JSON.encode(spec, indent: "\t")
            XCTAssertEqual(try JSON.decode(Spec.self, from: Array(text.utf8)), spec)
        }
    }

    func testRuncDefaultMatchesRuncSpec() throws {
        var runc = try JSON.decode(Spec.self, from: Fixtures.runcSpec(rootless: false))
        runc.ociVersion = Spec.supportedVersion
        XCTAssertEqual(runc, Spec.runcDefault(rootless: false))
    }

    func testRootlessRuncDefaultMatchesRuncSpec() throws {
        var runc = try JSON.decode(Spec.self, from: Fixtures.runcSpec(rootless: true))
        runc.ociVersion = Spec.supportedVersion
        XCTAssertEqual(runc, Spec.runcDefault(rootless: true, hostUID: UInt32(getuid()), hostGID: UInt32(getgid())))
    }

    func testRuncDefaultEncodesLikeRuncSpec() throws {
        // Byte-for-byte what `runc spec` writes (tab indent, Go key order), version aside.
        for rootless in [false, true] {
            let runc = String(decoding: try Fixtures.runcSpec(rootless: rootless), as: UTF8.self)
            let ours = JSON.encode(Spec.runcDefault(rootless: rootless, hostUID: UInt32(getuid()), hostGID: UInt32(getgid())),
                                   indent: "\t")
            let runcVersion = try JSON.decode(Spec.self, from: Array(runc.utf8)).ociVersion
            XCTAssertEqual(ours.replacingOccurrences(of: Spec.supportedVersion, with: runcVersion), runc)
        }
    }

    func testRuncDefaultKeyOrderFollowsRunc() {
        // Same order as runc's output so diffs against `runc spec` stay readable.
        let text = JSON.encode(Spec.runcDefault(rootless: false))
        let keys = ["\"ociVersion\"", "\"process\"", "\"root\"", "\"hostname\"", "\"mounts\"", "\"linux\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions.count, keys.count)
        XCTAssertEqual(positions, positions.sorted())
    }

    func testDecodesGoodLinuxExamples() throws {
        for name in ["minimal", "minimal-for-start", "spec-example", "linux-netdevice", "linux-rdma"] {
            XCTAssertNoThrow(try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/\(name).json"), name)
        }
    }

    func testSpecExampleFields() throws {
        let spec = try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/spec-example.json")
        XCTAssertEqual(spec.ociVersion, "0.5.0-dev")
        XCTAssertEqual(spec.process?.user.additionalGids, [5, 6])
        XCTAssertEqual(spec.process?.rlimits?.first, .init(type: "RLIMIT_CORE", hard: 1024, soft: 1024))
        XCTAssertEqual(spec.hooks?.poststart?.first?.timeout, 5)
        XCTAssertEqual(spec.mounts?.count, 7)
        let linux = try XCTUnwrap(spec.linux)
        XCTAssertEqual(linux.timeOffsets?["monotonic"], .init(secs: 172800, nanosecs: 0))
        XCTAssertEqual(linux.devices?.first, .init(path: "/dev/fuse", type: "c", major: 10, minor: 229, fileMode: 438, uid: 0, gid: 0))
        XCTAssertEqual(linux.resources?.memory?.kernel, -1)
        XCTAssertEqual(linux.resources?.hugepageLimits?.first?.limit, 9_223_372_036_854_772_000)
        XCTAssertEqual(linux.resources?.cpu?.cpus, "2-3")
        XCTAssertEqual(linux.resources?.devices?.first, .init(allow: false, access: "rwm"))
        XCTAssertEqual(linux.seccomp?.syscalls?.first?.names, ["getcwd", "chmod"])
        XCTAssertEqual(linux.namespace("time"), .init(type: "time"))
        XCTAssertEqual(linux.rootfsPropagation, "slave")
        // Re-encoding loses nothing the model knows about.
        XCTAssertEqual(try JSON.decode(Spec.self, from: Array(JSON.encode(spec).utf8)), spec)
    }

    func testNetDevicesAndRdmaExamples() throws {
        let net = try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/linux-netdevice.json")
        XCTAssertEqual(net.linux?.netDevices?["eth0"]?.name, "container_eth0")
        XCTAssertEqual(net.linux?.netDevices?["ens4"], .init())
        let rdma = try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/good/linux-rdma.json")
        XCTAssertEqual(rdma.linux?.resources?.rdma?["mlx5_1"], .init(hcaHandles: 3, hcaObjects: 10000))
    }

    func testBadExamplesFailToDecode() throws {
        for name in ["invalid-json", "linux-netdevice", "linux-rdma"] {
            XCTAssertThrowsError(try Fixtures.decode(Spec.self, "\(Fixtures.specRoot)/config/bad/\(name).json"), name)
        }
    }

    func testStateExample() throws {
        let state = try Fixtures.decode(State.self, "\(Fixtures.specRoot)/state/good/spec-example.json")
        XCTAssertEqual(state, State(ociVersion: "0.2.0", id: "oci-container1", status: .running, pid: 4422,
                                    bundle: "/containers/redis", annotations: ["myKey": "myValue"]))
        XCTAssertThrowsError(try Fixtures.decode(State.self, "\(Fixtures.specRoot)/state/bad/invalid-json.json"))
        let paused = try JSON.decode(State.self, from: Array(#"{"ociVersion":"1.3.0","id":"a","status":"paused","bundle":"/b"}"#.utf8))
        XCTAssertEqual(paused.status, .paused)
        XCTAssertNil(paused.pid)
        XCTAssertFalse(JSON.encode(paused).contains("pid"))
        XCTAssertThrowsError(try JSON.decode(State.self, from: Array(#"{"ociVersion":"1","id":"a","status":"zombie","bundle":"/b"}"#.utf8)))
    }

    func testFeaturesExamples() throws {
        let minimal = try Fixtures.decode(Features.self, "\(Fixtures.specRoot)/features/good/minimal.json")
        XCTAssertEqual(minimal, Features(ociVersionMin: "1.0.0", ociVersionMax: "1.1.0"))
        let runc = try Fixtures.decode(Features.self, "\(Fixtures.specRoot)/features/good/runc.json")
        XCTAssertEqual(runc.ociVersionMax, "1.0.2-dev")
        XCTAssertEqual(runc.linux?.cgroup?.systemdUser, true)
        XCTAssertEqual(runc.linux?.seccomp?.knownFlags, ["SECCOMP_FILTER_FLAG_LOG"])
        XCTAssertEqual(runc.linux?.netDevices?.enabled, true)
        XCTAssertEqual(runc.annotations?["org.opencontainers.runc.version"], "1.1.0+dev")
        XCTAssertEqual(try JSON.decode(Features.self, from: Array(JSON.encode(runc).utf8)), runc)
        XCTAssertThrowsError(try Fixtures.decode(Features.self, "\(Fixtures.specRoot)/features/bad/missing-ociVersionMax.json"))
    }

    func testFeaturesLinuxExtensions() throws {
        let text = #"""
        {"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","linux":{"memoryPolicy":{"modes":["MPOL_BIND"],"flags":[]},
         "intelRdt":{"enabled":true,"schemata":true,"monitoring":false},"mountExtensions":{"idmap":{"enabled":true}}}}
        """#
        let f = try JSON.decode(Features.self, from: Array(text.utf8))
        XCTAssertEqual(f.linux?.memoryPolicy?.modes, ["MPOL_BIND"])
        XCTAssertEqual(f.linux?.intelRdt, .init(enabled: true, schemata: true, monitoring: false))
        XCTAssertEqual(f.linux?.mountExtensions?.idmap?.enabled, true)
    }

    func testEveryFieldRoundTrips() throws {
        var spec = Spec.runcDefault(rootless: true)
        spec.domainname = "example.org"
        spec.annotations = ["a": "b"]
        spec.hooks = .init(prestart: [.init(path: "/p")], createRuntime: [.init(path: "/cr", args: ["cr", "x"], env: ["A=1"], timeout: 3)],
                           createContainer: [.init(path: "/cc")], startContainer: [.init(path: "/sc")],
                           poststart: [.init(path: "/ps")], poststop: [.init(path: "/pp")])
        spec.process?.consoleSize = .init(height: 24, width: 80)
        spec.process?.user = .init(uid: 1, gid: 2, umask: 0o22, additionalGids: [3], username: "u")
        spec.process?.commandLine = "sh"
        spec.process?.apparmorProfile = "p"
        spec.process?.oomScoreAdj = -5
        spec.process?.scheduler = .init(policy: "SCHED_DEADLINE", nice: 1, priority: 0, flags: ["SCHED_FLAG_RECLAIM"],
                                        runtime: 1, deadline: 2, period: 3)
        spec.process?.selinuxLabel = "l"
        spec.process?.ioPriority = .init(priorityClass: "IOPRIO_CLASS_IDLE", priority: 7)
        spec.process?.execCPUAffinity = .init(initial: "0", final: "0-1")
        spec.mounts?.append(.init(destination: "/m", type: "bind", source: "/s", options: ["rbind", "idmap"],
                                  uidMappings: [.init(containerID: 0, hostID: 1, size: 2)],
                                  gidMappings: [.init(containerID: 0, hostID: 1, size: 2)]))
        spec.linux?.sysctl = ["net.ipv4.ip_forward": "1"]
        spec.linux?.resources = .init(
            devices: [.init(allow: true, type: "c", major: 1, minor: -1, access: "rw")],
            memory: .init(limit: 1, reservation: 2, swap: 3, kernel: 4, kernelTCP: 5, swappiness: 6,
                          disableOOMKiller: true, useHierarchy: false, checkBeforeUpdate: true),
            cpu: .init(shares: 1, quota: -1, burst: 2, period: 3, realtimeRuntime: 4, realtimePeriod: 5,
                       cpus: "0", mems: "0", idle: 1),
            pids: .init(limit: -1),
            blockIO: .init(weight: 10, leafWeight: 20, weightDevice: [.init(major: 8, minor: 0, weight: 5)],
                           throttleReadBpsDevice: [.init(major: 8, minor: 0, rate: 1)],
                           throttleWriteBpsDevice: [.init(major: 8, minor: 0, rate: 2)],
                           throttleReadIOPSDevice: [.init(major: 8, minor: 0, rate: 3)],
                           throttleWriteIOPSDevice: [.init(major: 8, minor: 0, rate: 4)]),
            hugepageLimits: [.init(pageSize: "2MB", limit: UInt64.max)],
            network: .init(classID: 7, priorities: [.init(name: "eth0", priority: 1)]),
            rdma: ["mlx": .init(hcaHandles: 1)],
            unified: ["memory.high": "max"])
        spec.linux?.cgroupsPath = "/x"
        spec.linux?.devices = [.init(path: "/dev/p", type: "p")]
        spec.linux?.netDevices = ["eth1": .init(name: "e1")]
        spec.linux?.seccomp = .init(defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1, architectures: ["SCMP_ARCH_X86_64"],
                                    flags: ["SECCOMP_FILTER_FLAG_LOG"], listenerPath: "/l", listenerMetadata: "m",
                                    syscalls: [.init(names: ["read"], action: "SCMP_ACT_ALLOW", errnoRet: 2,
                                                     args: [.init(index: 0, value: 1, valueTwo: 2, op: "SCMP_CMP_MASKED_EQ")])])
        spec.linux?.rootfsPropagation = "rslave"
        spec.linux?.mountLabel = "ml"
        spec.linux?.intelRdt = .init(closID: "c", schemata: ["L3:0=f"], l3CacheSchema: "L3:0=f", memBwSchema: "MB:0=20",
                                     enableMonitoring: true)
        spec.linux?.memoryPolicy = .init(mode: "MPOL_BIND", nodes: "0", flags: ["MPOL_F_STATIC_NODES"])
        spec.linux?.personality = .init(domain: "LINUX32", flags: [])
        spec.linux?.timeOffsets = ["boottime": .init(secs: -1, nanosecs: 2)]
        let text = JSON.encode(spec)
        XCTAssertEqual(try JSON.decode(Spec.self, from: Array(text.utf8)), spec)
        for key in ["\"class\"", "\"valueTwo\"", "\"throttleWriteIOPSDevice\"", "\"execCPUAffinity\"", "\"timeOffsets\""] {
            XCTAssertTrue(text.contains(key), key)
        }
    }
}
