import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Plumbing shared by the v1 and v2 drivers: error mapping, directory
/// creation and removal, pid files.
public class CgroupDriverBase {
    public internal(set) var record: CgroupRecord
    public internal(set) var warnings: [String] = []
    let fs: CgroupFS
    let kernel: CgroupKernel

    init(record: CgroupRecord, fs: CgroupFS, kernel: CgroupKernel) {
        self.record = record
        self.fs = fs
        self.kernel = kernel
    }

    func warn(_ field: String?, _ message: String) {
        warnings.append(field.map { "\($0): \(message)" } ?? message)
    }

    func has(_ dir: String, _ file: String) -> Bool {
        fs.exists(dir + "/" + file)
    }

    func write(_ dir: String, _ file: String, _ value: String, field: String?) throws(CgroupError) {
        do { try fs.write(dir + "/" + file, value) } catch {
            throw .system(error, field: field, "writing \"\(value)\" to \(file)")
        }
    }

    func read(_ dir: String, _ file: String, field: String? = nil) throws(CgroupError) -> String {
        do { return try fs.read(dir + "/" + file) } catch {
            throw .system(error, field: field, "reading \(file)")
        }
    }

    /// A single-number file; `max` reads as UInt64.max.
    func readUInt(_ dir: String, _ file: String) throws(CgroupError) -> UInt64 {
        let text = try read(dir, file)
        guard let v = StatParse.uint(text) else {
            throw CgroupError(.unsupported, "\(dir)/\(file): cannot parse \"\(StatParse.trim(text))\"")
        }
        return v
    }

    /// A missing file reads as 0: optional kernel features are absent, not broken.
    func readUIntIfPresent(_ dir: String, _ file: String) throws(CgroupError) -> UInt64 {
        has(dir, file) ? try readUInt(dir, file) : 0
    }

    /// mkdir -p, remembering the levels we made so destroy removes only those.
    func mkdirAll(_ path: String) throws(CgroupError) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            let made: Bool
            do { made = try fs.mkdir(current) } catch {
                throw .system(error, field: "linux.cgroupsPath", "creating cgroup \(current)")
            }
            if made && !record.created.contains(current) { record.created.append(current) }
        }
    }

    /// Writes `pid` to cgroup.procs; EINVAL right after fork means the task
    /// is still TASK_NEW, so retry briefly (as runc does).
    func addPid(_ dir: String, _ pid: Int32) throws(CgroupError) {
        var attempt = 0
        while true {
            do {
                try fs.write(dir + "/cgroup.procs", String(pid))
                return
            } catch {
                attempt += 1
                if error.errno == EINVAL && attempt < 5 {
                    kernel.sleep(microseconds: 30_000)
                    continue
                }
                throw .system(error, "adding pid \(pid) to \(dir)")
            }
        }
    }

    func procs(_ dir: String, recursive: Bool) throws(CgroupError) -> [Int32] {
        var out: [Int32] = []
        let text = try read(dir, "cgroup.procs")
        for line in text.split(separator: "\n") {
            if let pid = Int32(StatParse.trim(String(line))) { out.append(pid) }
        }
        if recursive {
            let children: [String]
            do { children = try fs.subdirectories(dir) } catch {
                throw .system(error, "listing \(dir)")
            }
            for child in children { out += try procs(dir + "/" + child, recursive: true) }
        }
        return out
    }

    /// rmdir that waits out EBUSY while exiting tasks leave the cgroup.
    func rmdirRetrying(_ dir: String) throws(SystemError) {
        var delay: UInt32 = 10_000
        for attempt in 0..<8 {
            do {
                try fs.rmdir(dir)
                return
            } catch {
                if error.errno == ENOENT { return }
                if error.errno != EBUSY || attempt == 7 { throw error }
                kernel.sleep(microseconds: delay)
                delay = min(delay * 2, 500_000)
            }
        }
    }

    /// Removes `dir` and every sub-cgroup below it, deepest first.
    func removeTree(_ dir: String) throws(SystemError) {
        guard fs.exists(dir) else { return }
        for child in try fs.subdirectories(dir) { try removeTree(dir + "/" + child) }
        try rmdirRetrying(dir)
    }

    /// Removes the container's cgroup directories, then the ancestors it
    /// created; ancestors still used by others stay.
    func removeAll(leaves: [String]) throws(CgroupError) {
        var failures: [String] = []
        var firstError: SystemError?
        for leaf in leaves {
            do { try removeTree(leaf) } catch {
                failures.append(leaf)
                if firstError == nil { firstError = error }
            }
        }
        for dir in record.created.reversed() where !leaves.contains(dir) {
            do { try fs.rmdir(dir) } catch {
                if error.errno != ENOENT && error.errno != EBUSY && error.errno != ENOTEMPTY {
                    failures.append(dir)
                    if firstError == nil { firstError = error }
                }
            }
        }
        if let firstError {
            throw .system(firstError, "removing cgroup \(failures.joined(separator: ", "))")
        }
    }
}
