import XCTest
@testable import StateStore
#if canImport(Glibc)
import Glibc
#endif

final class ContainerLockTests: XCTestCase {
    private var tmp: TempDir!
    private var store: StateStore!

    override func setUp() {
        tmp = TempDir()
        store = StateStore(root: tmp.path + "/root")
    }

    override func tearDown() {
        tmp.cleanup()
    }

    /// Forks a child that takes the lock with raw syscalls, tells us over a pipe, holds it for
    /// `holdMicroseconds`, optionally renames the container away (a removal), then exits.
    private func spawnHolder(id: String, holdMicroseconds: UInt32, removeAfter: Bool = false) -> pid_t {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        // Everything the child needs is prepared before fork: it only makes syscalls.
        let dir = strdup(store.directory(of: id))!
        let aside = strdup(store.root + "/~removing.test")!
        let pid = fork()
        if pid == 0 {
            close(fds[0])
            let fd = open(dir, O_RDONLY | O_DIRECTORY)
            if fd < 0 || flock(fd, LOCK_EX) != 0 { _exit(1) }
            var byte: UInt8 = 1
            _ = write(fds[1], &byte, 1)
            usleep(holdMicroseconds)
            if removeAfter { _ = rename(dir, aside) }
            _exit(0)
        }
        free(dir)
        free(aside)
        close(fds[1])
        var byte: UInt8 = 0
        XCTAssertEqual(read(fds[0], &byte, 1), 1, "child took the lock")
        close(fds[0])
        return pid
    }

    private func reap(_ pid: pid_t) {
        var status: Int32 = 0
        XCTAssertEqual(waitpid(pid, &status, 0), pid)
        XCTAssertEqual(status, 0)
    }

    func testNonBlockingAttemptFailsWhileAnotherProcessHoldsTheLock() throws {
        try store.create(ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/r")).release()
        let child = spawnHolder(id: "c", holdMicroseconds: 300_000)
        XCTAssertThrowsStoreError(try store.lock("c", wait: false), .busy("c"))
        reap(child)
        XCTAssertNoThrow(try store.lock("c", wait: false))
    }

    func testBlockingAttemptWaitsForTheHolder() throws {
        try store.create(ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/r")).release()
        let start = monotonicSeconds()
        let child = spawnHolder(id: "c", holdMicroseconds: 400_000)
        let lock = try store.lock("c")
        let waited = monotonicSeconds() - start
        XCTAssertGreaterThanOrEqual(waited, 0.3, "lock returned before the holder let go")
        XCTAssertTrue(lock.isHeld)
        reap(child)
    }

    func testWaiterLearnsTheContainerWasRemoved() throws {
        try store.create(ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/r")).release()
        let child = spawnHolder(id: "c", holdMicroseconds: 200_000, removeAfter: true)
        XCTAssertThrowsStoreError(try store.lock("c"), .notExist("c"))
        reap(child)
    }

    func testWithLockReleasesOnReturnAndThrow() throws {
        try store.create(ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/r")).release()
        let fd = try store.withLock("c") { lock -> Int32 in
            XCTAssertThrowsStoreError(try store.lock("c", wait: false), .busy("c"))
            return lock.fd
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(fcntl(fd, F_GETFD), -1, "lock fd closed")
        struct Boom: Error {}
        XCTAssertThrowsError(try store.withLock("c") { _ in throw Boom() })
        XCTAssertNoThrow(try store.lock("c", wait: false))
        XCTAssertThrowsStoreError(try store.withLock("missing") { _ in }, .notExist("missing"))
    }

    func testDroppingTheLockReleasesIt() throws {
        try store.create(ContainerRecord(id: "c", bundle: "/b", rootfs: "/b/r")).release()
        do { _ = try store.lock("c") }
        XCTAssertNoThrow(try store.lock("c", wait: false))
    }
}
