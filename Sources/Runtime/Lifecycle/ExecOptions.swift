import OCISpec
import Syscalls

/// `exec` options (runc-exec(8)).
public struct ExecOptions: Sendable {
    public var id: String
    public var args: [String] = []
    public var processFile: String?
    public var env: [String] = []
    public var cwd: String?
    public var user: String?
    public var additionalGids: [Int64] = []
    public var capabilities: [String] = []
    public var tty = false
    public var detach = false
    public var pidFile: String?
    public var consoleSocket: String?
    public var pidfdSocket: String?
    public var noNewPrivileges = false
    public var apparmor: String?
    public var processLabel: String?
    public var preserveFDs: Int32 = 0
    public var ignorePaused = false

    public init(id: String) { self.id = id }
}

/// `exec --user uid[:gid]`, parsed strictly: decimal digits only, in range.
/// Lenient parsers (crun CVE-2026-30892 class) turned "1000x" or " 0" or
/// "-1" into an unintended uid such as root.
public enum ExecUser {
    public static func parse(_ text: String) throws -> (uid: UInt32, gid: UInt32?) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else {
            throw RuntimeError("exec --user: \"\(text)\": expected uid[:gid]")
        }
        let uid = try number(parts[0], text)
        let gid = parts.count == 2 ? try number(parts[1], text) : nil
        return (uid, gid)
    }

    static func number(_ s: Substring, _ whole: String) throws -> UInt32 {
        // 4294967295 is (uid_t)-1, "no change" to setresuid: never a real id.
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = UInt32(s), n != UInt32.max else {
            throw RuntimeError("exec --user: \"\(whole)\": ids must be decimal numbers from 0 to 4294967294")
        }
        return n
    }
}

extension ExecOptions {
    /// The process to run: --process FILE, or the container's process with
    /// the command-line overrides applied (runc's newProcess).
    func process(base: Spec.Process?) throws -> Spec.Process {
        var p: Spec.Process
        if let file = processFile {
            let bytes: [UInt8]
            do { bytes = try FileIO.read(file) } catch { throw RuntimeError("exec --process \(file): \(error)") }
            do { p = try JSON.decode(Spec.Process.self, from: bytes) } catch {
                throw RuntimeError("exec --process \(file): \(error)")
            }
        } else {
            guard var b = base else { throw RuntimeError("container config has no process") }
            guard !args.isEmpty else { throw RuntimeError("exec: process args cannot be empty") }
            b.args = args
            b.terminal = tty
            b.env = (b.env ?? []) + env
            if let cwd { b.cwd = cwd }
            if let user {
                let parsed = try ExecUser.parse(user)
                b.user.uid = parsed.uid
                if let gid = parsed.gid { b.user.gid = gid }
            }
            if !additionalGids.isEmpty {
                b.user.additionalGids = try additionalGids.map {
                    guard let g = UInt32(exactly: $0) else { throw RuntimeError("exec --additional-gids: \($0) is out of range") }
                    return g
                }
            }
            if !capabilities.isEmpty {
                var caps = b.capabilities ?? Spec.Process.Capabilities()
                caps.bounding = (caps.bounding ?? []) + capabilities
                caps.effective = (caps.effective ?? []) + capabilities
                caps.permitted = (caps.permitted ?? []) + capabilities
                caps.ambient = (caps.ambient ?? []) + capabilities
                b.capabilities = caps
            }
            if noNewPrivileges { b.noNewPrivileges = true }
            if let apparmor { b.apparmorProfile = apparmor }
            if let processLabel { b.selinuxLabel = processLabel }
            p = b
        }
        do { try p.validate() } catch { throw RuntimeError("exec: \(error)") }
        return p
    }
}
