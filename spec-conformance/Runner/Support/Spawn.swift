// Process spawning with files for stdio and a hard timeout.
// Files rather than pipes: a runtime's `create` hands its stdio to the
// container, which outlives the command, so a pipe would never reach EOF.
import Foundation
import Glibc

struct CmdResult {
    var argv: [String]
    var status: Int32          // exit code, or 128+signal
    var stdout: String
    var stderr: String
    var timedOut: Bool
    var seconds: Double

    var ok: Bool { status == 0 && !timedOut }
    var failed: Bool { !ok }

    /// One-line description for TAP diagnostics.
    var summary: String {
        let cmd = argv.suffix(4).joined(separator: " ")
        var s = "`\(cmd)` exit=\(status)"
        if timedOut { s += " (timed out)" }
        let err = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        if !err.isEmpty { s += " stderr: " + String(err.suffix(300)).replacingOccurrences(of: "\n", with: " | ") }
        return s
    }
}

// glibc's `_np` spawn actions are hidden from the Glibc module; bind them directly.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
func spawnAddCloseFrom(_ fa: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
@_silgen_name("posix_spawn_file_actions_addchdir_np")
func spawnAddChdir(_ fa: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

enum Spawn {
    nonisolated(unsafe) static var counter = 0
    nonisolated(unsafe) static var scratch = "/tmp"

    /// Runs `argv`, waiting at most `timeout` seconds (then SIGKILL to its process group).
    /// `stdoutPath`/`stderrPath` nil means: capture into a scratch file and return the text.
    static func run(_ argv: [String], stdin: String = "/dev/null", stdoutPath: String? = nil,
                    stderrPath: String? = nil, cwd: String? = nil, env: [String]? = nil,
                    timeout: Double = 30) -> CmdResult {
        counter += 1
        let outPath = stdoutPath ?? "\(scratch)/spawn-\(counter).out"
        let errPath = stderrPath ?? "\(scratch)/spawn-\(counter).err"
        let start = Date()
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, outPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&fa, 2, errPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        _ = spawnAddCloseFrom(&fa, 3)
        if let cwd { _ = spawnAddChdir(&fa, cwd) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for s in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD] { sigaddset(&defaultSignals, s) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attr, &defaultSignals)
        posix_spawnattr_setsigmask(&attr, &emptyMask)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let environment = env ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = environment.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &fa, &attr, &cArgs, &cEnv)
        if rc != 0 {
            return CmdResult(argv: argv, status: 127, stdout: "", stderr: "spawn failed: \(String(cString: strerror(rc)))",
                             timedOut: false, seconds: 0)
        }
        var status: Int32 = 0
        var timedOut = false
        var delay: useconds_t = 200
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                Glibc.kill(-pid, SIGKILL)
                Glibc.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(delay)
            delay = min(delay * 2, 10_000)
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = stdoutPath == nil ? readAndRemove(outPath) : ""
        let err = stderrPath == nil ? readAndRemove(errPath) : ""
        return CmdResult(argv: argv, status: code, stdout: out, stderr: err, timedOut: timedOut,
                         seconds: Date().timeIntervalSince(start))
    }

    private static func readAndRemove(_ path: String) -> String {
        defer { unlink(path) }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Convenience for host-side helper commands (mount, ip, cp ...).
    @discardableResult
    static func sh(_ script: String, timeout: Double = 30) -> CmdResult {
        run(["/bin/sh", "-c", script], timeout: timeout)
    }
}
