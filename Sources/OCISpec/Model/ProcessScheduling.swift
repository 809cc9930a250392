extension Spec.Process {
    /// `process.scheduler`: arguments of sched_setattr(2).
    public struct Scheduler: Codable, Equatable, Sendable {
        /// `SCHED_*` policy name.
        public var policy: String
        public var nice: Int32?
        public var priority: Int32?
        /// `SCHED_FLAG_*` names.
        public var flags: [String]?
        /// Nanoseconds; SCHED_DEADLINE only.
        public var runtime: UInt64?
        public var deadline: UInt64?
        public var period: UInt64?

        public init(
            policy: String, nice: Int32? = nil, priority: Int32? = nil, flags: [String]? = nil,
            runtime: UInt64? = nil, deadline: UInt64? = nil, period: UInt64? = nil
        ) {
            self.policy = policy
            self.nice = nice
            self.priority = priority
            self.flags = flags
            self.runtime = runtime
            self.deadline = deadline
            self.period = period
        }
    }

    /// `process.ioPriority`: arguments of ioprio_set(2).
    public struct IOPriority: Codable, Equatable, Sendable {
        /// `IOPRIO_CLASS_RT`, `IOPRIO_CLASS_BE` or `IOPRIO_CLASS_IDLE` (JSON key `class`).
        public var priorityClass: String
        /// 0 (highest) to 7 (lowest).
        public var priority: Int32

        public init(priorityClass: String, priority: Int32 = 0) {
            self.priorityClass = priorityClass
            self.priority = priority
        }

        enum CodingKeys: String, CodingKey {
            case priorityClass = "class"
            case priority
        }

        // The schema only requires `class`; runc defaults a missing priority to 0.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            priorityClass = try c.decode(String.self, forKey: .priorityClass)
            priority = try c.decodeIfPresent(Int32.self, forKey: .priority) ?? 0
        }
    }

    /// `process.execCPUAffinity`: CPU lists (`0-3,7`) applied around `exec`.
    public struct ExecCPUAffinity: Codable, Equatable, Sendable {
        /// Affinity of the runtime's process as it joins the container.
        public var initial: String?
        /// Affinity of the process after it has been moved into the container cgroup.
        public var final: String?

        public init(initial: String? = nil, final: String? = nil) {
            self.initial = initial
            self.final = final
        }
    }
}
