import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.apparmorProfile` and `process.selinuxLabel`: labels the kernel applies
/// at the next execve, written to the process's procfs attr files.
///
/// Behaviour matches runc 1.1:
/// - AppArmor: no "is it enabled" check; the write is attempted, and on a host
///   without AppArmor it fails (EINVAL from /proc/self/attr/exec), which is an error.
/// - SELinux: a label on a host without SELinux is an error
///   ("selinux label is specified in config, but selinux is disabled or not supported");
///   runc raises it at validation time, so call `selinuxEnabled()` early (before
///   creating anything) as well.
public enum LSM {
    static let selinuxMagic: UInt = 0xf97c_ff8c

    /// True when AppArmor is active (same test as runc's apparmor.IsEnabled).
    public static func appArmorEnabled() -> Bool {
        guard FileIO.exists("/sys/kernel/security/apparmor"),
              let buf = try? FileIO.read("/sys/module/apparmor/parameters/enabled") else { return false }
        return buf.first == UInt8(ascii: "Y")
    }

    /// True when selinuxfs is mounted (go-selinux's test, minus the "kernel" context corner case).
    public static func selinuxEnabled() -> Bool {
        for path in ["/sys/fs/selinux", "/selinux"] {
            var type: Int64 = 0
            if sw_statfs_type(path, &type) == 0 && UInt(truncatingIfNeeded: type) & 0xffff_ffff == selinuxMagic {
                return true
            }
        }
        return false
    }

    /// Makes the next execve enter AppArmor profile `profile` (aa_change_onexec).
    public static func applyAppArmor(_ profile: String?) throws(ProcessSetupError) {
        guard let profile, !profile.isEmpty else { return }
        // Kernels with LSM stacking have a per-LSM directory; older ones only the shared file.
        var path = "/proc/self/attr/apparmor/exec"
        if !FileIO.exists(path) { path = "/proc/self/attr/exec" }
        do { try FileIO.write(path, "exec " + profile) } catch {
            let hint = appArmorEnabled() ? "" : " (AppArmor is not enabled on this host)"
            throw ProcessSetupError(field: "process.apparmorProfile",
                                    "apparmor failed to apply profile \"\(profile)\"\(hint)", underlying: error)
        }
    }

    /// Makes the next execve run with SELinux context `label`.
    ///
    /// `enabled` defaults to probing now; after pivot_root the container's /sys may not
    /// show selinuxfs, so pass the answer probed on the host before the pivot.
    public static func applySELinuxLabel(_ label: String?, enabled: Bool? = nil) throws(ProcessSetupError) {
        guard let label, !label.isEmpty else { return }
        guard enabled ?? selinuxEnabled() else {
            throw ProcessSetupError(field: "process.selinuxLabel",
                                    "selinux label is specified in config, but selinux is disabled or not supported")
        }
        do { try FileIO.write("/proc/self/attr/exec", label) } catch {
            throw ProcessSetupError(field: "process.selinuxLabel", "can't set process label \"\(label)\"",
                                    underlying: error)
        }
    }
}
