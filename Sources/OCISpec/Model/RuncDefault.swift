extension Spec {
    /// The configuration `runc spec` writes (runc 1.1), with our `ociVersion`.
    ///
    /// Rootless differs as runc's `ToRootless` makes it: a user namespace mapping
    /// only the caller's ids to root, no network namespace (a rootless caller
    /// cannot configure one), sysfs bind-mounted instead of mounted, no `gid=5`
    /// on devpts (that group is unmapped) and no cgroup device rules.
    public static func runcDefault(rootless: Bool, hostUID: UInt32 = 0, hostGID: UInt32 = 0) -> Spec {
        let caps = ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
        let process = Process(
            terminal: true,
            user: .init(uid: 0, gid: 0),
            args: ["sh"],
            env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
            cwd: "/",
            capabilities: .init(bounding: caps, effective: caps, permitted: caps, ambient: caps),
            rlimits: [.init(type: "RLIMIT_NOFILE", hard: 1024, soft: 1024)],
            noNewPrivileges: true
        )
        var devptsOptions = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]
        if !rootless { devptsOptions.append("gid=5") }
        let sys = rootless
            ? Mount(destination: "/sys", type: "none", source: "/sys",
                    options: ["rbind", "nosuid", "noexec", "nodev", "ro"])
            : Mount(destination: "/sys", type: "sysfs", source: "sysfs",
                    options: ["nosuid", "noexec", "nodev", "ro"])
        let mounts: [Mount] = [
            .init(destination: "/proc", type: "proc", source: "proc"),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs",
                  options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            .init(destination: "/dev/pts", type: "devpts", source: "devpts", options: devptsOptions),
            .init(destination: "/dev/shm", type: "tmpfs", source: "shm",
                  options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue",
                  options: ["nosuid", "noexec", "nodev"]),
            sys,
            .init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup",
                  options: ["nosuid", "noexec", "nodev", "relatime", "ro"]),
        ]
        var linux = Linux(
            maskedPaths: [
                "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
                "/proc/scsi",
            ],
            readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
        )
        if rootless {
            linux.uidMappings = [.init(containerID: 0, hostID: hostUID, size: 1)]
            linux.gidMappings = [.init(containerID: 0, hostID: hostGID, size: 1)]
            linux.namespaces = ["pid", "ipc", "uts", "mount", "user"].map { .init(type: $0) }
        } else {
            linux.resources = .init(devices: [.init(allow: false, access: "rwm")])
            linux.namespaces = ["pid", "network", "ipc", "uts", "mount"].map { .init(type: $0) }
        }
        return Spec(
            ociVersion: supportedVersion,
            process: process,
            root: .init(path: "rootfs", readonly: true),
            hostname: "runc",
            mounts: mounts,
            linux: linux
        )
    }
}
