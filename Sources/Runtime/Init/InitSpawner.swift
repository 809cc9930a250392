import CShims
import Namespaces
import ProcessSetup
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Creates the container init. The common case is one clone3 that creates
/// every namespace at once. Joining a user or pid namespace, or joining
/// namespaces next to a new user namespace, needs runc's staging instead:
/// an intermediate process joins while still privileged, creates the user
/// namespace (the parent writes its maps), unshares the rest and forks the
/// init, which then becomes pid 1 of the new pid namespace.
enum InitSpawner {
    /// One clone3 creating every namespace; returns the init's pid and pidfd.
    static func spawnDirect(_ config: InitConfig, plan: NamespacePlan) throws -> (pid: Int32, pidfd: Int32) {
        var fd: Int32 = -1
        let pid = sw_clone3(plan.cloneFlags, -1, &fd)
        if pid < 0 { throw RuntimeError("clone3: \(SystemError.last("clone3").description)") }
        if pid == 0 { ContainerInit.run(config) }
        do { try setOOMScore(config, pid: pid) } catch {
            _ = sw_pidfd_send_signal(fd, SIGKILL, 0)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            close(fd)
            throw error
        }
        return (pid, fd)
    }

    /// `process.oomScoreAdj`, written while still privileged in the host
    /// user namespace (by the runtime for a direct init, by the intermediate
    /// for a staged one; fork passes the score on): inside a user namespace
    /// the process can neither lower its score (CAP_SYS_RESOURCE counts only
    /// in the host namespace) nor, once non-dumpable, open its own
    /// /proc/self/oom_score_adj at all.
    static func setOOMScore(_ config: InitConfig, pid: Int32?) throws {
        do { try OOMScore.apply(config.spec.process?.oomScoreAdj, pid: pid) } catch {
            throw RuntimeError("\(error)")
        }
    }

    /// Starts the intermediate process; `finishStaged` completes the handshake.
    static func spawnStaged(_ config: InitConfig, plan: NamespacePlan) throws -> Int32 {
        let stagePid = sw_clone3(0, -1, nil)
        if stagePid < 0 { throw RuntimeError("clone3: \(SystemError.last("clone3").description)") }
        if stagePid == 0 { intermediate(config, plan: plan) }
        return stagePid
    }

    /// The parent side of the staged path: answers the map request and learns
    /// the real init's pid. `channel` is the parent's end.
    static func finishStaged(stagePid: Int32, channel: SyncChannel, writeMaps: (Int32) throws -> Void) throws -> (pid: Int32, pidfd: Int32) {
        defer {
            var status: Int32 = 0
            _ = waitpid(stagePid, &status, 0)
        }
        while true {
            guard let message = try channel.receive() else {
                throw RuntimeError("container setup process exited unexpectedly")
            }
            switch message {
            case .mapRequest:
                try writeMaps(stagePid)
                try channel.send(.mapsWritten)
            case .initPid(let pid):
                let fd = sw_pidfd_open(pid, 0)
                if fd < 0 { throw RuntimeError("pidfd_open \(pid): \(SystemError.last("pidfd_open"))") }
                return (pid, fd)
            case .failure(let m):
                throw RuntimeError(m)
            default:
                throw RuntimeError("unexpected message from container setup process")
            }
        }
    }

    private static func intermediate(_ config: InitConfig, plan: NamespacePlan) -> Never {
        do {
            _ = sw_prctl(LinuxAPI.PR_SET_PDEATHSIG, UInt(SIGKILL), 0, 0, 0)
            if config.mode == .exec {
                // CVE-2019-5736: while a copy of the runtime lives in the
                // container's namespaces, its /proc/<pid>/exe must not be
                // reachable by container processes. Non-dumpable denies them
                // ptrace-mode access; execve restores it for the new program.
                _ = sw_prctl(LinuxAPI.PR_SET_DUMPABLE, 0, 0, 0, 0)
            }
            try setOOMScore(config, pid: nil)
            // Join while still privileged in the host user namespace; a join
            // refused now (owned by the target user namespace) is retried
            // after entering that user namespace.
            // Open every namespace first: once the mount namespace is joined,
            // /proc is the container's and the paths may no longer resolve.
            var opened: [(NamespacePlan.Join, Int32)] = []
            for join in plan.join { opened.append((join, try NamespaceJoin.open(join))) }
            var deferred: [(NamespacePlan.Join, Int32)] = []
            var userFD: Int32 = -1
            for (join, fd) in opened {
                if join.kind == .user { userFD = fd; continue }
                if sw_setns(fd, join.kind.cloneFlag) != 0 {
                    let e = SystemError.last("setns", join.path)
                    if e.errno != EPERM && e.errno != EINVAL {
                        throw NamespaceError("linux.namespaces[\(join.kind.rawValue)].path", e)
                    }
                    deferred.append((join, fd))
                } else {
                    close(fd)
                }
            }
            if let userPath = plan.joins(.user) {
                try NamespaceJoin.enter(fd: userFD, .init(kind: .user, path: userPath))
                try ContainerInit.becomeNamespaceRoot()
            } else if plan.creates(.user) {
                try sys("unshare", "user namespace") { sw_unshare(NamespaceKind.user.cloneFlag) }
                try config.channel.send(.mapRequest)
                guard case .mapsWritten? = try config.channel.receive() else { _exit(1) }
                try ContainerInit.becomeNamespaceRoot()
            }
            for (join, fd) in deferred { try NamespaceJoin.enter(fd: fd, join) }
            var flags: Int32 = 0
            for kind in plan.create where kind != .user && kind != .cgroup && kind != .time { flags |= kind.cloneFlag }
            if flags != 0 { try sys("unshare", "namespaces") { sw_unshare(flags) } }
            var initConfig = config
            initConfig.namespacesEntered = true
            let pid = sw_fork()
            if pid < 0 { throw SystemError.last("fork") }
            if pid == 0 { ContainerInit.run(initConfig) }
            try config.channel.send(.initPid(pid))
            _exit(0)
        } catch {
            try? config.channel.send(.failure("\(error)"))
            _exit(1)
        }
    }

    /// " (exit status N)" for an init that died during setup, when we can tell.
    static func exitDetail(_ pid: Int32) -> String {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            return ": \(HookRunner.describe(status: status))"
        }
        return ""
    }
}
