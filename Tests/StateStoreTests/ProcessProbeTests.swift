import XCTest
import OCISpec
import Syscalls
@testable import StateStore
#if canImport(Glibc)
import Glibc
#endif

final class ProcessProbeTests: XCTestCase {
    private func statLine(pid: Int32, comm: String, state: String = "S", start: UInt64 = 4242) -> [UInt8] {
        // 52 fields like a 6.x kernel; field 22 (starttime) is the 20th after the comm.
        var fields = [state, "1"] + (5...21).map { String($0 * 10) } + [String(start)]
        fields += (23...52).map { _ in "0" }
        return Array("\(pid) (\(comm)) \(fields.joined(separator: " "))\n".utf8)
    }

    func testParsesPlainLine() throws {
        let s = try XCTUnwrap(ProcessStat.parse(statLine(pid: 77, comm: "sleep", start: 987_654)))
        XCTAssertEqual(s, ProcessStat(pid: 77, comm: "sleep", state: UInt8(ascii: "S"), ppid: 1, startTime: 987_654))
        XCTAssertFalse(s.hasExited)
    }

    func testCommWithParenthesesAndSpaces() throws {
        // A hostile name imitating the start of the remaining fields.
        let comm = "x) R 1 2 3 (y) "
        let s = try XCTUnwrap(ProcessStat.parse(statLine(pid: 5, comm: comm, state: "Z", start: 31337)))
        XCTAssertEqual(s.comm, comm)
        XCTAssertEqual(s.state, UInt8(ascii: "Z"))
        XCTAssertEqual(s.startTime, 31337)
        XCTAssertTrue(s.hasExited)
    }

    func testRejectsGarbage() {
        XCTAssertNil(ProcessStat.parse([]))
        XCTAssertNil(ProcessStat.parse(Array("12 (a) S 1 2 3".utf8)))
        XCTAssertNil(ProcessStat.parse(Array("x (a) S 1".utf8)))
        XCTAssertNil(ProcessStat.parse(Array("12 )a( S".utf8)))
    }

    func testRealCommWithParenthesis() throws {
        // Rename ourselves so the kernel writes a ") " inside the comm field.
        let original = try FileIO.readString("/proc/self/comm").split(separator: "\n").first.map(String.init) ?? "xctest"
        try FileIO.write("/proc/self/comm", "a) Z 1 (b")
        defer { try? FileIO.write("/proc/self/comm", original) }
        let s = try XCTUnwrap(try ProcessStat.read(pid: getpid()))
        XCTAssertEqual(s.comm, "a) Z 1 (b")
        XCTAssertEqual(s.pid, getpid())
        XCTAssertEqual(s.ppid, getppid())
        XCTAssertFalse(s.hasExited)
        XCTAssertGreaterThan(s.startTime, 0)
    }

    func testSelfIsAlive() throws {
        let start = try XCTUnwrap(ProcessProbe.startTime(of: getpid()))
        XCTAssertTrue(ProcessProbe.isAlive(pid: getpid(), startTime: start))
        // Same pid, different start time: a recycled pid is not our init.
        XCTAssertFalse(ProcessProbe.isAlive(pid: getpid(), startTime: start + 1))
    }

    func testNonexistentAndInvalidPids() {
        XCTAssertFalse(ProcessProbe.isAlive(pid: 0, startTime: 0))
        XCTAssertFalse(ProcessProbe.isAlive(pid: -1, startTime: 0))
        XCTAssertFalse(ProcessProbe.isAlive(pid: Int32.max, startTime: 0))
        XCTAssertNil(try ProcessStat.read(pid: Int32.max))
    }

