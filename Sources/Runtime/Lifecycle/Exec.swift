import CShims
import Namespaces
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `exec`: runs a new process inside a created or running container.
    /// Foreground: returns the process's exit code; `--detach`: returns 0
    /// once it has started.
    public func exec(_ o: ExecOptions) throws -> Int32 {
        let record = try store.load(o.id)
        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        switch status {
        case .created, .running: break
        case .paused where o.ignorePaused: break
        case .paused: throw RuntimeError("cannot exec in a paused container (use --ignore-paused to override)")
        case .stopped, .creating: throw RuntimeError("cannot exec in a stopped container")
        }
        guard var spec = record.config else { throw RuntimeError("container \(o.id) has no stored config") }
        spec.process = try o.process(base: spec.process)
        let process = spec.process!

        // Join every namespace the container has, through its init.
        let initPidfd = try InitProcess.open(record)
        defer { close(initPidfd) }
        let namespaces = (spec.linux?.namespaces ?? []).map {
            Spec.Linux.Namespace(type: $0.type, path: "/proc/\(record.initPid)/ns/\(NamespaceKind(rawValue: $0.type)?.procName ?? $0.type)")
        }
        let plan = try NamespacePlan(namespaces)

        if !o.detach { _ = sw_prctl(LinuxAPI.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) }
        var oldMask = sigset_t()
        _ = sw_sigset_fill_block(&oldMask)
        defer { _ = sw_sigset_restore(&oldMask) }

        var proxy: TerminalProxy? = nil
        var consoleFD: Int32? = nil
        if process.terminal == true {
            if let path = o.consoleSocket {
                consoleFD = try UnixSocket.connect(path)
            } else if o.detach {
                throw RuntimeError("cannot allocate tty if runc will detach without setting console socket")
            } else {
                let pair = try TerminalProxy.socketPair()
                proxy = TerminalProxy(receiver: pair.ours)
                consoleFD = pair.theirs
            }
        } else if o.consoleSocket != nil {
            throw RuntimeError("cannot use console socket if runc will not detach or allocate tty")
        }
        defer { if let consoleFD { close(consoleFD) } }

        let (parentEnd, childEnd) = try SyncChannel.pair()
        defer { parentEnd.close() }
        var config = InitConfig(id: o.id, spec: spec, bundle: record.bundle, rootfs: record.rootfs, plan: plan,
                                channel: childEnd, fifoFD: -1, consoleSocketFD: consoleFD,
                                preserveFDs: o.preserveFDs, noPivot: record.noPivot, noNewKeyring: true,
                                extraEnv: SocketActivation.environment(), inheritedLockFD: -1)
        config.mode = .exec
        let stagePid = try InitSpawner.spawnStaged(config, plan: plan)
        childEnd.close()
        let cleanup = Cleanup()
        defer { cleanup.runIfNeeded() }
        cleanup.add { Glibc.kill(stagePid, SIGKILL); var s: Int32 = 0; _ = waitpid(stagePid, &s, WNOHANG) }
        let (pid, pidfd) = try InitSpawner.finishStaged(stagePid: stagePid, channel: parentEnd) { _ in
            throw RuntimeError("exec cannot create a user namespace")
        }
        // The process waits for us after reporting a failure: close the
        // channel and kill it before reaping (defers would run too late).
        cleanup.add {
            parentEnd.close()
            _ = sw_pidfd_send_signal(pidfd, SIGKILL, 0)
            var s: Int32 = 0
            _ = waitpid(pid, &s, 0)
            close(pidfd)
        }
        defer { if cleanup.isCommitted { close(pidfd) } }
        if let cgroup = try CgroupSupport.reopen(record) {
            do { try cgroup.add(pid: pid) } catch { throw RuntimeError("\(error)") }
        }
        try parentEnd.send(.proceed)
        loop: while true {
            guard let message = try parentEnd.receive() else {
                throw RuntimeError("exec process exited before it was ready\(InitSpawner.exitDetail(pid))")
            }
            switch message {
            case .ready: break loop
            case .failure(let m): throw RuntimeError(m)
            case .notifyFD(let fd):
                defer { close(fd) }
                try SeccompListener.forward(fd: fd, spec: spec, state: record.state(status: status))
            default: throw RuntimeError("unexpected message from exec process")
            }
        }
        if let consoleFD { close(consoleFD) }
        consoleFD = nil
        try proxy?.receiveMaster()
        if let pidFile = o.pidFile { try PidFile.write(pid, to: pidFile) }
        if let socket = o.pidfdSocket { try EngineSocket.sendFD(pidfd, to: socket) }
        cleanup.commit()
        if o.detach { return 0 }
        return try ForegroundWait(pid: pid, proxy: proxy).run()
    }
}
