import CShims
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `start ID`: runs the user process of a created container.
    public func start(id: String) throws {
        let lock = try store.lock(id)
        defer { lock.release() }
        let record = try store.load(id)
        switch store.status(of: record) {
        case .created: break
        case .stopped: throw RuntimeError("cannot start a container that has stopped")
        case .running: throw RuntimeError("cannot start an already running container")
        case .paused: throw RuntimeError("cannot start a container in the paused state")
        case .creating: throw RuntimeError("cannot start a container in the creating state")
        }
        let pidfd = try InitProcess.open(record)
        defer { close(pidfd) }
        try release(record, pidfd: pidfd)
    }

    /// Lets the init exec, then runs poststart hooks. runtime.md: if a
    /// startContainer or poststart hook fails, generate an error and stop
    /// the container; `delete` continues with poststop.
    func release(_ record: ContainerRecord, pidfd: Int32) throws {
        do {
            try ExecFifo.release(path: store.execFifoPath(of: record.id), initPidfd: pidfd)
            try HookRunner.run(record.config?.hooks?.poststart, kind: "poststart", state: record.state(status: .running))
        } catch {
            _ = sw_pidfd_send_signal(pidfd, SIGKILL, 0)
            _ = InitProcess.waitForExit(pidfd: pidfd, timeoutMillis: 5000)
            throw error
        }
    }
}

/// The container's init, addressed through a pidfd so a recycled pid is
/// never signalled.
enum InitProcess {
    static func open(_ record: ContainerRecord) throws -> Int32 {
        let fd = sw_pidfd_open(record.initPid, 0)
        guard fd >= 0, ProcessProbe.isAlive(pid: record.initPid, startTime: record.initStartTime) else {
            if fd >= 0 { close(fd) }
            throw RuntimeError("container not running")
        }
        return fd
    }

    /// Waits until the process behind `pidfd` has exited (it need not be our child).
    static func waitForExit(pidfd: Int32, timeoutMillis: Int32 = -1) -> Bool {
        var fds = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)]
        while true {
            let r = poll(&fds, 1, timeoutMillis)
            if r < 0 && sw_errno() == EINTR { continue }
            return r > 0
        }
    }
}
