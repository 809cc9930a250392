extension Spec {
    /// `process`: the container process (REQUIRED when `start` is called).
    public struct Process: Codable, Equatable, Sendable {
        public var terminal: Bool?
        public var consoleSize: ConsoleSize?
        /// Not OPTIONAL in the spec, but runc treats a missing `user` as uid/gid 0;
        /// decoding mirrors that so configs runc accepts are accepted here.
        public var user: User
        public var args: [String]?
        /// Windows only; kept so that round-tripping a config loses nothing.
        public var commandLine: String?
        public var env: [String]?
        public var cwd: String
        public var capabilities: Capabilities?
        public var rlimits: [Rlimit]?
        public var noNewPrivileges: Bool?
        public var apparmorProfile: String?
        public var oomScoreAdj: Int?
        public var scheduler: Scheduler?
        public var selinuxLabel: String?
        public var ioPriority: IOPriority?
        public var execCPUAffinity: ExecCPUAffinity?

        public init(
            terminal: Bool? = nil,
            consoleSize: ConsoleSize? = nil,
            user: User = User(),
            args: [String]? = nil,
            commandLine: String? = nil,
            env: [String]? = nil,
            cwd: String = "/",
            capabilities: Capabilities? = nil,
            rlimits: [Rlimit]? = nil,
            noNewPrivileges: Bool? = nil,
            apparmorProfile: String? = nil,
            oomScoreAdj: Int? = nil,
            scheduler: Scheduler? = nil,
            selinuxLabel: String? = nil,
            ioPriority: IOPriority? = nil,
            execCPUAffinity: ExecCPUAffinity? = nil
        ) {
            self.terminal = terminal
            self.consoleSize = consoleSize
            self.user = user
            self.args = args
            self.commandLine = commandLine
            self.env = env
            self.cwd = cwd
            self.capabilities = capabilities
            self.rlimits = rlimits
            self.noNewPrivileges = noNewPrivileges
            self.apparmorProfile = apparmorProfile
            self.oomScoreAdj = oomScoreAdj
            self.scheduler = scheduler
            self.selinuxLabel = selinuxLabel
            self.ioPriority = ioPriority
            self.execCPUAffinity = execCPUAffinity
        }

        enum CodingKeys: String, CodingKey {
            case terminal, consoleSize, user, args, commandLine, env, cwd, capabilities, rlimits
            case noNewPrivileges, apparmorProfile, oomScoreAdj, scheduler, selinuxLabel, ioPriority
            case execCPUAffinity
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            terminal = try c.decodeIfPresent(Bool.self, forKey: .terminal)
            consoleSize = try c.decodeIfPresent(ConsoleSize.self, forKey: .consoleSize)
            user = try c.decodeIfPresent(User.self, forKey: .user) ?? User()
            args = try c.decodeIfPresent([String].self, forKey: .args)
            commandLine = try c.decodeIfPresent(String.self, forKey: .commandLine)
            env = try c.decodeIfPresent([String].self, forKey: .env)
            cwd = try c.decode(String.self, forKey: .cwd)
            capabilities = try c.decodeIfPresent(Capabilities.self, forKey: .capabilities)
            rlimits = try c.decodeIfPresent([Rlimit].self, forKey: .rlimits)
            noNewPrivileges = try c.decodeIfPresent(Bool.self, forKey: .noNewPrivileges)
            apparmorProfile = try c.decodeIfPresent(String.self, forKey: .apparmorProfile)
            oomScoreAdj = try c.decodeIfPresent(Int.self, forKey: .oomScoreAdj)
            scheduler = try c.decodeIfPresent(Scheduler.self, forKey: .scheduler)
            selinuxLabel = try c.decodeIfPresent(String.self, forKey: .selinuxLabel)
            ioPriority = try c.decodeIfPresent(IOPriority.self, forKey: .ioPriority)
            execCPUAffinity = try c.decodeIfPresent(ExecCPUAffinity.self, forKey: .execCPUAffinity)
        }
    }
}

extension Spec.Process {
    /// `process.consoleSize`: initial terminal size in characters.
    public struct ConsoleSize: Codable, Equatable, Sendable {
        public var height: UInt64
        public var width: UInt64

        public init(height: UInt64, width: UInt64) {
            self.height = height
            self.width = width
        }
    }

    /// `process.user` (POSIX form).
    public struct User: Codable, Equatable, Sendable {
        public var uid: UInt32
        public var gid: UInt32
        public var umask: UInt32?
        public var additionalGids: [UInt32]?
        /// Windows only.
        public var username: String?

        public init(
            uid: UInt32 = 0, gid: UInt32 = 0, umask: UInt32? = nil,
            additionalGids: [UInt32]? = nil, username: String? = nil
        ) {
            self.uid = uid
            self.gid = gid
            self.umask = umask
            self.additionalGids = additionalGids
            self.username = username
        }

        enum CodingKeys: String, CodingKey {
            case uid, gid, umask, additionalGids, username
        }

        // runc (Go zero values) accepts `"user": {}` as root; so do we.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            uid = try c.decodeIfPresent(UInt32.self, forKey: .uid) ?? 0
            gid = try c.decodeIfPresent(UInt32.self, forKey: .gid) ?? 0
            umask = try c.decodeIfPresent(UInt32.self, forKey: .umask)
            additionalGids = try c.decodeIfPresent([UInt32].self, forKey: .additionalGids)
            username = try c.decodeIfPresent(String.self, forKey: .username)
        }
    }

    /// `process.capabilities`: capability names (`CAP_*`) per set.
    public struct Capabilities: Codable, Equatable, Sendable {
        public var bounding: [String]?
        public var effective: [String]?
        public var inheritable: [String]?
        public var permitted: [String]?
        public var ambient: [String]?

        public init(
            bounding: [String]? = nil, effective: [String]? = nil, inheritable: [String]? = nil,
            permitted: [String]? = nil, ambient: [String]? = nil
        ) {
            self.bounding = bounding
            self.effective = effective
            self.inheritable = inheritable
            self.permitted = permitted
            self.ambient = ambient
        }

        /// The sets with their JSON names, for validation and error paths.
        public var all: [(name: String, capabilities: [String])] {
            [
                ("bounding", bounding ?? []), ("effective", effective ?? []),
                ("inheritable", inheritable ?? []), ("permitted", permitted ?? []),
                ("ambient", ambient ?? []),
            ]
        }
    }

    /// An entry of `process.rlimits`.
    public struct Rlimit: Codable, Equatable, Sendable {
        /// `RLIMIT_*` name, e.g. `RLIMIT_NOFILE`.
        public var type: String
        public var hard: UInt64
        public var soft: UInt64

        public init(type: String, hard: UInt64, soft: UInt64) {
            self.type = type
            self.hard = hard
            self.soft = soft
        }
    }
}
