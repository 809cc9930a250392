/// Undo actions registered while a container is being set up; run in
/// reverse order when setup fails so nothing is left behind.
final class Cleanup {
    private var actions: [() -> Void] = []
    private var committed = false

    func add(_ action: @escaping () -> Void) { actions.append(action) }

    /// Setup succeeded: keep everything.
    func commit() { committed = true }

    var isCommitted: Bool { committed }

    func runIfNeeded() {
        if committed { return }
        for action in actions.reversed() { action() }
        actions.removeAll()
    }
}
