import CShims
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

public struct RunOptions: Sendable {
    public var create: CreateOptions
    public var detach = false
    public var keep = false
    public var noSubreaper = false

    public init(create: CreateOptions) { self.create = create }
}

extension Runtime {
    /// `create` as a command: the init is left waiting for `start`.
    public func create(_ o: CreateOptions) throws {
        let cleanup = Cleanup()
        defer { cleanup.runIfNeeded() }
        try ContainerID.validate(o.id)
        let bundle = try Bundle.load(o.bundle)
        let launched = try launch(o, bundle: bundle, cleanup: cleanup, consoleSocketFD: nil)
        cleanup.commit()
        close(launched.pidfd)
    }

    /// `run`: create + start; in the foreground, forwards signals and returns
    /// the container's exit code (128+N when killed by signal N).
    public func run(_ o: RunOptions) throws -> Int32 {
        if !o.detach && !o.noSubreaper {
            // Orphans of the container (and a staged init) reparent to us, so we can reap them.
            _ = sw_prctl(LinuxAPI.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        }
        var oldMask = sigset_t()
        _ = sw_sigset_fill_block(&oldMask)
        defer { _ = sw_sigset_restore(&oldMask) }

        // A foreground terminal container without --console-socket: we hold
        // the pty master ourselves and copy between it and our stdio.
        var proxy: TerminalProxy? = nil
        var consoleFD: Int32? = nil
        try ContainerID.validate(o.create.id)
        let bundle = try Bundle.load(o.create.bundle)
        if bundle.spec.process?.terminal == true && o.create.consoleSocket == nil {
            if o.detach { throw RuntimeError("cannot allocate tty if runc will detach without setting console socket") }
            let pair = try TerminalProxy.socketPair()
            proxy = TerminalProxy(receiver: pair.ours)
            consoleFD = pair.theirs
        }

        let cleanup = Cleanup()
        defer { cleanup.runIfNeeded() }
        var launched = try launch(o.create, bundle: bundle, cleanup: cleanup, consoleSocketFD: consoleFD)
        if let consoleFD { close(consoleFD) }
        try proxy?.receiveMaster()
        try release(launched.record, pidfd: launched.pidfd)
        cleanup.commit()
        launched.record.creating = false
        if o.detach {
            close(launched.pidfd)
            return 0
        }
        let status = try ForegroundWait(pid: launched.pid, proxy: proxy).run()
        close(launched.pidfd)
        if !o.keep {
            let lock = try store.lock(o.create.id)
            defer { lock.release() }
            try? killAndWait(launched.record)
            try destroy(launched.record)
        }
        return status
    }
}

/// The foreground loop of `run`: one poll over a signalfd (every signal is
/// blocked and forwarded to the init, SIGCHLD reaps) and, with a terminal,
/// the stdio ↔ pty copy.
struct ForegroundWait {
    let pid: Int32
    var proxy: TerminalProxy?

    func run() throws -> Int32 {
        let sfd = try sys("signalfd") { sw_signalfd_all() }
        defer { close(sfd) }
        proxy?.enterRawMode()
        defer { proxy?.restoreMode() }
        proxy?.resize()
        while true {
            var fds = [pollfd(fd: sfd, events: Int16(POLLIN), revents: 0)]
            if let proxy { fds += proxy.pollFDs() }
            let r = poll(&fds, nfds_t(fds.count), -1)
            if r < 0 {
                if sw_errno() == EINTR { continue }
                throw RuntimeError(SystemError.last("poll").description)
            }
            if fds.count > 1 { proxy?.handle(Array(fds[1...])) }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let sig = sw_signalfd_next(sfd)
            guard sig > 0 else { continue }
            if sig == SIGCHLD {
                if let code = reap() {
                    proxy?.drain()
                    return code
                }
            } else if sig == SIGWINCH {
                proxy?.resize()
            } else {
                Glibc.kill(pid, sig)
            }
        }
    }

    /// Reaps every exited child; returns the init's exit code once it exited.
    func reap() -> Int32? {
        var result: Int32? = nil
        while true {
            var status: Int32 = 0
            let r = waitpid(-1, &status, WNOHANG)
            if r <= 0 { return result }
            if r == pid {
                result = sw_exited(status) ? sw_exitCode(status) : 128 + (status & 0x7f)
            }
        }
    }
}
