import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The directory tree where swiftlet keeps its containers: `<root>/<id>/state.json` plus the
/// exec fifo. Ids are validated before they touch a path, so `<root>/<id>` is always a direct
/// child of the root.
///
/// Concurrency model: every mutating command holds the container's `ContainerLock`. Readers
/// (`load`, `list`) take no lock; they rely on state.json being replaced atomically and on
/// containers appearing and disappearing by a single rename.
public struct StateStore: Sendable {
    public static let stateFileName = "state.json"
    public static let execFifoName = "exec.fifo"
    /// Scratch directories are named with '~', which no container id may contain, so they can
    /// never collide with a container and `list` skips them silently.
    static let scratchPrefix = "~"

    /// Absolute path of the state root (see `StateRoot.resolve`).
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func directory(of id: String) -> String { root + "/" + id }
    public func statePath(of id: String) -> String { directory(of: id) + "/" + Self.stateFileName }
    public func execFifoPath(of id: String) -> String { directory(of: id) + "/" + Self.execFifoName }

    /// Creates the root (and missing parents) with mode 0700, as runc does on demand.
    public func ensureRoot() throws(StateStoreError) {
        do { try Self.makeDirectories(root, mode: 0o700) } catch { throw .system(error) }
    }

    /// True when a directory for `id` exists (a container, possibly half-created or broken).
    public func exists(_ id: String) -> Bool {
        guard ContainerID.isValid(id) else { return false }
        var st = stat()
        return lstat(directory(of: id), &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    // MARK: - Claiming and removing

    /// Claims `record.id` atomically and returns it locked, with `record` already saved.
    ///
    /// The directory is assembled under a scratch name, locked, given its state.json, and only
    /// then renamed into place with RENAME_NOREPLACE: no other command can ever observe the id
    /// without a record, nor lock it before its creator. A second create of the same id fails
    /// with `.exists`, whatever state the first one is in.
    public func create(_ record: ContainerRecord) throws(StateStoreError) -> ContainerLock {
        let id = record.id
        try ContainerID.validate(id)
        try ensureRoot()
        if exists(id) { throw .exists(id) }

        let scratchPath = root + "/" + Self.scratchPrefix + "creating." + String(getpid())
        do {
            // A leftover of ours can only be from a dead process that had our pid.
            try FileTree.remove(scratchPath, at: AT_FDCWD)
        } catch {
            throw .system(error)
        }
        var fd: Int32 = -1
        do {
            try sys("mkdir", scratchPath) { mkdir(scratchPath, 0o711) }
            fd = try sys("open", scratchPath) { open(scratchPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            // runc's container dirs are 0711 whatever the umask: others may traverse to the fifo.
            try sys("chmod", scratchPath) { fchmod(fd, 0o711) }
            try ContainerLock.acquire(fd: fd, wait: false)
            try FileIO.writeAtomically(scratchPath + "/" + Self.stateFileName, Self.encode(record))
            if sw_renameat2(AT_FDCWD, scratchPath, AT_FDCWD, directory(of: id), SW_RENAME_NOREPLACE) != 0 {
                let e = sw_errno()
                if e == EEXIST || e == ENOTEMPTY { throw StateStoreError.exists(id) }
                throw StateStoreError.system(SystemError(errno: e, "rename", directory(of: id)))
            }
        } catch {
            if fd >= 0 { close(fd) }
            try? FileTree.remove(scratchPath, at: AT_FDCWD)
            if let e = error as? StateStoreError { throw e }
            if let e = error as? SystemError { throw .system(e) }
            throw .system(SystemError(errno: EIO, "create", directory(of: id)))
        }
        return ContainerLock(id: id, fd: fd)
    }

    /// Removes the container's directory and everything in it. The caller should hold the lock.
    /// The directory is first renamed aside, so other commands see the container either
    /// complete or gone; a missing container is not an error (removal is idempotent).
    public func remove(_ id: String) throws(StateStoreError) {
        try ContainerID.validate(id)
        let scratchPath = root + "/" + Self.scratchPrefix + "removing." + String(getpid())
        do throws(SystemError) {
            try FileTree.remove(scratchPath, at: AT_FDCWD)
            if rename(directory(of: id), scratchPath) != 0 {
                let e = sw_errno()
                if e == ENOENT { return }
                throw SystemError(errno: e, "rename", directory(of: id))
            }
            try FileTree.remove(scratchPath, at: AT_FDCWD)
        } catch {
            throw .system(error)
        }
    }

    // MARK: - Locking

    /// Locks an existing container, waiting for other commands unless `wait` is false (then a
    /// held lock fails with `.busy`). Fails with `.notExist` if the container is (or, while we
    /// waited, was) removed.
    public func lock(_ id: String, wait: Bool = true) throws(StateStoreError) -> ContainerLock {
        try ContainerID.validate(id)
        let path = directory(of: id)
        // A few rounds: the directory may be removed and re-created while we wait.
        for _ in 0..<8 {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0 {
                let e = sw_errno()
                if e == ENOENT || e == ENOTDIR || e == ELOOP { throw .notExist(id) }
                throw .system(SystemError(errno: e, "open", path))
            }
            do {
                try ContainerLock.acquire(fd: fd, wait: wait)
            } catch {
                close(fd)
                if error.errno == EWOULDBLOCK { throw .busy(id) }
                throw .system(error)
            }
            // The holder may have removed the container before letting us in.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, lstat(path, &current) == 0,
               held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                return ContainerLock(id: id, fd: fd)
            }
            close(fd)
            if !exists(id) { throw .notExist(id) }
        }
        throw .busy(id)
    }

    /// Runs `body` with the container locked; the lock is released when it returns or throws.
    public func withLock<R>(_ id: String, wait: Bool = true, _ body: (ContainerLock) throws -> R) throws -> R {
        let lock = try lock(id, wait: wait)
        defer { lock.release() }
        return try body(lock)
    }

    // MARK: - Records

    /// Reads the record of `id`: `.notExist` without a directory or state.json (runc's
    /// "container does not exist"), `.corrupt` when the file cannot be decoded.
    public func load(_ id: String) throws(StateStoreError) -> ContainerRecord {
        try ContainerID.validate(id)
        let path = statePath(of: id)
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            if error.errno == ENOENT || error.errno == ENOTDIR { throw .notExist(id) }
            throw .system(error)
        }
        let record: ContainerRecord
        do {
            record = try JSON.decode(ContainerRecord.self, from: bytes)
        } catch {
            throw .corrupt(id: id, path: path, reason: error.description)
        }
        guard record.id == id else {
            throw .corrupt(id: id, path: path, reason: "records container \"\(record.id)\"")
        }
        return record
    }

    /// Replaces the record atomically (temp file, fsync, rename). The container must exist.
    public func save(_ record: ContainerRecord) throws(StateStoreError) {
        try ContainerID.validate(record.id)
        guard exists(record.id) else { throw .notExist(record.id) }
        do {
            try FileIO.writeAtomically(statePath(of: record.id), Self.encode(record))
        } catch {
            if error.errno == ENOENT { throw .notExist(record.id) }
            throw .system(error)
        }
    }

    /// Ids of all container directories, sorted (runc lists in name order). Scratch entries and
    /// non-directories are skipped; a missing root means no containers.
    public func ids() throws(StateStoreError) -> [String] {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            let e = sw_errno()
            if e == ENOENT { return [] }
            throw .system(SystemError(errno: e, "open", root))
        }
        defer { close(fd) }
        let names: [String]
        do { names = try FileTree.list(fd: fd, name: root) } catch { throw .system(error) }
        var out: [String] = []
        for name in names where !name.hasPrefix(Self.scratchPrefix) {
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0, st.st_mode & S_IFMT == S_IFDIR else { continue }
            out.append(name)
        }
        return out.sorted()
    }

    /// Records of all loadable containers. Directories that cannot be loaded (being removed,
    /// without state.json, corrupt, invalid names) are reported to `skipped` and left out, the
    /// way `runc list` prints "load container ID: ERROR" and carries on.
    public func list(skipped: (String, StateStoreError) -> Void = { _, _ in }) throws(StateStoreError) -> [ContainerRecord] {
        var records: [ContainerRecord] = []
        for id in try ids() {
            do {
                records.append(try load(id))
            } catch {
                // Removed between readdir and load: a race, not a problem worth reporting.
                if case .notExist = error, !exists(id) { continue }
                skipped(id, error)
            }
        }
        return records
    }

    // MARK: - Helpers

    static func encode(_ record: ContainerRecord) -> [UInt8] {
        Array((JSON.encode(record) + "\n").utf8)
    }

    /// `mkdir -p` with `mode` for every directory it creates.
    static func makeDirectories(_ path: String, mode: mode_t) throws(SystemError) {
        var prefix = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 {
                let e = sw_errno()
                if e != EEXIST { throw SystemError(errno: e, "mkdir", prefix) }
            }
        }
        var st = stat()
        if stat(path, &st) != 0 { throw SystemError.last("stat", path) }
        if st.st_mode & S_IFMT != S_IFDIR { throw SystemError(errno: ENOTDIR, "mkdir", path) }
    }
}
