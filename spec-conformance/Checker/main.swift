// conformance-checker: runs as the process of a conformance container and
// reports what it sees from inside as `key=value` lines on stdout.
// Each argument is one probe (`name` or `name:param[:param...]`); the runner
// composes probes so one container answers many assertions.
// Static, Glibc only: it must run in a bare busybox rootfs.
import Glibc

nonisolated(unsafe) var out = ""

func emit(_ key: String, _ value: String) {
    out += key + "=" + value.replacingNewlines() + "\n"
}

func flush() {
    if out.isEmpty { return }
    var bytes = Array(out.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeMutableBytes { p in
            write(1, p.baseAddress! + off, p.count - off)
        }
        if n <= 0 { if errno == EINTR { continue }; break }
        off += n
    }
    bytes.removeAll()
    out = ""
}

extension String {
    func replacingNewlines() -> String {
        var r = ""
        for ch in self {
            switch ch {
            case "\n": r += "\\n"
            case "\0": r += "\\0"
            default: r.append(ch)
            }
        }
        return r
    }
}

func errName(_ e: Int32) -> String {
    switch e {
    case EPERM: return "EPERM"
    case ENOENT: return "ENOENT"
    case EACCES: return "EACCES"
    case EROFS: return "EROFS"
    case ENOSPC: return "ENOSPC"
    case ENXIO: return "ENXIO"
    case ENODEV: return "ENODEV"
    case EINVAL: return "EINVAL"
    case EEXIST: return "EEXIST"
    case ESRCH: return "ESRCH"
    case ENOSYS: return "ENOSYS"
    case EBADF: return "EBADF"
    case ENOTDIR: return "ENOTDIR"
    case EISDIR: return "EISDIR"
    case EAGAIN: return "EAGAIN"
    case EIO: return "EIO"
    default: return "E\(e)"
    }
}

/// Reads a whole file (small pseudo files); nil with errno preserved.
func readFile(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while result.count < limit {
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { break }
        result += buf[0..<n]
    }
    return result
}

func readText(_ path: String) -> String? {
    guard let b = readFile(path) else { return nil }
    return String(decoding: b, as: UTF8.self)
}

