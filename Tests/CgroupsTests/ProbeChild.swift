import CShims
#if canImport(Glibc)
import Glibc
#endif

/// A forked child for real-kernel tests. It waits for `release()`, then
/// opens each probe path read-only and reports the errno of each (0 on
/// success) through a pipe, then either idles until killed or, with
/// `allocate`, touches that many bytes of anonymous memory and exits.
/// The child only makes raw system calls: the test process has threads.
final class ProbeChild {
    let pid: pid_t
    private let goFD: Int32
    private let resultFD: Int32
    private let count: Int

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
                let fd = open(cPaths[i], O_RDONLY | O_CLOEXEC)
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

    /// Lets the child run its probes; returns their errnos.
    func release() -> [Int32] {
        var byte: UInt8 = 1
        _ = write(goFD, &byte, 1)
        var errs = [Int32](repeating: -1, count: count)
        if count > 0 { _ = errs.withUnsafeMutableBytes { read(resultFD, $0.baseAddress, $0.count) } }
        return errs
    }

    /// Waits for the child; returns the raw wait status.
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

    deinit {
        close(goFD)
        close(resultFD)
    }
}
