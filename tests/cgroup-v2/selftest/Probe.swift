import CShims
#if canImport(Glibc)
import Glibc
#endif

/// A forked child: waits for `release()`, opens each probe path read-only
/// and reports the errnos, then idles until killed (or, with `allocate`,
/// touches that much anonymous memory and exits).
final class Probe {
    let pid: pid_t
    private let goFD: Int32, resultFD: Int32, count: Int

    init(probing paths: [String] = [], allocate bytes: Int = 0) {
        var go: [Int32] = [0, 0], result: [Int32] = [0, 0]
        precondition(pipe(&go) == 0 && pipe(&result) == 0)
        let cPaths = paths.map { strdup($0)! }
        let errors = UnsafeMutablePointer<Int32>.allocate(capacity: max(paths.count, 1))
        let pid = sw_fork()
        if pid == 0 {
            close(go[1]); close(result[0])
            var byte: UInt8 = 0
            _ = read(go[0], &byte, 1)
            for i in 0..<cPaths.count {
                let fd = open(cPaths[i], O_RDONLY | O_CLOEXEC | O_NONBLOCK)
                errors[i] = fd < 0 ? sw_errno() : 0
                if fd >= 0 { close(fd) }
            }
            _ = write(result[1], errors, cPaths.count * 4)
            if bytes > 0 {
                let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
                var off = 0
                while off < bytes { p.storeBytes(of: 1, toByteOffset: off, as: UInt8.self); off += 4096 }
                _exit(0)
            }
            while true { pause() }
        }
        close(go[0]); close(result[1])
        cPaths.forEach { free($0) }
        errors.deallocate()
        self.pid = pid
        goFD = go[1]
        resultFD = result[0]
        count = paths.count
    }

    func release() -> [Int32] {
        var byte: UInt8 = 1
        _ = write(goFD, &byte, 1)
        var errs = [Int32](repeating: -1, count: count)
        if count > 0 { _ = errs.withUnsafeMutableBytes { read(resultFD, $0.baseAddress, $0.count) } }
        return errs
    }

    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && sw_errno() == EINTR {}
        return status
    }

    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        wait()
    }

    deinit { close(goFD); close(resultFD) }
}

func readFile(_ path: String) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 { return "<missing \(path)>" }
    defer { close(fd) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        out += buf[0..<n]
    }
    var s = String(decoding: out, as: UTF8.self)
    while s.last == "\n" || s.last == " " { s.removeLast() }
    return s
}

func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

func mknodDevice(_ path: String, char: Bool, _ major: UInt32, _ minor: UInt32) -> Bool {
    unlink(path)
    let dev = (UInt(major & 0xfff) << 8) | UInt(minor & 0xff) | (UInt(minor & ~0xff) << 12) | (UInt(major & ~0xfff) << 32)
    return mknod(path, (char ? S_IFCHR : S_IFBLK) | 0o600, dev) == 0
}
