import XCTest
import OCISpec
@testable import StateStore
#if canImport(Glibc)
import Glibc
#endif

final class StateStoreTests: XCTestCase {
    private var tmp: TempDir!
    private var store: StateStore!

    override func setUp() {
        tmp = TempDir()
        // A root that does not exist yet: create must make it.
        store = StateStore(root: tmp.path + "/nested/root")
    }

    override func tearDown() {
        tmp.cleanup()
    }

    private func record(_ id: String) -> ContainerRecord {
        ContainerRecord(id: id, bundle: "/bundles/\(id)", rootfs: "/bundles/\(id)/rootfs",
                        created: Timestamp(seconds: 1_795_770_664, nanoseconds: 894_437_023))
    }

    // MARK: create / remove

    func testCreateClaimsLockedDirectoryWithRecord() throws {
        let lock = try store.create(record("c1"))
        XCTAssertTrue(lock.isHeld)
        XCTAssertEqual(fileMode(store.root), 0o700)
        XCTAssertEqual(fileMode(store.directory(of: "c1")), 0o711)
        XCTAssertEqual(fileMode(store.statePath(of: "c1")), 0o600)
        XCTAssertEqual(directoryEntries(store.root), ["c1"], "no scratch leftovers")
        XCTAssertEqual(directoryEntries(store.directory(of: "c1")), ["state.json"])
        XCTAssertEqual(try store.load("c1"), record("c1"))
        // The creator holds the lock until it is done.
        XCTAssertThrowsStoreError(try store.lock("c1", wait: false), .busy("c1"))
        lock.release()
        XCTAssertFalse(lock.isHeld)
        XCTAssertNoThrow(try store.lock("c1", wait: false))
    }

    func testSecondCreateFailsAndLeavesFirstIntact() throws {
        let first = try store.create(record("dup"))
        var other = record("dup")
        other.bundle = "/elsewhere"
        XCTAssertThrowsStoreError(try store.create(other), .exists("dup"))
        XCTAssertEqual(try store.load("dup").bundle, "/bundles/dup")
        XCTAssertEqual(directoryEntries(store.root), ["dup"])
        first.release()
        // Also when the directory is empty (a crashed runc-style create): the id stays claimed.
        try StateStore.makeDirectories(store.directory(of: "bare"), mode: 0o711)
        XCTAssertThrowsStoreError(try store.create(record("bare")), .exists("bare"))
    }

    func testCreateRejectsInvalidIDBeforeTouchingDisk() {
        XCTAssertThrowsStoreError(try store.create(record("a/b")), .invalidID("a/b"))
        XCTAssertThrowsStoreError(try store.create(record("..")), .invalidID(".."))
        XCTAssertThrowsStoreError(try store.create(record("")), .emptyID)
        XCTAssertNil(fileMode(store.root))
    }

