import StateStore

/// The lifecycle operations behind each CLI command. One value per process:
/// every command is a fresh process, so nothing here is long-lived.
public struct Runtime {
    public let options: RuntimeOptions
    let store: StateStore

    public init(options: RuntimeOptions) {
        self.options = options
        self.store = StateStore(root: options.root)
    }

}
