import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.noNewPrivileges`: PR_SET_NO_NEW_PRIVS, inherited across execve and irrevocable.
public enum NoNewPrivileges {
    static let prSetNoNewPrivs: Int32 = 38

    public static func apply() throws(ProcessSetupError) {
        if sw_prctl(prSetNoNewPrivs, 1, 0, 0, 0) < 0 {
            throw ProcessSetupError(field: "process.noNewPrivileges", "",
                                    underlying: .last("prctl(PR_SET_NO_NEW_PRIVS)"))
        }
    }
}
