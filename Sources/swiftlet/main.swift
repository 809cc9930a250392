import CLI
#if canImport(Glibc)
import Glibc
#endif

exit(CLI.main(arguments: CommandLine.arguments))