func readLink(_ path: String) -> String? {
    var buf = [Int8](repeating: 0, count: 4096)
    let n = readlink(path, &buf, buf.count - 1)
    if n < 0 { return nil }
    return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func cString(_ tuple: UnsafeRawPointer, _ size: Int) -> String {
    let p = tuple.assumingMemoryBound(to: UInt8.self)
    var bytes: [UInt8] = []
    for i in 0..<size { if p[i] == 0 { break }; bytes.append(p[i]) }
    return String(decoding: bytes, as: UTF8.self)
}

// Raw syscall for calls glibc has no wrapper for (ioprio_get, get_mempolicy).
// x86_64 passes the integer arguments of a variadic call in the same registers.
@_silgen_name("syscall")
func rawSyscall(_ n: Int, _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int) -> Int

@_silgen_name("ioctl")
func rawIoctl(_ fd: Int32, _ request: UInt, _ arg: UnsafeMutableRawPointer?) -> Int32

// MARK: - probes

func probeID() {
    emit("uid", "\(getuid())")
    emit("gid", "\(getgid())")
    emit("euid", "\(geteuid())")
    emit("egid", "\(getegid())")
    var groups = [gid_t](repeating: 0, count: 256)
    let n = getgroups(Int32(groups.count), &groups)
    emit("groups", n < 0 ? "ERR" : groups[0..<Int(n)].map { "\($0)" }.joined(separator: ","))
    let m = umask(0)
    umask(m)
    emit("umask", String(m, radix: 8))
    var buf = [Int8](repeating: 0, count: 4096)
    if getcwd(&buf, buf.count) != nil {
        emit("cwd", String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    } else {
        emit("cwd", "ERR " + errName(errno))
    }
    emit("pid", "\(getpid())")
    emit("ppid", "\(getppid())")
}

func probeUname() {
    var u = utsname()
    uname(&u)
    withUnsafeBytes(of: &u.nodename) { emit("hostname", cString($0.baseAddress!, $0.count)) }
    var dn = [Int8](repeating: 0, count: 256)
    emit("domainname", getdomainname(&dn, dn.count) == 0 ? String(decoding: dn.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "ERR")
    withUnsafeBytes(of: &u.machine) { emit("machine", cString($0.baseAddress!, $0.count)) }
    emit("personality", "\(rawSyscall(135, 0xffff_ffff, 0, 0, 0, 0))")
}

func probeEnv() {
    var p = environ
    while let e = p.pointee {
        let s = String(cString: e)
        if let eq = s.firstIndex(of: "=") {
            emit("env." + s[..<eq], String(s[s.index(after: eq)...]))
        }
        p += 1
    }
}

func probeStatus() {
    guard let text = readText("/proc/self/status") else { emit("status", "ERR"); return }
    for line in text.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let key = line[..<colon]
        let value = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
        emit("status." + key, String(value))
    }
}

let rlimitNames: [(String, Int32)] = [
    ("RLIMIT_CPU", 0), ("RLIMIT_FSIZE", 1), ("RLIMIT_DATA", 2), ("RLIMIT_STACK", 3),
    ("RLIMIT_CORE", 4), ("RLIMIT_RSS", 5), ("RLIMIT_NPROC", 6), ("RLIMIT_NOFILE", 7),
    ("RLIMIT_MEMLOCK", 8), ("RLIMIT_AS", 9), ("RLIMIT_LOCKS", 10), ("RLIMIT_SIGPENDING", 11),
    ("RLIMIT_MSGQUEUE", 12), ("RLIMIT_NICE", 13), ("RLIMIT_RTPRIO", 14), ("RLIMIT_RTTIME", 15),
]

func probeRlimits() {
    for (name, res) in rlimitNames {
        var r = rlimit()
        if getrlimit(__rlimit_resource_t(UInt32(res)), &r) != 0 {
            emit("rlimit." + name, "ERR " + errName(errno))
        } else {
            emit("rlimit." + name, "\(r.rlim_cur),\(r.rlim_max)")
        }
    }
}

func probeNamespaces() {
    for ns in ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"] {
        emit("ns." + ns, readLink("/proc/self/ns/" + ns) ?? "ERR " + errName(errno))
    }
}

func probeLines(_ key: String, _ path: String) {
    guard let text = readText(path) else { emit(key, "ERR " + errName(errno)); return }
    for line in text.split(separator: "\n") { emit(key, String(line)) }
}

func probeFds() {
    guard let dir = opendir("/proc/self/fd") else { emit("fds", "ERR"); return }
    let own = dirfd(dir)
    var fds: [Int] = []
    while let ent = readdir(dir) {
        let name = withUnsafeBytes(of: &ent.pointee.d_name) { cString($0.baseAddress!, $0.count) }
        if let n = Int(name), n != Int(own) { fds.append(n) }
    }
    closedir(dir)
    fds.sort()
    emit("fds", fds.map { "\($0)" }.joined(separator: ","))
    for fd in fds { emit("fd.\(fd)", readLink("/proc/self/fd/\(fd)") ?? "?") }
}

func fileType(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFCHR: return "c"
    case S_IFBLK: return "b"
    case S_IFIFO: return "p"
    case S_IFDIR: return "d"
    case S_IFLNK: return "l"
    case S_IFREG: return "f"
    case S_IFSOCK: return "s"
    default: return "?"
    }
}

func probeStat(_ path: String, follow: Bool) {
    var st = stat()
    let rc = follow ? stat(path, &st) : lstat(path, &st)
    if rc != 0 { emit("stat." + path, "ERR " + errName(errno)); return }
    let maj = (st.st_rdev >> 8) & 0xfff | ((st.st_rdev >> 32) & ~0xfff)
    let min = (st.st_rdev & 0xff) | ((st.st_rdev >> 12) & ~0xff)
    emit("stat." + path, "type=\(fileType(st.st_mode)) mode=\(String(st.st_mode & 0o7777, radix: 8)) "
        + "rdev=\(maj):\(min) uid=\(st.st_uid) gid=\(st.st_gid) size=\(st.st_size) ino=\(st.st_ino) dev=\(st.st_dev)")
}

