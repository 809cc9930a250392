extension Spec.Linux {
    /// `linux.seccomp`: a seccomp filter (libseccomp vocabulary).
    public struct Seccomp: Codable, Equatable, Sendable {
        /// `SCMP_ACT_*` action for syscalls no rule matches.
        public var defaultAction: String
        public var defaultErrnoRet: UInt32?
        /// `SCMP_ARCH_*` names.
        public var architectures: [String]?
        /// `SECCOMP_FILTER_FLAG_*` names.
        public var flags: [String]?
        /// UNIX socket that receives the notify fd when an action is `SCMP_ACT_NOTIFY`.
        public var listenerPath: String?
        public var listenerMetadata: String?
        public var syscalls: [Syscall]?

        public init(
            defaultAction: String, defaultErrnoRet: UInt32? = nil, architectures: [String]? = nil,
            flags: [String]? = nil, listenerPath: String? = nil, listenerMetadata: String? = nil,
            syscalls: [Syscall]? = nil
        ) {
            self.defaultAction = defaultAction
            self.defaultErrnoRet = defaultErrnoRet
            self.architectures = architectures
            self.flags = flags
            self.listenerPath = listenerPath
            self.listenerMetadata = listenerMetadata
            self.syscalls = syscalls
        }
    }
}

extension Spec.Linux.Seccomp {
    /// An entry of `linux.seccomp.syscalls`.
    public struct Syscall: Codable, Equatable, Sendable {
        public var names: [String]
        public var action: String
        public var errnoRet: UInt32?
        public var args: [Arg]?

        public init(names: [String], action: String, errnoRet: UInt32? = nil, args: [Arg]? = nil) {
            self.names = names
            self.action = action
            self.errnoRet = errnoRet
            self.args = args
        }
    }

    /// A syscall argument comparison.
    public struct Arg: Codable, Equatable, Sendable {
        public var index: UInt32
        public var value: UInt64
        /// Second operand of `SCMP_CMP_MASKED_EQ` (value is the mask).
        public var valueTwo: UInt64?
        /// `SCMP_CMP_*` operator name.
        public var op: String

        public init(index: UInt32, value: UInt64, valueTwo: UInt64? = nil, op: String) {
            self.index = index
            self.value = value
            self.valueTwo = valueTwo
            self.op = op
        }
    }
}
