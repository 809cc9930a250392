extension MountOptions {
    /// `ratime` / `rnostrictatime`. For mount_setattr(2) the atime behaviour is
    /// one 3-valued field (MOUNT_ATTR__ATIME: relatime, noatime, strictatime),
    /// not independent bits: the kernel rejects an attr_clr holding only part
    /// of MOUNT_ATTR__ATIME (EINVAL). Clearing noatime or strictatime thus
    /// means choosing the kernel's default mode, relatime, for the whole tree;
    /// unless an earlier option already chose a different mode, which stays
    /// (`rnoatime,rnostrictatime` is still noatime).
    mutating func clearRecursiveAtime(_ mode: UInt64) {
        let chosen = recursiveAttrClear & MountAttr.atimeMask == MountAttr.atimeMask
            ? recursiveAttrSet & MountAttr.atimeMask : nil
        if let chosen, chosen != mode { return }
        recursiveAttrSet = (recursiveAttrSet & ~MountAttr.atimeMask) | MountAttr.relatime
        recursiveAttrClear |= MountAttr.atimeMask
    }
}
