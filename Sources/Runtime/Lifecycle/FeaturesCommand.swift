import Mounts
import OCISpec
import ProcessSetup
import Seccomp
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `features`: what this build implements (features.md), truthfully.
    public static func features() -> Features {
        let apparmor = LSM.appArmorEnabled()
        let selinux = LSM.selinuxEnabled()
        let linux = Features.Linux(
            namespaces: ["cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts"],
            capabilities: CapabilityName.all.map(\.name),
            cgroup: Features.Cgroup(v1: true, v2: true, systemd: false, systemdUser: false, rdma: true),
            seccomp: Features.Seccomp(enabled: true, actions: SeccompNames.actions, operators: SeccompNames.operators,
                                      archs: SeccompNames.architectures, knownFlags: SeccompNames.flags,
                                      supportedFlags: SeccompNames.flags),
            apparmor: Features.Enabled(enabled: apparmor),
            selinux: Features.Enabled(enabled: selinux),
            intelRdt: Features.IntelRdt(enabled: false),
            memoryPolicy: Features.MemoryPolicy(modes: LinuxNames.memoryPolicyModes.map(\.name),
                                                flags: LinuxNames.memoryPolicyFlags.map(\.name)),
            mountExtensions: Features.MountExtensions(idmap: Features.Enabled(enabled: true)),
            netDevices: Features.Enabled(enabled: true))
        return Features(
            ociVersionMin: "1.0.0", ociVersionMax: Spec.supportedVersion,
            hooks: ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
            mountOptions: MountOptions.supportedNames.sorted(),
            linux: linux,
            annotations: ["org.opencontainers.runc.checkpoint.enabled": "false",
                          "io.github.seccomp.libseccomp.version": SeccompFilter.libraryVersion])
    }

    /// The linked libseccomp's version, for `--version`.
    public static var libseccompVersion: String { SeccompFilter.libraryVersion }
}
