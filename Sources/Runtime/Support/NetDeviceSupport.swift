import Namespaces
import OCISpec

/// The runtime's door to `linux.netDevices`: which namespace the devices go
/// to, and moving them back if the create fails after they moved.
enum NetDeviceSupport {
    /// Runs in the runtime once the init exists and before it proceeds, so
    /// the container's program finds its devices configured.
    static func moveIn(_ spec: Spec, plan: NamespacePlan, pid: Int32, cleanup: Cleanup) throws {
        guard let devices = spec.linux?.netDevices, !devices.isEmpty else { return }
        // A joined namespace is entered by the init only after `proceed`, but
        // its path names it already; a new one exists since the clone.
        let path = plan.joins(.network) ?? "/proc/\(pid)/ns/net"
        let moved: NetDevices.Moved
        do {
            moved = try NetDevices.moveIn(devices, namespacePath: path)
        } catch {
            throw RuntimeError("\(error)")
        }
        // Registered after the init's kill: cleanup runs in reverse, so this
        // happens while the namespace still exists.
        cleanup.add { for w in NetDevices.restore(moved) { Log.warning(w) } }
    }
}
