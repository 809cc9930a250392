import OCISpec
@testable import Runtime
import XCTest

/// The pure parts of update / ps / events (the real-kernel side is in
/// IntegrationTests/CgroupCommandTests and tests/cgroup-v2/containers.sh).
final class CgroupCommandLogicTests: XCTestCase {
    typealias Resources = Spec.Linux.Resources

    func testRAMSizeFollowsDockerUnits() {
        XCTAssertEqual(RAMSize.parse("1024"), 1024)
        XCTAssertEqual(RAMSize.parse("512m"), 512 << 20)
        XCTAssertEqual(RAMSize.parse("512M"), 512 << 20)
        XCTAssertEqual(RAMSize.parse("1.5g"), 3 << 29)
        XCTAssertEqual(RAMSize.parse("10 MiB"), 10 << 20)
        XCTAssertEqual(RAMSize.parse("1KB"), 1024)
        XCTAssertEqual(RAMSize.parse("2t"), 2 << 40)
        XCTAssertEqual(RAMSize.parse("7b"), 7)
        XCTAssertEqual(RAMSize.parse("1 "), 1, "one optional space, as the regexp allows")
        for bad in ["", "abc", "-5", "1.2.3", "10x", "1..5m", ".5m", "5.m", "1  ", "m"] {
            XCTAssertNil(RAMSize.parse(bad), bad)
        }
    }

    func testFlagsBecomeAPartialResources() throws {
        var r = UpdateRequest()
        r.memory = "128m"
        r.memorySwap = "-1"
        r.cpuShare = "512"
        r.cpuQuota = "-1"
        r.cpusetCpus = "0-1"
        r.pidsLimit = 20
        r.blkioWeight = 300
        let res = try r.resources()
        XCTAssertEqual(res.memory, Resources.Memory(limit: 128 << 20, swap: -1))
        XCTAssertEqual(res.cpu, Resources.CPU(shares: 512, quota: -1, cpus: "0-1"))
        XCTAssertEqual(res.pids?.limit, 20)
        XCTAssertEqual(res.blockIO?.weight, 300)
        XCTAssertNil(res.hugepageLimits)
        XCTAssertEqual(try UpdateRequest().resources(), Resources(), "no flags, nothing to change")
    }