func hexPrefix(_ bytes: [UInt8]) -> String {
    let printable = bytes.prefix(200).map { b -> String in
        (b >= 0x20 && b < 0x7f && b != 0x5c) ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
    }
    return printable.joined()
}

func probeRead(_ path: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    if fd < 0 { emit("read." + path, "ERR " + errName(errno)); return }
    defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 4096)
    let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 { emit("read." + path, "ERR " + errName(errno)); return }
    emit("read." + path, "ok len=\(n) data=" + hexPrefix(Array(buf[0..<n])))
}

func probeOpen(_ path: String, _ how: String) {
    var flags = O_CLOEXEC | O_NONBLOCK | O_NOCTTY
    switch how {
    case "w": flags |= O_WRONLY
    case "rw": flags |= O_RDWR
    default: flags |= O_RDONLY
    }
    let fd = open(path, flags)
    if fd < 0 { emit("open.\(how).\(path)", "ERR " + errName(errno)); return }
    close(fd)
    emit("open.\(how).\(path)", "ok")
}

func probeWrite(_ path: String, _ data: String) {
    let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
    if fd < 0 { emit("write." + path, "ERR " + errName(errno)); return }
    defer { close(fd) }
    let bytes = Array(data.utf8)
    let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    emit("write." + path, n < 0 ? "ERR " + errName(errno) : "ok")
}

func probeCreate(_ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { emit("create." + path, "ERR " + errName(errno)); return }
    close(fd)
    unlink(path)
    emit("create." + path, "ok")
}

func probeAccessX(_ path: String) {
    emit("exec." + path, access(path, X_OK) == 0 ? "ok" : "ERR " + errName(errno))
}

func probeReaddir(_ path: String) {
    guard let dir = opendir(path) else { emit("readdir." + path, "ERR " + errName(errno)); return }
    var names: [String] = []
    while let ent = readdir(dir) {
        let name = withUnsafeBytes(of: &ent.pointee.d_name) { cString($0.baseAddress!, $0.count) }
        if name != "." && name != ".." { names.append(name) }
    }
    closedir(dir)
    names.sort()
    emit("readdir." + path, names.joined(separator: ","))
}

func probeMknod(_ path: String, _ type: String, _ major: UInt32, _ minor: UInt32) {
    let kind: mode_t = type == "b" ? S_IFBLK : (type == "p" ? S_IFIFO : S_IFCHR)
    let ma = UInt64(major), mi = UInt64(minor)
    let dev = dev_t(((ma & 0xfff) << 8) | (mi & 0xff) | ((mi & ~0xff) << 12) | ((ma & ~0xfff) << 32))
    let rc = mknod(path, kind | 0o600, dev)
    emit("mknod." + path, rc == 0 ? "ok" : "ERR " + errName(errno))
    if rc == 0 { unlink(path) }
}

func probeClocks() {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    emit("clock.monotonic", "\(ts.tv_sec)")
    clock_gettime(CLOCK_BOOTTIME, &ts)
    emit("clock.boottime", "\(ts.tv_sec)")
}

func probeSched() {
    emit("sched.policy", "\(sched_getscheduler(0))")
    var p = sched_param()
    sched_getparam(0, &p)
    emit("sched.priority", "\(p.sched_priority)")
    errno = 0
    let nice = getpriority(__priority_which_t(0), 0)
    emit("sched.nice", errno == 0 ? "\(nice)" : "ERR " + errName(errno))
    // ioprio_get(IOPRIO_WHO_PROCESS, 0)
    let io = rawSyscall(252, 1, 0, 0, 0, 0)
    emit("ioprio", io < 0 ? "ERR " + errName(errno) : "class=\(io >> 13) level=\(io & 0x1fff)")
}

