/// The error for a `linux.devices` path already taken by something else: the
/// runtime must not replace a file of the image with a device node.
enum DeviceConflict {
    static func error(field: String, existing: FileStat, wantedMode: UInt32, wantedRdev: UInt64) -> MountError {
        let wanted = describe(type: wantedMode & FileStat.typeMask, rdev: wantedRdev)
        let found = describe(type: existing.type, rdev: existing.rdev)
        return MountError(field + ".path", "a file that is not the requested device is already there: found \(found), want \(wanted)")
    }

    static func describe(type: UInt32, rdev: UInt64) -> String {
        let numbers = " \(DeviceNumber.major(rdev)):\(DeviceNumber.minor(rdev))"
        switch type {
        case FileStat.charDevice: return "character device" + numbers
        case FileStat.blockDevice: return "block device" + numbers
        case FileStat.fifo: return "FIFO"
        case FileStat.regular: return "regular file"
        case FileStat.symlink: return "symlink"
        case FileStat.directory: return "directory"
        default: return "file of type 0o\(String(type, radix: 8))"
        }
    }
}
