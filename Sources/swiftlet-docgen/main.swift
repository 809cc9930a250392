// swiftlet-docgen: writes the man pages and shell completions generated from the CLI's
// command table, so documentation cannot drift from what the parser accepts.
//
//   swiftlet-docgen man <dir>            swiftlet.8 and swiftlet-<command>.8 into <dir>
//   swiftlet-docgen completion bash|zsh  the completion script on stdout
import CLI
#if canImport(Glibc)
import Glibc
#endif

func write(_ fd: Int32, _ text: String) -> Bool {
    var s = text
    return s.withUTF8 { buf in
        var off = 0
        while off < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            off += n
        }
        return true
    }
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    _ = write(2, "swiftlet-docgen: \(message)\n")
    exit(status)
}

func writeFile(_ path: String, _ content: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if fd < 0 { fail("open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    if !write(fd, content) { fail("write \(path): \(String(cString: strerror(errno)))") }
}

let usage = "usage: swiftlet-docgen man <dir> | completion bash|zsh"
let args = Array(CommandLine.arguments.dropFirst())
switch (args.first, args.count) {
case ("man", 2):
    let dir = args[1]
    if mkdir(dir, 0o755) != 0 && errno != EEXIST { fail("mkdir \(dir): \(String(cString: strerror(errno)))") }
    for page in ManPages.all() { writeFile(dir + "/" + page.fileName, page.content) }
case ("completion", 2) where args[1] == "bash":
    _ = write(1, BashCompletion.script())
case ("completion", 2) where args[1] == "zsh":
    _ = write(1, ZshCompletion.script())
default:
    fail(usage, status: 2)
}
