extension Spec {
    /// An entry of `mounts`.
    public struct Mount: Codable, Equatable, Sendable {
        public var destination: String
        public var type: String?
        public var source: String?
        public var options: [String]?
        /// Id-mapped mount mappings (`MOUNT_ATTR_IDMAP`).
        public var uidMappings: [Linux.IDMapping]?
        public var gidMappings: [Linux.IDMapping]?

        public init(
            destination: String,
            type: String? = nil,
            source: String? = nil,
            options: [String]? = nil,
            uidMappings: [Linux.IDMapping]? = nil,
            gidMappings: [Linux.IDMapping]? = nil
        ) {
            self.destination = destination
            self.type = type
            self.source = source
            self.options = options
            self.uidMappings = uidMappings
            self.gidMappings = gidMappings
        }
    }
}
