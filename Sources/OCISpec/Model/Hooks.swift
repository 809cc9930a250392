extension Spec {
    /// `hooks`: commands run at points of the container lifecycle.
    public struct Hooks: Codable, Equatable, Sendable {
        /// Deprecated by the spec in favour of createRuntime/createContainer/startContainer,
        /// but still honoured (runc runs it right before createRuntime).
        public var prestart: [Hook]?
        public var createRuntime: [Hook]?
        public var createContainer: [Hook]?
        public var startContainer: [Hook]?
        public var poststart: [Hook]?
        public var poststop: [Hook]?

        public init(
            prestart: [Hook]? = nil,
            createRuntime: [Hook]? = nil,
            createContainer: [Hook]? = nil,
            startContainer: [Hook]? = nil,
            poststart: [Hook]? = nil,
            poststop: [Hook]? = nil
        ) {
            self.prestart = prestart
            self.createRuntime = createRuntime
            self.createContainer = createContainer
            self.startContainer = startContainer
            self.poststart = poststart
            self.poststop = poststop
        }

        /// All hook lists with their JSON names, in lifecycle order (for validation and reporting).
        public var all: [(name: String, hooks: [Hook])] {
            [
                ("prestart", prestart ?? []),
                ("createRuntime", createRuntime ?? []),
                ("createContainer", createContainer ?? []),
                ("startContainer", startContainer ?? []),
                ("poststart", poststart ?? []),
                ("poststop", poststop ?? []),
            ]
        }
    }

    /// One hook command.
    public struct Hook: Codable, Equatable, Sendable {
        /// Absolute path of the executable (execv semantics, no PATH lookup).
        public var path: String
        /// Full argv including argv[0].
        public var args: [String]?
        public var env: [String]?
        /// Seconds; when set it MUST be greater than zero.
        public var timeout: Int?

        public init(path: String, args: [String]? = nil, env: [String]? = nil, timeout: Int? = nil) {
            self.path = path
            self.args = args
            self.env = env
            self.timeout = timeout
        }
    }
}