    func testFlagErrorsUseRuncsWording() {
        func message(_ edit: (inout UpdateRequest) -> Void) -> String {
            var r = UpdateRequest()
            edit(&r)
            do { _ = try r.resources(); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(message { $0.memory = "abc" }, "invalid value for memory: invalid size: 'abc'")
        XCTAssertEqual(message { $0.cpuPeriod = "x" },
                       "invalid value for cpu-period: strconv.ParseUint: parsing \"x\": invalid syntax")
        XCTAssertEqual(message { $0.cpuShare = "-1" },
                       "invalid value for cpu-share: strconv.ParseUint: parsing \"-1\": invalid syntax")
        XCTAssertEqual(message { $0.cpuQuota = "99999999999999999999" },
                       "invalid value for cpu-quota: strconv.ParseInt: parsing \"99999999999999999999\": value out of range")
        XCTAssertEqual(message { $0.cpuRtRuntime = "+5" }, "")
        XCTAssertTrue(message { $0.blkioWeight = 70000 }.hasPrefix("invalid value for blkio-weight"))
    }

    func testZerosMeanUnchanged() {
        let update = Resources(memory: .init(limit: 0, reservation: 0, swap: 0), cpu: .init(shares: 0, quota: 0, cpus: ""),
                               pids: .init(limit: 0), blockIO: .init(weight: 0)).normalizedForUpdate()
        XCTAssertTrue(update.isEmptyUpdate)
        let unlimited = Resources(memory: .init(limit: -1)).normalizedForUpdate()
        XCTAssertEqual(unlimited.memory, Resources.Memory(limit: -1, swap: -1), "unlimited memory means unlimited swap")
    }

    func testMergeKeepsWhatTheUpdateDoesNotSet() {
        let stored = Resources(devices: [.init(allow: false, access: "rwm")],
                               memory: .init(limit: 256 << 20, swap: 512 << 20), cpu: .init(shares: 100, quota: 20000, period: 100000),
                               pids: .init(limit: 256), hugepageLimits: [.init(pageSize: "2MB", limit: 1 << 21)],
                               unified: ["memory.high": "1G"])
        let update = Resources(memory: .init(reservation: 64 << 20), cpu: .init(quota: 50000),
                               hugepageLimits: [.init(pageSize: "1GB", limit: 1 << 30), .init(pageSize: "2MB", limit: 1 << 22)],
                               unified: ["pids.max": "9"])
        let merged = stored.merging(update)
        XCTAssertEqual(merged.memory, Resources.Memory(limit: 256 << 20, reservation: 64 << 20, swap: 512 << 20))
        XCTAssertEqual(merged.cpu, Resources.CPU(shares: 100, quota: 50000, period: 100000))
        XCTAssertEqual(merged.pids?.limit, 256)
        XCTAssertEqual(merged.devices, stored.devices)
        XCTAssertEqual(merged.hugepageLimits, [.init(pageSize: "2MB", limit: 1 << 22), .init(pageSize: "1GB", limit: 1 << 30)])
        XCTAssertEqual(merged.unified, ["memory.high": "1G", "pids.max": "9"])

        // Written: the touched sections, with limit+swap and quota+period whole.
        let applied = Resources.toApply(update: update, merged: merged)
        XCTAssertEqual(applied.memory, Resources.Memory(limit: 256 << 20, reservation: 64 << 20, swap: 512 << 20))
        XCTAssertEqual(applied.cpu, Resources.CPU(quota: 50000, period: 100000))
        XCTAssertNil(applied.pids)
        XCTAssertNil(applied.devices)
    }

    func testPsTableKeepsTheHeaderAndTheContainersLines() throws {
        let output = """
            UID        PID  PPID  C STIME TTY          TIME CMD
            root         1     0  0 09:00 ?        00:00:01 /sbin/init
            root       100     1  0 09:01 ?        00:00:00 sh -c sleep 10
            root       101   100  0 09:01 ?        00:00:00 sleep 10

            """
        XCTAssertEqual(try PsTable.filter(output, pids: [100, 101]), """
            UID        PID  PPID  C STIME TTY          TIME CMD
            root       100     1  0 09:01 ?        00:00:00 sh -c sleep 10
            root       101   100  0 09:01 ?        00:00:00 sleep 10

            """)
        XCTAssertEqual(try PsTable.filter("  PID COMMAND\n    7 sh\n    8 ps\n", pids: [7]), "  PID COMMAND\n    7 sh\n")
        XCTAssertThrowsError(try PsTable.filter("COMMAND\nsh\n", pids: [1])) {
            XCTAssertEqual("\($0)", "couldn't find PID field in ps output")
        }
        XCTAssertThrowsError(try PsTable.filter("PID CMD\nx sh\n", pids: [1])) {
            XCTAssertEqual("\($0)", "unable to parse pid: strconv.Atoi: parsing \"x\": invalid syntax")
        }
    }

    func testOOMNotificationsAreCoalescedPerKill() {
        var oom = OOMEpisodes(kills: 3)
        XCTAssertTrue(oom.isNewEpisode(kills: 3), "notified before the victim is counted")
        XCTAssertFalse(oom.isNewEpisode(kills: 4), "the same kill, counted now")
        XCTAssertFalse(oom.isNewEpisode(kills: 4), "retries while the victim dies")
        XCTAssertTrue(oom.isNewEpisode(kills: 5), "a second kill")
        oom.tick()
        XCTAssertTrue(oom.isNewEpisode(kills: 5), "an OOM without a kill, once per interval")
        XCTAssertFalse(oom.isNewEpisode(kills: 5))
        XCTAssertTrue(OOMEpisodes(kills: 0).isNewEpisodeCopy(kills: nil), "no count: every notification")
    }

    func testEventLinesMatchRuncsTypesEvent() {
        XCTAssertEqual(ContainerEvent(type: "oom", id: "c1").line, #"{"type":"oom","id":"c1"}"# + "\n")
        XCTAssertTrue(ContainerEvent(type: "stats", id: "c1", data: .init()).line.hasPrefix(#"{"type":"stats","id":"c1","data":{"cpu":"#))
    }
}

extension OOMEpisodes {
    func isNewEpisodeCopy(kills: UInt64?) -> Bool {
        var copy = self
        return copy.isNewEpisode(kills: kills)
    }
}
