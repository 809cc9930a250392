import OCISpec
import Seccomp

/// Hands the init's seccomp notify fd to the agent at
/// linux.seccomp.listenerPath (runtime.md / config-linux.md "listenerPath").
enum SeccompListener {
    static func forward(fd: Int32, spec: Spec, state: State) throws {
        guard let seccomp = spec.linux?.seccomp, let path = seccomp.listenerPath, !path.isEmpty else {
            throw RuntimeError("linux.seccomp.listenerPath: a notify action needs a listener")
        }
        do {
            try SeccompNotify.sendListener(fd: fd, listenerPath: path, metadata: seccomp.listenerMetadata,
                                           pid: state.pid ?? 0, state: JSON.encodeBytes(state))
        } catch {
            throw RuntimeError("\(error)")
        }
    }
}
