import OCISpec
import Namespaces

/// Everything the container init needs, fixed before clone so the child
/// never has to read or decode anything.
struct InitConfig {
    enum Mode { case create, exec }
    var mode: Mode = .create
    let id: String
    let spec: Spec
    let bundle: String
    let rootfs: String
    let plan: NamespacePlan
    let channel: SyncChannel
    /// LinuxAPI.O_PATH fd of the exec fifo, reopened for writing through /proc/self/fd.
    let fifoFD: Int32
    /// Connected --console-socket, when process.terminal is set.
    let consoleSocketFD: Int32?
    let preserveFDs: Int32
    let noPivot: Bool
    let noNewKeyring: Bool
    /// Extra environment entries (LISTEN_FDS/LISTEN_PID from socket activation).
    let extraEnv: [String]
    /// The container's state lock fd, inherited through clone: the init must
    /// close its copy or the lock would be held for as long as it waits.
    let inheritedLockFD: Int32
    /// Set when an intermediate process already joined the namespaces and
    /// created the user namespace (see `NamespacePlan.needsIntermediateProcess`).
    var namespacesEntered = false
}
