import CShims
import Cgroups
import Namespaces
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// A container whose init is waiting on its exec fifo.
struct Launched {
    var record: ContainerRecord
    let spec: Spec
    let pid: Int32
    let pidfd: Int32
}

extension Runtime {
    /// create's work, shared with run: claims the id, clones the init, runs
    /// the create-time hooks, and returns once the init waits for `start`.
    /// Any failure removes the state dir, the cgroup and the init.
    func launch(_ o: CreateOptions, bundle: Bundle, cleanup: Cleanup, consoleSocketFD given: Int32?) throws -> Launched {
        let spec = bundle.spec
        let process = spec.process!
        let plan = try NamespacePlan(spec.linux?.namespaces)

        var record = ContainerRecord(id: o.id, bundle: bundle.path, rootfs: bundle.rootfs, ociVersion: spec.ociVersion,
                                     annotations: spec.annotations ?? [:],
                                     rootless: options.rootless, systemdCgroup: options.systemdCgroup,
                                     noPivot: o.noPivot, noNewKeyring: o.noNewKeyring,
                                     terminal: process.terminal == true, consoleSocket: o.consoleSocket, config: spec)
        let lock = try store.create(record)
        // runtime.md: a failing prestart/createRuntime/createContainer hook
        // stops the container and continues at step 12, so poststop runs
        // once everything else is undone (actions run in reverse order).
        let hookFailed = Flag()
        cleanup.add {
            if hookFailed.value {
                HookRunner.runAllWarning(spec.hooks?.poststop, kind: "poststop", state: record.state(status: .stopped))
            }
        }
        cleanup.add { [store] in try? store.remove(o.id) }

        let hostRoot = Self.hostIDs(ofContainerRoot: spec)
        record.owner = store.owner(of: o.id)
        record.hostRootUID = hostRoot.uid
        record.hostRootGID = hostRoot.gid
        let fifoPath = try store.makeExecFifo(o.id, uid: hostRoot.uid, gid: hostRoot.gid)
        let fifoFD = try sys("open", fifoPath) { open(fifoPath, LinuxAPI.O_PATH | O_CLOEXEC) }
        defer { close(fifoFD) }

        var consoleSocketFD: Int32? = nil
        if process.terminal == true, let given {
            consoleSocketFD = dup(given)
        } else if process.terminal == true {
            guard let path = o.consoleSocket else {
                throw RuntimeError("cannot allocate tty if runc will detach without setting console socket")
            }
            consoleSocketFD = try UnixSocket.connect(path)
        } else if o.consoleSocket != nil {
            throw RuntimeError("cannot use console socket if runc will not detach or allocate tty")
        }
        defer { if let fd = consoleSocketFD { close(fd) } }

        let cgroup = try CgroupSupport.manager(for: spec, id: o.id, options: options)
        cleanup.add { try? cgroup.destroy() }

        record.cgroup = JSON.encodeValue(cgroup.record)
        try store.save(record)

        let (parentEnd, childEnd) = try SyncChannel.pair()
        // Closed by cleanup after the init is killed, never before: an init
        // that sees EOF exits, and its namespaces (and moved net devices) with it.
        cleanup.add { parentEnd.close() }
        let config = InitConfig(id: o.id, spec: spec, bundle: bundle.path, rootfs: bundle.rootfs, plan: plan,
                                channel: childEnd, fifoFD: fifoFD, consoleSocketFD: consoleSocketFD,
                                preserveFDs: o.preserveFDs, noPivot: o.noPivot, noNewKeyring: o.noNewKeyring,
                                extraEnv: SocketActivation.environment(), inheritedLockFD: lock.fd)

        let linux = spec.linux
        let writeMaps = { [options] (target: Int32) throws in
            try IDMappingWriter.write(pid: target, uidMappings: linux?.uidMappings ?? [],
                                      gidMappings: linux?.gidMappings ?? [], denySetgroups: options.rootless)
        }
        let pid: Int32
        let pidfd: Int32
        if plan.needsIntermediateProcess {
            let stagePid = try InitSpawner.spawnStaged(config, plan: plan)
            childEnd.close()
            let stageCleanup = Cleanup()
            stageCleanup.add { Glibc.kill(stagePid, SIGKILL); var s: Int32 = 0; _ = waitpid(stagePid, &s, 0) }
            defer { stageCleanup.runIfNeeded() }
            (pid, pidfd) = try InitSpawner.finishStaged(stagePid: stagePid, channel: parentEnd, writeMaps: writeMaps)
            stageCleanup.commit()
        } else {
            (pid, pidfd) = try InitSpawner.spawnDirect(config, plan: plan)
            childEnd.close()
        }
        cleanup.add {
            _ = sw_pidfd_send_signal(pidfd, SIGKILL, 0)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            close(pidfd)
        }
        if plan.creates(.user) && !plan.needsIntermediateProcess { try writeMaps(pid) }
        try CgroupSupport.setUp(cgroup, spec: spec, pid: pid)
        record.cgroup = JSON.encodeValue(cgroup.record)
        try NetDeviceSupport.moveIn(spec, plan: plan, pid: pid, cleanup: cleanup)
        try parentEnd.send(.proceed)

        var state = State(ociVersion: Spec.supportedVersion, id: o.id, status: .creating, pid: pid,
                          bundle: bundle.path, annotations: spec.annotations)
        loop: while true {
            guard let message = try parentEnd.receive() else {
                throw RuntimeError("container init exited before it was ready\(InitSpawner.exitDetail(pid))")
            }
            switch message {
            case .runCreateHooks:
                do {
                    try HookRunner.run(spec.hooks?.prestart, kind: "prestart", state: state)
                    try HookRunner.run(spec.hooks?.createRuntime, kind: "createRuntime", state: state)
                } catch {
                    hookFailed.value = true
                    throw RuntimeError("\(error)")
                }
                try parentEnd.send(.hooksDone)
            case .notifyFD(let fd):
                defer { close(fd) }
                state.status = .creating
                try SeccompListener.forward(fd: fd, spec: spec, state: state)
            case .ready:
                break loop
            case .failure(let message):
                throw RuntimeError(message)
            case .hookFailure(let message):
                hookFailed.value = true
                throw RuntimeError(message)
            default:
                throw RuntimeError("unexpected message from container init")
            }
        }

        parentEnd.close()
        record.initPid = pid
        record.initStartTime = ProcessProbe.startTime(of: pid) ?? 0
        record.creating = false
        try store.save(record)
        lock.release()
        if let pidFile = o.pidFile { try PidFile.write(pid, to: pidFile) }
        if let socket = o.pidfdSocket { try EngineSocket.sendFD(pidfd, to: socket) }
        return Launched(record: record, spec: spec, pid: pid, pidfd: pidfd)
    }

    /// The host ids that the container's root maps to (itself without a user namespace).
    static func hostIDs(ofContainerRoot spec: Spec) -> (uid: uid_t, gid: gid_t) {
        func map(_ list: [Spec.Linux.IDMapping]?, _ fallback: UInt32) -> UInt32 {
            guard let list, !list.isEmpty else { return fallback }
            return list.first { $0.containerID == 0 }?.hostID ?? fallback
        }
        let userns = spec.linux?.namespaces?.contains { $0.type == "user" } ?? false
        guard userns else { return (getuid(), getgid()) }
        return (map(spec.linux?.uidMappings, getuid()), map(spec.linux?.gidMappings, getgid()))
    }
}

/// A mutable flag shared with cleanup closures.
final class Flag {
    var value = false
}
