import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Runs a helper program (a hook) with `input` on its stdin, capturing its
/// combined output, killed after `timeout` seconds. Single-threaded: one poll
/// loop over the output pipe and a pidfd.
enum Subprocess {
    struct Result {
        var status: Int32          // raw wait status
        var output: String
        var timedOut: Bool
    }

    static func run(path: String, args: [String], env: [String], input: [UInt8], timeout: Int?,
                    outputLimit: Int = 65536) throws(SystemError) -> Result {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        try sys("pipe") { sw_pipe2(&inPipe, O_CLOEXEC) }
        if sw_pipe2(&outPipe, O_CLOEXEC) != 0 {
            let e = SystemError.last("pipe")
            close(inPipe[0]); close(inPipe[1]); throw e
        }
        let argv = CStringArray(args.isEmpty ? [path] : args)
        let envp = CStringArray(env)
        let pid = sw_fork()
        if pid == 0 {
            dup2(inPipe[0], 0)
            dup2(outPipe[1], 1)
            dup2(outPipe[1], 2)
            _ = sw_sigset_unblock_all()
            _ = sw_signal_default_all()
            execve(path, argv.pointers, envp.pointers)
            let msg = "exec \(path): \(String(cString: strerror(sw_errno())))\n"
            _ = msg.withCString { Glibc.write(2, $0, strlen($0)) }
            _exit(127)
        }
        close(inPipe[0]); close(outPipe[1])
        if pid < 0 {
            let e = SystemError.last("fork", path)
            close(inPipe[1]); close(outPipe[0])
            throw e
        }
        // The state is small (well under a pipe buffer); a hook that does not
        // read stdin must not make us block, so write without waiting.
        _ = sw_fcntl_int(inPipe[1], F_SETFL, O_NONBLOCK)
        _ = input.withUnsafeBytes { Glibc.write(inPipe[1], $0.baseAddress, $0.count) }
        close(inPipe[1])

        let pidfd = sw_pidfd_open(pid, 0)
        var output: [UInt8] = []
        var timedOut = false
        let deadline = timeout.map { monotonicMillis() + Int64($0) * 1000 }
        var outOpen = true
        var chunk = [UInt8](repeating: 0, count: 4096)
        while outOpen {
            var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0)]
            let wait: Int32 = deadline.map { Int32(clamping: max(0, $0 - monotonicMillis())) } ?? -1
            let r = poll(&fds, 1, wait)
            if r < 0 && sw_errno() == EINTR { continue }
            if r == 0 {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(outPipe[0], $0.baseAddress, $0.count) }
            if n > 0 { if output.count < outputLimit { output.append(contentsOf: chunk[0..<n]) } } else if n == 0 || sw_errno() != EINTR { outOpen = false }
        }
        close(outPipe[0])
        if pidfd >= 0 { close(pidfd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && sw_errno() == EINTR {}
        return Result(status: status, output: String(decoding: output, as: UTF8.self), timedOut: timedOut)
    }

    static func monotonicMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// A NULL-terminated char* array that lives as long as this value.
final class CStringArray {
    let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    let count: Int
    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (i, s) in strings.enumerated() { pointers[i] = strdup(s) }
        pointers[count] = nil
    }
    deinit {
        for i in 0..<count { free(pointers[i]) }
        pointers.deallocate()
    }
}