func probeMempolicy() {
    var mode: Int32 = -1
    var mask = [UInt](repeating: 0, count: 16)
    let rc = mask.withUnsafeMutableBufferPointer { m in
        withUnsafeMutablePointer(to: &mode) { mp in
            rawSyscall(239, Int(bitPattern: mp), Int(bitPattern: m.baseAddress), m.count * 64, 0, 0)
        }
    }
    if rc < 0 { emit("mempolicy", "ERR " + errName(errno)); return }
    let flags = UInt32(bitPattern: mode) & 0xffff_0000
    emit("mempolicy", "mode=\(UInt32(bitPattern: mode) & 0xffff) flags=\(flags) nodes=\(String(mask[0], radix: 16))")
}

func probeWinsize() {
    var ws = winsize()
    let rc = withUnsafeMutablePointer(to: &ws) { rawIoctl(1, UInt(TIOCGWINSZ), UnsafeMutableRawPointer($0)) }
    emit("winsize", rc < 0 ? "ERR " + errName(errno) : "\(ws.ws_row)x\(ws.ws_col)")
}

func probeTTY() {
    for fd: Int32 in [0, 1, 2] { emit("isatty.\(fd)", isatty(fd) == 1 ? "1" : "0") }
}

/// Seccomp argument-filter probes: each call is harmless whether or not it
/// is filtered; the runner compares the returned errno with the configured one.
func probeSeccomp() {
    func report(_ key: String, _ rc: Int) { emit("sc." + key, rc < 0 ? "ERR \(errno)" : "ok") }
    report("getpgid.0", Int(getpgid(0)))
    report("getpgid.4242", Int(getpgid(4242)))
    report("getsid.0", Int(getsid(0)))
    report("getsid.4243", Int(getsid(4243)))
    report("prio_max.1", Int(sched_get_priority_max(1)))
    report("prio_max.2", Int(sched_get_priority_max(2)))
    report("prio_min.1", Int(sched_get_priority_min(1)))
    report("prio_min.2", Int(sched_get_priority_min(2)))
    var ts = timespec()
    report("rr_interval.0", Int(sched_rr_get_interval(0, &ts)))
    report("rr_interval.2000000", Int(sched_rr_get_interval(2_000_000, &ts)))
    errno = 0
    let p1 = getpriority(__priority_which_t(0), 3_000_000)
    emit("sc.getpriority.3000000", errno != 0 ? "ERR \(errno)" : "ok \(p1)")
    errno = 0
    let p2 = getpriority(__priority_which_t(0), 0)
    emit("sc.getpriority.0", errno != 0 ? "ERR \(errno)" : "ok \(p2)")
    report("kill.0xab0001", Int(kill(0x00ab_0001, 0)))
    report("kill.1", Int(kill(1, 0)))
    var buf = [Int8](repeating: 0, count: 4096)
    emit("sc.getcwd", getcwd(&buf, buf.count) == nil ? "ERR \(errno)" : "ok")
}

/// Calls getpgid(6666): a rule with a terminating action (kill/trap) matches it.
func probeFatal() {
    emit("fatal.before", "1")
    flush()
    _ = getpgid(6666)
    emit("fatal.after", "1")
}

func probeSignals(_ seconds: Int) {
    let handler: @convention(c) (Int32) -> Void = { sig in
        var msg: [UInt8]
        switch sig {
        case SIGUSR1: msg = Array("signal=USR1\n".utf8)
        case SIGUSR2: msg = Array("signal=USR2\n".utf8)
        case SIGHUP: msg = Array("signal=HUP\n".utf8)
        case SIGTERM: msg = Array("signal=TERM\n".utf8)
        case SIGSYS: msg = Array("signal=SYS\n".utf8)
        default: msg = Array("signal=OTHER\n".utf8)
        }
        _ = msg.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if sig == SIGTERM { _exit(0) }
    }
    for s in [SIGUSR1, SIGUSR2, SIGHUP, SIGTERM] { signal(s, handler) }
    emit("signals.ready", "1")
    flush()
    let deadline = time(nil) + seconds
    while time(nil) < deadline {
        var ts = timespec(tv_sec: 0, tv_nsec: 20_000_000)
        nanosleep(&ts, nil)
    }
}

