import CShims
import OCISpec
import ProcessSetup
import Seccomp
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The last stretch of the init: process attributes, privileges, the exec
/// fifo wait and execve. Seccomp is loaded as late as it can be: right
/// before execve when no_new_privs allows an unprivileged load, otherwise
/// before the user switch (loading then needs CAP_SYS_ADMIN).
enum ProcessFinalizer {
    /// runc creates a missing cwd (as root, inside the new root).
    static func prepareCwd(_ process: Spec.Process) throws {
        var path = ""
        for part in process.cwd.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o755) != 0 && sw_errno() != EEXIST {
                throw ContainerInit.Failure("process.cwd: \(SystemError.last("mkdir", path))")
            }
        }
    }

    /// Work that may happen before pivot_root: compiling the filter and
    /// reading host facts the container's view may hide.
    struct Prepared {
        let filter: SeccompFilter?
        let caps: CapabilitySets
        let selinux: Bool
    }

    static func prepare(_ spec: Spec) throws -> Prepared {
        let filter = try spec.linux?.seccomp.map { (s) throws(SeccompError) in try SeccompFilter.compile(s) }
        let caps = CapabilitySets(spec.process?.capabilities, lastCap: Capabilities.kernelLastCap())
        return Prepared(filter: filter, caps: caps, selinux: LSM.selinuxEnabled())
    }

    static func apply(_ c: InitConfig, _ prepared: Prepared, process: Spec.Process) throws -> Never {
        let spec = c.spec
        let userns = c.plan.contains(.user)
        if !c.noNewKeyring {
            _ = try Keyring.joinSession(name: Keyring.sessionName(containerID: c.id), inUserNamespace: userns)
        }
        // process.oomScoreAdj was set from the host side (InitSpawner.setOOMScore).
        try Rlimits.apply(process.rlimits, pid: 0)
        for w in try Personality.apply(spec.linux?.personality) { Log.warning(w) }
        try Scheduler.apply(process.scheduler)
        try IOPriority.apply(process.ioPriority)
        try MemoryPolicy.apply(spec.linux?.memoryPolicy)
        // We already are in the container's cgroup (the runtime moved us
        // before `proceed`), so `final` is what the program will run with.
        try CPUAffinity.applyInitial(process.execCPUAffinity)
        try CPUAffinity.applyFinal(process.execCPUAffinity, pid: 0)
        try LSM.applyAppArmor(process.apparmorProfile)
        try LSM.applySELinuxLabel(process.selinuxLabel, enabled: prepared.selinux)

        // CVE-2019-5736: from here on we hold the container's credentials
        // while still running the runtime's own binary. A dumpable process
        // would let container processes (an `exec` into a created container,
        // a shared pid namespace) open /proc/<pid>/exe and our fds, and
        // rewrite the host binary once we execve. Non-dumpable requires
        // CAP_SYS_PTRACE in the host user namespace for that; execve makes
        // the container's program dumpable again. This comes after the last
        // write to /proc/self: a non-dumpable task's proc files belong to the
        // host's root, which a user namespace's root cannot write.
        try sys("prctl(PR_SET_DUMPABLE)") { sw_prctl(LinuxAPI.PR_SET_DUMPABLE, 0, 0, 0, 0) }

        let nnp = process.noNewPrivileges == true
        if nnp { try NoNewPrivileges.apply() }
        var filterLoaded = false
        // Without no_new_privs the load needs CAP_SYS_ADMIN, so it happens
        // before the user switch. A notify filter must also be loaded while
        // the runtime still waits for its fd, i.e. before `ready`.
        if let filter = prepared.filter, !nnp || filter.usesNotify {
            try loadFilter(filter, c)
            filterLoaded = true
        }

        let cwd = try WorkingDirectory.begin(process.cwd)
        try Capabilities.applyBoundingSet(prepared.caps)
        try UserSwitch.apply(process.user)
        try cwd.complete()
        for w in try Capabilities.apply(prepared.caps) { Log.warning(w) }
        _ = Umask.apply(process.user.umask)

        let env = try Environment.build(process.env, uid: process.user.uid, passwd: Passwd.load())
        let args = process.args ?? []
        let executable = try ExecutableLookup.resolve(args[0], searchPath: env.searchPath)
        let envEntries = env.entries + c.extraEnv

        let preserved = (0..<(c.preserveFDs + SocketActivation.count())).map { 3 + $0 }
        try FDCleanup.verifyInherited(preserved)
        try FDCleanup.closeAllExcept(keep: preserved, untilExec: c.fifoFD >= 0 ? [c.channel.fd, c.fifoFD] : [c.channel.fd])
        // From here the init outlives `create`: disarm before saying so.
        _ = sw_prctl(LinuxAPI.PR_SET_PDEATHSIG, 0, 0, 0, 0)
        try c.channel.send(.ready)

        let argv = CStringArray(args)
        let envp = CStringArray(envEntries)
        guard c.mode == .create else {
            c.channel.close()
            if let filter = prepared.filter, !filterLoaded { _ = try filter.load() }
            execve(executable, argv.pointers, envp.pointers)
            throw ContainerInit.Failure("exec \(executable): \(String(cString: strerror(sw_errno())))")
        }
        // After the fifo byte, `start` reads on until the writer closes: at
        // execve (close-on-exec) on success, or after an error message from
        // here, so a failed startContainer hook or exec fails `start`.
        let writer = try waitForStart(c)
        do {
            let state = State(ociVersion: Spec.supportedVersion, id: c.id, status: .created,
                              pid: getpid(), bundle: c.bundle, annotations: spec.annotations)
            try HookRunner.run(spec.hooks?.startContainer, kind: "startContainer", state: state)
            if let filter = prepared.filter, !filterLoaded { _ = try filter.load() }
            execve(executable, argv.pointers, envp.pointers)
            throw ContainerInit.Failure("exec \(executable): \(String(cString: strerror(sw_errno())))")
        } catch {
            try? FileIO.writeAll(fd: writer, "\(error)")
            _exit(1)
        }
    }

    /// The notify fd goes to the runtime, which hands it to the listener.
    static func loadFilter(_ filter: SeccompFilter, _ c: InitConfig) throws {
        if let notifyFD = try filter.load() {
            try c.channel.sendFD(notifyFD)
            close(notifyFD)
        }
    }

    /// Blocks until `start` opens the fifo for reading. Reopening the LinuxAPI.O_PATH fd
    /// through /proc keeps the host path out of the container.
    static func waitForStart(_ c: InitConfig) throws -> Int32 {
        let path = "/proc/self/fd/\(c.fifoFD)"
        let fd = try sys("open exec fifo") { open(path, O_WRONLY | O_CLOEXEC) }
        try FileIO.writeAll(fd: fd, "0")
        close(c.fifoFD)
        c.channel.close()
        return fd
    }
}
