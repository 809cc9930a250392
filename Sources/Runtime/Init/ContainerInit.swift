import CShims
import Mounts
import Namespaces
import OCISpec
import ProcessSetup
import Seccomp
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The container's init process, from clone3 to execve. The order of steps
/// follows runc's standard_init so engines see the same behaviour: mounts,
/// create hooks, pivot, sysctl, masked paths, process attributes, seccomp
/// and capabilities, then the wait on the exec fifo and execve.
enum ContainerInit {
    static func run(_ config: InitConfig) -> Never {
        if config.inheritedLockFD >= 0 { close(config.inheritedLockFD) }
        Log.detachFile()
        do {
            switch config.mode {
            case .create: try setUp(config)
            case .exec: try ExecInit.setUp(config)
            }
        } catch let failure as HookRunner.Failure {
            try? config.channel.send(.hookFailure(failure.description))
            awaitTeardown(config.channel)
        } catch {
            try? config.channel.send(.failure("\(error)"))
            awaitTeardown(config.channel)
        }
        _exit(1)
    }

    /// After reporting a failure, stay alive until the runtime has undone
    /// what needs our namespaces (moving net devices back) and kills us or
    /// closes the channel.
    static func awaitTeardown(_ channel: SyncChannel) {
        guard channel.fd >= 0 else { return }
        while let message = try? channel.receive() {
            if case .failure = message { break }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// Become the user namespace's root once its maps are written.
    static func becomeNamespaceRoot() throws {
        try sys("setresgid", "0") { sw_setresgid(0, 0, 0) }
        try sys("setresuid", "0") { sw_setresuid(0, 0, 0) }
    }

    private static func setUp(_ c: InitConfig) throws -> Never {
        _ = sw_signal_default_all()
        _ = sw_sigset_unblock_all()
        // Die with the runtime while it still supervises us; cleared at `ready`.
        // A staged init's parent is the intermediate, which exits at once.
        if !c.namespacesEntered { _ = sw_prctl(LinuxAPI.PR_SET_PDEATHSIG, UInt(SIGKILL), 0, 0, 0) }

        guard let first = try c.channel.receive() else { _exit(1) }
        guard case .proceed = first else { throw Failure("unexpected message from runtime") }
        let spec = c.spec
        let process = spec.process!

        if !c.namespacesEntered {
            if c.plan.creates(.user) { try becomeNamespaceRoot() }
            for join in c.plan.join where join.kind != .user && join.kind != .pid {
                try NamespaceJoin.enter(join)
            }
        }
        if c.plan.lateUnshareFlags != 0 {
            try sys("unshare", "cgroup/time namespace") { sw_unshare(c.plan.lateUnshareFlags) }
        }
        if c.plan.creates(.time), let offsets = spec.linux?.timeOffsets {
            try TimeOffsets.write(offsets)
        }
        // A session of our own: the container must not share the caller's
        // controlling terminal or job control.
        _ = setsid()

        if c.plan.contains(.uts) {
            if let h = spec.hostname, !h.isEmpty {
                try sys("sethostname", h) { sethostname(h, h.utf8.count) }
            }
            if let d = spec.domainname, !d.isEmpty {
                try sys("setdomainname", d) { setdomainname(d, d.utf8.count) }
            }
        }

        let prepared = try ProcessFinalizer.prepare(spec)
        try HostSupport.check(spec, selinux: prepared.selinux)
        if let w = prepared.caps.unknownWarning { Log.warning(w) }
        let rootfs = RootfsSetup(spec: spec, bundlePath: c.bundle, noPivot: c.noPivot, consolePath: nil)
        try rootfs.prepare()

        if process.terminal == true, let socket = c.consoleSocketFD {
            let pty = try Console.allocate(rootfs: c.rootfs, size: process.consoleSize)
            try Console.send(master: pty.master, over: socket)
            close(pty.master)
            close(socket)
            try Console.attach(slave: pty.slave)
            close(pty.slave)
        }

        try c.channel.send(.runCreateHooks)
        guard let reply = try c.channel.receive() else { _exit(1) }
        switch reply {
        case .hooksDone: break
        case .failure(let m): throw Failure(m)
        default: throw Failure("unexpected message from runtime")
        }
        // Like runc, hooks run by the init see the pid from inside the container.
        let state = State(ociVersion: Spec.supportedVersion, id: c.id, status: .creating,
                          pid: getpid(), bundle: c.bundle, annotations: spec.annotations)
        try HookRunner.run(spec.hooks?.createContainer, kind: "createContainer", state: state)

        try rootfs.pivot()
        // Before finalize: a read-only root would refuse the mkdir.
        try ProcessFinalizer.prepareCwd(process)
        try Sysctl.apply(spec.linux?.sysctl)
        try rootfs.finalize()

        try ProcessFinalizer.apply(c, prepared, process: process)
    }
}