func installSigsysReporter() {
    let handler: @convention(c) (Int32) -> Void = { _ in
        let msg = Array("fatal.sigsys=1\n".utf8)
        _ = msg.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        _exit(0)
    }
    signal(SIGSYS, handler)
}

func sleepSeconds(_ s: Double) {
    var ts = timespec(tv_sec: Int(s), tv_nsec: Int((s - Double(Int(s))) * 1e9))
    var rem = timespec()
    while nanosleep(&ts, &rem) != 0 && errno == EINTR { ts = rem }
}

/// Waits until `path` exists (at most `seconds`), so the runner can act while we run.
func waitFor(_ path: String, _ seconds: Double) {
    var waited = 0.0
    while access(path, F_OK) != 0 && waited < seconds {
        sleepSeconds(0.02)
        waited += 0.02
    }
    emit("waited." + path, access(path, F_OK) == 0 ? "ok" : "timeout")
}

// MARK: - dispatch

let args = CommandLine.arguments
emit("argc", "\(args.count)")
for (i, a) in args.enumerated() { emit("argv.\(i)", a) }

for arg in args.dropFirst() {
    let parts = arg.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    let p1 = parts.count > 1 ? parts[1] : ""
    let p2 = parts.count > 2 ? parts[2] : ""
    switch parts[0] {
    case "id": probeID()
    case "uname": probeUname()
    case "env": probeEnv()
    case "status": probeStatus()
    case "rlimits": probeRlimits()
    case "ns": probeNamespaces()
    case "cgroup": probeLines("cgroup", "/proc/self/cgroup")
    case "mountinfo": probeLines("mount", "/proc/self/mountinfo")
    case "uidmap": probeLines("uid_map", "/proc/self/uid_map"); probeLines("gid_map", "/proc/self/gid_map")
    case "oom": emit("oom_score_adj", (readText("/proc/self/oom_score_adj") ?? "ERR").trimmingNewline())
    case "fds": probeFds()
    case "stat": probeStat(p1, follow: false)
    case "statf": probeStat(p1, follow: true)
    case "readlink": emit("readlink." + p1, readLink(p1) ?? "ERR " + errName(errno))
    case "read": probeRead(p1)
    case "open": probeOpen(p2, p1)
    case "write": probeWrite(p1, p2)
    case "create": probeCreate(p1)
    case "execok": probeAccessX(p1)
    case "readdir": probeReaddir(p1)
    case "mknod":
        let sub = p2.split(separator: ",").map(String.init)
        probeMknod(p1, sub.first ?? "c", UInt32(sub.count > 1 ? sub[1] : "0") ?? 0, UInt32(sub.count > 2 ? sub[2] : "0") ?? 0)
    case "sysctl":
        let path = "/proc/sys/" + p1.split(separator: ".").joined(separator: "/")
        emit("sysctl." + p1, (readText(path) ?? "ERR " + errName(errno)).trimmingNewline())
    case "clocks": probeClocks()
    case "sched": probeSched()
    case "mempolicy": probeMempolicy()
    case "winsize": probeWinsize()
    case "tty": probeTTY()
    case "seccomp": probeSeccomp()
    case "sigsys": installSigsysReporter()
    case "fatal": probeFatal()
    case "signals": flush(); probeSignals(Int(p1) ?? 10)
    case "sleep": flush(); sleepSeconds(Double(p1) ?? 1)
    case "waitfor": flush(); waitFor(p1, Double(p2) ?? 10)
    case "netdevs": probeLines("netdev", "/proc/net/dev")
    case "file": emit("file." + p1, (readText(p1) ?? "ERR " + errName(errno)).trimmingNewline())
    case "exit": flush(); exit(Int32(p1) ?? 0)
    default: emit("unknown-probe", arg)
    }
    flush()
}
emit("done", "1")
flush()

extension String {
    func trimmingNewline() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