    func testOverlongIDFailsWithNameTooLongAndNoLeftovers() {
        let id = String(repeating: "x", count: 300)
        XCTAssertThrowsError(try store.create(record(id))) { error in
            guard case .system(let e)? = error as? StateStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.errno, ENAMETOOLONG)
        }
        XCTAssertEqual(directoryEntries(store.root), [])
    }

    func testRemoveWipesEverythingAndAllowsReuse() throws {
        let lock = try store.create(record("gone"))
        let dir = store.directory(of: "gone")
        try store.makeExecFifo("gone", uid: getuid(), gid: getgid())
        // Partial and odd content: nested dirs, a symlink pointing outside (must not be followed).
        try StateStore.makeDirectories(dir + "/sub/deeper", mode: 0o755)
        writeFile(dir + "/sub/deeper/file", "x")
        let outside = tmp.path + "/outside"
        writeFile(outside, "keep me")
        XCTAssertEqual(symlink(outside, dir + "/link"), 0)
        XCTAssertEqual(symlink(tmp.path, dir + "/sub/dirlink"), 0)
        try store.remove("gone")
        lock.release()
        XCTAssertFalse(store.exists("gone"))
        XCTAssertEqual(directoryEntries(store.root), [])
        XCTAssertEqual(fileType(outside), S_IFREG)
        XCTAssertThrowsStoreError(try store.load("gone"), .notExist("gone"))
        XCTAssertNoThrow(try store.remove("gone"), "idempotent")
        XCTAssertNoThrow(try store.create(record("gone")))
    }

    // MARK: load / save

    func testSaveLoadRoundTripsEveryField() throws {
        var r = record("full")
        r.ociVersion = "1.0.2"
        r.initPid = 4242
        r.initStartTime = 18_446_744_073_709_551_615
        r.owner = "root"
        r.annotations = ["org.example.key": "v", "x": ""]
        r.creating = false
        r.paused = true
        r.cgroup = ["kind": "v1", "paths": ["memory": "/sys/fs/cgroup/memory/full"], "n": 3]
        r.namespacePaths = ["network": "/proc/4242/ns/net", "pid": "/proc/4242/ns/pid"]
        r.rootless = true
        r.systemdCgroup = true
        r.noPivot = true
        r.noNewKeyring = true
        r.terminal = true
        r.consoleSocket = "/tmp/console.sock"
        r.externalDescriptors = ["/dev/null", "pipe:[123]", "/dev/pts/3"]
        r.hostRootUID = 100_000
        r.hostRootGID = 100_001
        r.config = Spec(process: .init(args: ["sh"], cwd: "/"), root: .init(path: "rootfs"), hostname: "h")
        try store.create(record("full")).release()
        try store.save(r)
        XCTAssertEqual(try store.load("full"), r)
        XCTAssertEqual(directoryEntries(store.directory(of: "full")), ["state.json"], "no temp files left")
    }

    func testOlderRecordsDecodeWithDefaults() throws {
        try store.create(record("old")).release()
        writeFile(store.statePath(of: "old"),
                  #"{"id":"old","bundle":"/b","created":"2026-11-27T09:11:04Z","initPid":7}"#)
        let r = try store.load("old")
        XCTAssertEqual(r.initPid, 7)
        XCTAssertEqual(r.rootfs, "")
        XCTAssertEqual(r.annotations, [:])
        XCTAssertFalse(r.creating)
        XCTAssertNil(r.config)
        XCTAssertEqual(r.format, ContainerRecord.currentFormat)
    }

    func testCorruptStateIsAClearError() throws {
        try store.create(record("bad")).release()
        let path = store.statePath(of: "bad")
        for (text, fragment) in [("{bad", "not valid JSON"), ("", "not valid JSON"), ("[]", "expected an object"),
                                 (#"{"id":"bad","bundle":"/b","created":"noon"}"#, "created"),
                                 (#"{"id":"bad","bundle":"/b","created":"2026-11-27T09:11:04Z","initPid":"x"}"#, "initPid"),
                                 (#"{"id":"other","bundle":"/b","created":"2026-11-27T09:11:04Z"}"#, "other"),
                                 (#"{"format":99,"id":"bad","bundle":"/b","created":"2026-11-27T09:11:04Z"}"#, "format")] {
            writeFile(path, text)
            XCTAssertThrowsError(try store.load("bad"), text) { error in
                guard case .corrupt(let id, let p, let reason)? = error as? StateStoreError else {
                    return XCTFail("\(text): \(error)")
                }
                XCTAssertEqual(id, "bad")
                XCTAssertEqual(p, path)
                XCTAssertTrue(reason.contains(fragment), "\(text): \(reason)")
                XCTAssertTrue("\(error)".hasPrefix("container bad: corrupt state \(path): "), "\(error)")
            }
        }
    }

    func testLoadAndSaveOfMissingContainer() {
        XCTAssertThrowsStoreError(try store.load("nope"), .notExist("nope"))
        XCTAssertThrowsStoreError(try store.save(record("nope")), .notExist("nope"))
        XCTAssertThrowsStoreError(try store.load("a/b"), .invalidID("a/b"))
        XCTAssertThrowsStoreError(try store.lock("nope"), .notExist("nope"))
        XCTAssertNil(fileMode(store.directory(of: "nope")), "save must not create the container")
    }

    // MARK: list

    func testListSkipsBrokenEntries() throws {
        XCTAssertEqual(try store.list(), [], "missing root is an empty list")
        for id in ["b", "a", "c"] { try store.create(record(id)).release() }
        // Broken: no state.json, corrupt state.json, a plain file, a scratch dir, an invalid name.
        try StateStore.makeDirectories(store.directory(of: "empty"), mode: 0o711)
        try StateStore.makeDirectories(store.directory(of: "corrupt"), mode: 0o711)
        writeFile(store.statePath(of: "corrupt"), "{")
        writeFile(store.root + "/file", "x")
        try StateStore.makeDirectories(store.root + "/~creating.1", mode: 0o711)
        try StateStore.makeDirectories(store.root + "/in valid", mode: 0o711)
        var skipped: [String: StateStoreError] = [:]
        let records = try store.list { id, error in skipped[id] = error }
        XCTAssertEqual(records.map(\.id), ["a", "b", "c"])
        XCTAssertEqual(Set(skipped.keys), ["empty", "corrupt", "in valid"])
        XCTAssertEqual(skipped["empty"], .notExist("empty"))
        XCTAssertEqual(skipped["in valid"], .invalidID("in valid"))
        if case .corrupt? = skipped["corrupt"] {} else { XCTFail("\(String(describing: skipped["corrupt"]))") }
    }

    // MARK: exec fifo, owner, status

    func testExecFifo() throws {
        try store.create(record("f")).release()
        let old = umask(0o077)
        defer { umask(old) }
        let path = try store.makeExecFifo("f", uid: 1234, gid: 5678)
        XCTAssertEqual(path, store.directory(of: "f") + "/exec.fifo")
        XCTAssertEqual(fileType(path), S_IFIFO)
        XCTAssertEqual(fileMode(path), 0o622)
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0)
        XCTAssertEqual(st.st_uid, 1234)
        XCTAssertEqual(st.st_gid, 5678)
        XCTAssertTrue(store.execFifoExists("f"))
        XCTAssertThrowsStoreError(try store.makeExecFifo("f", uid: 0, gid: 0), .execFifoExists(path))
        XCTAssertThrowsStoreError(try store.makeExecFifo("missing", uid: 0, gid: 0), .notExist("missing"))
    }

    func testOwnerAndStatusOfStoredContainer() throws {
        try store.create(record("me")).release()
        XCTAssertEqual(store.owner(of: "me"), UserName.lookup(uid: geteuid()) ?? "#\(geteuid())")
        XCTAssertEqual(store.owner(of: "missing"), "")

        var r = try store.load("me")
        XCTAssertEqual(store.status(of: r), .creating)
        r.creating = false
        r.initPid = getpid()
        r.initStartTime = try XCTUnwrap(ProcessProbe.startTime(of: getpid()))
        try store.save(r)
        try store.makeExecFifo("me", uid: geteuid(), gid: getegid())
        XCTAssertEqual(store.status(of: r), .created)
        unlink(store.execFifoPath(of: "me"))
        XCTAssertEqual(store.status(of: r), .running)
        r.paused = true
        XCTAssertEqual(store.status(of: r), .paused)
        XCTAssertEqual(store.status(of: r, isFrozen: { false }), .running)
        r.initStartTime += 1
        XCTAssertEqual(store.status(of: r), .stopped)
    }

    func testUserNameLookup() {
        let passwd = Array("# comment\nroot:x:0:0:root:/root:/bin/bash\n\nbad line\nalice:x:1000:1000::/home/a:/bin/sh\n".utf8)
        XCTAssertEqual(UserName.lookup(uid: 0, passwd: passwd), "root")
        XCTAssertEqual(UserName.lookup(uid: 1000, passwd: passwd), "alice")
        XCTAssertNil(UserName.lookup(uid: 1, passwd: passwd))
    }
}
