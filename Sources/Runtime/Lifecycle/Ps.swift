import Cgroups
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// Host pids of every process in the container's cgroup, sub-cgroups
    /// included (runc's `GetAllPids`). Empty once the cgroup is gone.
    public func processes(id: String) throws -> [Int32] {
        let record = try store.load(id)
        guard let cgroup = try CgroupSupport.reopen(record), cgroup.exists() else { return [] }
        do {
            return try cgroup.pids(recursive: true)
        } catch {
            throw RuntimeError("unable to get all container pids: \(error)")
        }
    }

    /// `ps [--format table|json] ID [ps args...]`, as the text to print:
    /// json is the pid array (`null` when empty, as Go encodes a nil slice);
    /// table runs the host's `ps` (default `-ef`) and keeps its header plus
    /// the lines whose PID column is one of the container's.
    public func ps(id: String, format: String, psArgs: [String]) throws -> String {
        if options.rootless { Log.warning("swiftlet ps may fail if you don't have the full access to cgroups") }
        let pids = try processes(id: id)
        switch format {
        case "table":
            break
        case "json":
            return (pids.isEmpty ? "null" : "[" + pids.map(String.init).joined(separator: ",") + "]") + "\n"
        default:
            throw RuntimeError("invalid format option")
        }
        let output = try PsTable.runPs(psArgs.isEmpty ? ["-ef"] : psArgs)
        return try PsTable.filter(output, pids: Set(pids))
    }
}

/// The `ps` side of `swiftlet ps`: run the host tool, then filter its table.
enum PsTable {
    /// Combined stdout+stderr of `ps args...`, found in $PATH like Go's exec.Command.
    static func runPs(_ args: [String]) throws -> String {
        guard let path = lookPath("ps") else {
            throw RuntimeError("exec: \"ps\": executable file not found in $PATH")
        }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(path: path, args: ["ps"] + args, env: currentEnvironment(), input: [],
                                        timeout: 60, outputLimit: 64 << 20)
        } catch {
            throw RuntimeError("\(error)")
        }
        let status = result.status
        if result.timedOut { throw RuntimeError("ps timed out: \(result.output)") }
        if status & 0x7f != 0 {
            throw RuntimeError("signal: \(String(cString: strsignal(status & 0x7f))): \(result.output)")
        }
        if (status >> 8) & 0xff != 0 {
            throw RuntimeError("exit status \((status >> 8) & 0xff): \(result.output)")
        }
        return result.output
    }

    /// Header plus the lines of `output` whose PID column is in `pids`.
    static func filter(_ output: String, pids: Set<Int32>) throws -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines.first.map(String.init) ?? ""
        guard let pidIndex = fields(header).firstIndex(of: "PID") else {
            throw RuntimeError("couldn't find PID field in ps output")
        }
        var out = header + "\n"
        for line in lines.dropFirst() where !line.isEmpty {
            let f = fields(line)
            guard pidIndex < f.count, let pid = Int32(f[pidIndex]) else {
                let text = pidIndex < f.count ? f[pidIndex] : ""
                throw RuntimeError("unable to parse pid: strconv.Atoi: parsing \"\(text)\": invalid syntax")
            }
            if pids.contains(pid) { out += line + "\n" }
        }
        return out
    }

    /// Go's strings.Fields (ASCII whitespace is all ps prints).
    static func fields<S: StringProtocol>(_ line: S) -> [String] {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        return line.split(omittingEmptySubsequences: true, whereSeparator: isSpace).map { String($0) }
    }

    static func lookPath(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            var st = stat()
            if stat(candidate, &st) == 0, st.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    static func currentEnvironment() -> [String] {
        var env: [String] = []
        var p = environ
        while let entry = p.pointee {
            env.append(String(cString: entry))
            p += 1
        }
        return env
    }
}
