import CLI
import Runtime
#if canImport(Glibc)
import Glibc
#endif

// The whole program is the CLI: every lifecycle command is a fresh process.
let version = VersionInfo(version: VersionInfo.current.version, commit: VersionInfo.current.commit,
                          spec: VersionInfo.current.spec, libseccomp: Runtime.libseccompVersion)
exit(CLI.main(arguments: CommandLine.arguments, version: version))
