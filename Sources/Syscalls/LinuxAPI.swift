/// Linux constants that Glibc's Swift module does not export (they sit
/// behind _GNU_SOURCE in the C headers).
public enum LinuxAPI {
    public static let O_PATH: Int32 = 0o10000000
    public static let PR_SET_PDEATHSIG: Int32 = 1
    public static let PR_SET_CHILD_SUBREAPER: Int32 = 36
    public static let PR_SET_DUMPABLE: Int32 = 4
}