    func testZombieAndReapedChildAreDead() throws {
        let pid = fork()
        if pid == 0 { _exit(0) }
        XCTAssertGreaterThan(pid, 0)
        // Unreaped: the child is a zombie. Wait until the kernel says so.
        var zombie: ProcessStat?
        for _ in 0..<200 {
            if let s = try ProcessStat.read(pid: pid), s.hasExited { zombie = s; break }
            usleep(5_000)
        }
        let z = try XCTUnwrap(zombie)
        XCTAssertEqual(z.state, UInt8(ascii: "Z"))
        XCTAssertFalse(ProcessProbe.isAlive(pid: pid, startTime: z.startTime))
        var status: Int32 = 0
        XCTAssertEqual(waitpid(pid, &status, 0), pid)
        XCTAssertFalse(ProcessProbe.isAlive(pid: pid, startTime: z.startTime))
    }
}

/// A made-up process table for status derivation.
struct FakeProcesses: ProcessInspecting {
    var table: [Int32: ProcessStat] = [:]
    func stat(pid: Int32) -> ProcessStat? { table[pid] }

    static func with(pid: Int32, start: UInt64, state: Character = "S") -> FakeProcesses {
        FakeProcesses(table: [pid: ProcessStat(pid: pid, comm: "init", state: UInt8(ascii: state.unicodeScalars.first!),
                                               ppid: 1, startTime: start)])
    }
}

final class StatusDerivationTests: XCTestCase {
    private func record(pid: Int32, start: UInt64, creating: Bool = false) -> ContainerRecord {
        ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/rootfs", initPid: pid, initStartTime: start, creating: creating)
    }

    private func derive(_ r: ContainerRecord, _ p: FakeProcesses, fifo: Bool = false, frozen: Bool = false) -> ContainerStatus {
        ContainerStatus.derive(record: r, probe: p, execFifoExists: { fifo }, isFrozen: { frozen })
    }

    func testTable() {
        let alive = FakeProcesses.with(pid: 10, start: 100)
        XCTAssertEqual(derive(record(pid: 0, start: 0, creating: true), FakeProcesses()), .creating)
        XCTAssertEqual(derive(record(pid: 10, start: 100, creating: true), alive, fifo: true), .creating)
        XCTAssertEqual(derive(record(pid: 10, start: 100, creating: true), FakeProcesses()), .stopped)
        XCTAssertEqual(derive(record(pid: 10, start: 100), alive, fifo: true), .created)
        XCTAssertEqual(derive(record(pid: 10, start: 100), alive, fifo: false), .running)
        XCTAssertEqual(derive(record(pid: 10, start: 100), alive, fifo: false, frozen: true), .paused)
        XCTAssertEqual(derive(record(pid: 10, start: 100), FakeProcesses(), fifo: true), .stopped)
        XCTAssertEqual(derive(record(pid: 10, start: 99), alive), .stopped, "recycled pid")
        XCTAssertEqual(derive(record(pid: 10, start: 100), .with(pid: 10, start: 100, state: "Z")), .stopped)
        XCTAssertEqual(derive(record(pid: 10, start: 100), .with(pid: 10, start: 100, state: "X")), .stopped)
        XCTAssertEqual(derive(record(pid: 10, start: 100), FakeProcesses(), frozen: true), .stopped)
    }

    func testFreezerIsOnlyAskedForLiveInits() {
        var asked = false
        _ = ContainerStatus.derive(record: record(pid: 10, start: 1), probe: FakeProcesses(),
                                   execFifoExists: { true }, isFrozen: { asked = true; return true })
        XCTAssertFalse(asked)
    }

    func testStateViewShowsPidOnlyWhileSignallable() {
        var r = record(pid: 42, start: 1)
        r.annotations = ["k": "v"]
        XCTAssertEqual(r.state(status: .running).pid, 42)
        XCTAssertEqual(r.state(status: .created).annotations, ["k": "v"])
        XCTAssertNil(r.state(status: .stopped).pid)
        XCTAssertNil(r.state(status: .creating).pid)
        XCTAssertNil(ContainerRecord(id: "c", bundle: "/b", rootfs: "/r").state(status: .running).annotations)
    }
}
