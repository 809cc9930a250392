/// Help screens recorded from runc 1.1.5 (`runc <cmd> --help`), with `runc` replaced by
/// `swiftlet` and the lines for flags newer than 1.1.5 inserted where newer runc lists them.
enum RuncRecorded {
    static let checkpoint = #"""
        NAME:
           swiftlet checkpoint - checkpoint a running container

        USAGE:
           swiftlet checkpoint [command options] <container-id>

        Where "<container-id>" is the name for the instance of the container to be
        checkpointed.

        DESCRIPTION:
           The checkpoint command saves the state of the container instance.

        OPTIONS:
           --image-path value           path for saving criu image files
           --work-path value            path for saving work files and logs
           --parent-path value          path for previous criu image files in pre-dump
           --leave-running              leave the process running after checkpointing
           --tcp-established            allow open tcp connections
           --tcp-skip-in-flight         skip in-flight tcp connections
           --link-remap                 allow one to link unlinked files back when possible
           --ext-unix-sk                allow external unix sockets
           --shell-job                  allow shell jobs
           --lazy-pages                 use userfaultfd to lazily restore memory pages
           --status-fd value            criu writes \0 to this FD once lazy-pages is ready (default: -1)
           --page-server value          ADDRESS:PORT of the page server
           --file-locks                 handle file locks, for safety
           --pre-dump                   dump container's memory information only, leave the container running after this
           --manage-cgroups-mode value  cgroups mode: 'soft' (default), 'full' and 'strict'
           --empty-ns value             create a namespace, but don't restore its properties
           --auto-dedup                 enable auto deduplication of memory images
           
        """# + "\n"

    static let create = #"""
        NAME:
           swiftlet create - create a container

        USAGE:
           swiftlet create [command options] <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host.

        DESCRIPTION:
           The create command creates an instance of a container for a bundle. The bundle
        is a directory with a specification file named "config.json" and a root
        filesystem.

        The specification file includes an args parameter. The args parameter is used
        to specify command(s) that get run when the container is started. To change the
        command(s) that get executed on start, edit the args parameter of the spec. See
        "swiftlet spec --help" for more explanation.

        OPTIONS:
           --bundle value, -b value  path to the root of the bundle directory, defaults to the current directory
           --console-socket value    path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal
           --pidfd-socket value      path to an AF_UNIX socket which will receive a file descriptor referencing the init process
           --pid-file value          specify the file to write the process id to
           --no-pivot                do not use pivot root to jail process inside rootfs.  This should be used whenever the rootfs is on top of a ramdisk
           --no-new-keyring          do not create a new session keyring for the container.  This will cause the container to inherit the calling processes session key
           --preserve-fds value      Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total) (default: 0)
           
        """# + "\n"

    static let delete = #"""
        NAME:
           swiftlet delete - delete any resources held by the container often used with detached container

        USAGE:
           swiftlet delete [command options] <container-id>

        Where "<container-id>" is the name for the instance of the container.

        EXAMPLE:
        For example, if the container id is "ubuntu01" and swiftlet list currently shows the
        status of "ubuntu01" as "stopped" the following will delete resources held for
        "ubuntu01" removing "ubuntu01" from the swiftlet list of containers:

               # swiftlet delete ubuntu01

        OPTIONS:
           --force, -f  Forcibly deletes the container if it is still running (uses SIGKILL)
           
        """# + "\n"

    static let events = #"""
        NAME:
           swiftlet events - display container events such as OOM notifications, cpu, memory, and IO usage statistics

        USAGE:
           swiftlet events [command options] <container-id>

        Where "<container-id>" is the name for the instance of the container.

        DESCRIPTION:
           The events command displays information about the container. By default the
        information is displayed once every 5 seconds.

        OPTIONS:
           --interval value  set the stats collection interval (default: 5s)
           --stats           display the container's stats then exit
           
        """# + "\n"

    static let exec = #"""
        NAME:
           swiftlet exec - execute new process inside the container

        USAGE:
           swiftlet exec [command options] <container-id> <command> [command options]  || -p process.json <container-id>

        Where "<container-id>" is the name for the instance of the container and
        "<command>" is the command to be executed in the container.
        "<command>" can't be empty unless a "-p" flag provided.

        EXAMPLE:
        For example, if the container is configured to run the linux ps command the
        following will output a list of processes running in the container:

               # swiftlet exec <container-id> ps

        OPTIONS:
           --console-socket value             path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal
           --pidfd-socket value               path to an AF_UNIX socket which will receive a file descriptor referencing the exec process
           --cwd value                        current working directory in the container
           --env value, -e value              set environment variables
           --tty, -t                          allocate a pseudo-TTY
           --user value, -u value             UID (format: <uid>[:<gid>])
           --additional-gids value, -g value  additional gids
           --process value, -p value          path to the process.json
           --detach, -d                       detach from the container's process
           --pid-file value                   specify the file to write the process id to
           --process-label value              set the asm process label for the process commonly used with selinux
           --apparmor value                   set the apparmor profile for the process
           --no-new-privs                     set the no new privileges value for the process
           --cap value, -c value              add a capability to the bounding set for the process
           --preserve-fds value               Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total) (default: 0)
           --cgroup value                     run the process in an (existing) sub-cgroup(s). Format is [<controller>:]<cgroup>.
           --ignore-paused                    allow exec in a paused container
           
        """# + "\n"

    static let features = #"""
        NAME:
           swiftlet features - show the enabled features

        USAGE:
           swiftlet features [arguments...]

        DESCRIPTION:
           Show the enabled features.
           The result is parsable as a JSON.
           See https://github.com/opencontainers/runtime-spec/blob/main/features.md for the type definition.
           The types are experimental and subject to change.

        """# + "\n"

    static let kill = #"""
        NAME:
           swiftlet kill - kill sends the specified signal (default: SIGTERM) to the container's init process

        USAGE:
           swiftlet kill [command options] <container-id> [signal]

        Where "<container-id>" is the name for the instance of the container and
        "[signal]" is the signal to be sent to the init process.

        EXAMPLE:
        For example, if the container id is "ubuntu01" the following will send a "KILL"
        signal to the init process of the "ubuntu01" container:

               # swiftlet kill ubuntu01 KILL

        OPTIONS:
           --all, -a  send the specified signal to all processes inside the container
           
        """# + "\n"

    static let list = #"""
        NAME:
           swiftlet list - lists containers started by swiftlet with the given root

        USAGE:
           swiftlet list [command options] 

        Where the given root is specified via the global option "--root"
        (default: "/run/swiftlet").

        EXAMPLE 1:
        To list containers created via the default "--root":
               # swiftlet list

        EXAMPLE 2:
        To list containers created using a non-default value for "--root":
               # swiftlet --root value list

        OPTIONS:
           --format value, -f value  select one of: table or json (default: "table")
           --quiet, -q               display only container IDs
           
        """# + "\n"

    static let pause = #"""
        NAME:
           swiftlet pause - pause suspends all processes inside the container

        USAGE:
           swiftlet pause <container-id>

        Where "<container-id>" is the name for the instance of the container to be
        paused. 

        DESCRIPTION:
           The pause command suspends all processes in the instance of the container.

        Use swiftlet list to identify instances of containers and their current status.
        """# + "\n"
}
