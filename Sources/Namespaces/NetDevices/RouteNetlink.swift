/// rtnetlink constants (linux/netlink.h, linux/rtnetlink.h, linux/if_link.h,
/// linux/if_addr.h). Glibc's Swift module does not export these headers.
public enum RouteNetlink {
    public static let addressFamily: Int32 = 16          // AF_NETLINK
    public static let protocolRoute: Int32 = 0           // NETLINK_ROUTE
    static let solNetlink: Int32 = 270                   // SOL_NETLINK
    static let optCapAck: Int32 = 10                     // NETLINK_CAP_ACK
    static let optExtAck: Int32 = 11                     // NETLINK_EXT_ACK

    /// nlmsghdr.nlmsg_type
    public enum MessageType {
        public static let error: UInt16 = 2              // NLMSG_ERROR
        public static let done: UInt16 = 3               // NLMSG_DONE
        public static let newLink: UInt16 = 16           // RTM_NEWLINK
        public static let getLink: UInt16 = 18           // RTM_GETLINK
        public static let newAddress: UInt16 = 20        // RTM_NEWADDR
        public static let getAddress: UInt16 = 22        // RTM_GETADDR
    }

    /// nlmsghdr.nlmsg_flags
    public enum Flag {
        public static let request: UInt16 = 0x001        // NLM_F_REQUEST
        public static let multi: UInt16 = 0x002          // NLM_F_MULTI
        public static let ack: UInt16 = 0x004            // NLM_F_ACK
        public static let dumpInterrupted: UInt16 = 0x010 // NLM_F_DUMP_INTR
        public static let dump: UInt16 = 0x300           // NLM_F_ROOT | NLM_F_MATCH
        public static let excl: UInt16 = 0x200           // NLM_F_EXCL
        public static let create: UInt16 = 0x400         // NLM_F_CREATE
        /// In an NLMSG_ERROR: the request was not echoed back / TLVs follow.
        public static let ackCapped: UInt16 = 0x100      // NLM_F_CAPPED
        public static let ackTLVs: UInt16 = 0x200        // NLM_F_ACK_TLVS
    }

    /// IFLA_* attributes of RTM_*LINK.
    public enum LinkAttribute {
        public static let ifname: UInt16 = 3             // IFLA_IFNAME
        public static let netNamespaceFD: UInt16 = 28    // IFLA_NET_NS_FD
    }

    /// IFA_* attributes of RTM_*ADDR.
    public enum AddressAttribute {
        public static let address: UInt16 = 1           // IFA_ADDRESS
        public static let local: UInt16 = 2             // IFA_LOCAL
        public static let broadcast: UInt16 = 4         // IFA_BROADCAST
        public static let flags: UInt16 = 8             // IFA_FLAGS (full 32-bit flags)
        public static let routePriority: UInt16 = 9     // IFA_RT_PRIORITY
    }

    /// IFA_F_* address flags.
    public enum AddressFlag {
        public static let secondary: UInt32 = 0x01
        public static let noDAD: UInt32 = 0x02
        public static let homeAddress: UInt32 = 0x10
        public static let permanent: UInt32 = 0x80
        public static let manageTempAddress: UInt32 = 0x100
        public static let noPrefixRoute: UInt32 = 0x200
        public static let mcAutoJoin: UInt32 = 0x400
        /// Flags a user sets when adding an address; the rest (tentative,
        /// deprecated, secondary, permanent...) the kernel derives itself.
        public static let userSettable: UInt32 = noDAD | homeAddress | manageTempAddress | noPrefixRoute | mcAutoJoin
    }

    static let nlmsgerrAttrMessage: UInt16 = 1           // NLMSGERR_ATTR_MSG
    public static let interfaceUp: UInt32 = 0x1          // IFF_UP
    public static let scopeUniverse: UInt8 = 0           // RT_SCOPE_UNIVERSE
    static let headerSize = 16                           // sizeof(struct nlmsghdr)
}
