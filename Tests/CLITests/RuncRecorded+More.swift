/// More recorded runc help screens; see RuncRecorded.swift.
extension RuncRecorded {
    static let ps = #"""
        NAME:
           swiftlet ps - ps displays the processes running inside a container

        USAGE:
           swiftlet ps [command options] <container-id> [ps options]

        OPTIONS:
           --format value, -f value  select one of: table or json (default: "table")
           
        """# + "\n"

    static let restore = #"""
        NAME:
           swiftlet restore - restore a container from a previous checkpoint

        USAGE:
           swiftlet restore [command options] <container-id>

        Where "<container-id>" is the name for the instance of the container to be
        restored.

        DESCRIPTION:
           Restores the saved state of the container instance that was previously saved
        using the swiftlet checkpoint command.

        OPTIONS:
           --console-socket value       path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal
           --image-path value           path to criu image files for restoring
           --work-path value            path for saving work files and logs
           --tcp-established            allow open tcp connections
           --ext-unix-sk                allow external unix sockets
           --shell-job                  allow shell jobs
           --file-locks                 handle file locks, for safety
           --manage-cgroups-mode value  cgroups mode: 'soft' (default), 'full' and 'strict'
           --bundle value, -b value     path to the root of the bundle directory
           --detach, -d                 detach from the container's process
           --pid-file value             specify the file to write the process id to
           --no-subreaper               disable the use of the subreaper used to reap reparented processes
           --no-pivot                   do not use pivot root to jail process inside rootfs.  This should be used whenever the rootfs is on top of a ramdisk
           --empty-ns value             create a namespace, but don't restore its properties
           --auto-dedup                 enable auto deduplication of memory images
           --lazy-pages                 use userfaultfd to lazily restore memory pages
           --lsm-profile value          Specify an LSM profile to be used during restore in the form of TYPE:NAME.
           --lsm-mount-context value    Specify an LSM mount context to be used during restore.
           
        """# + "\n"

    static let resume = #"""
        NAME:
           swiftlet resume - resumes all processes that have been previously paused

        USAGE:
           swiftlet resume <container-id>

        Where "<container-id>" is the name for the instance of the container to be
        resumed.

        DESCRIPTION:
           The resume command resumes all processes in the instance of the container.

        Use swiftlet list to identify instances of containers and their current status.
        """# + "\n"

    static let run = #"""
        NAME:
           swiftlet run - create and run a container

        USAGE:
           swiftlet run [command options] <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host.

        DESCRIPTION:
           The run command creates an instance of a container for a bundle. The bundle
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
           --detach, -d              detach from the container's process
           --keep                    do not delete the container after it exits
           --pid-file value          specify the file to write the process id to
           --no-subreaper            disable the use of the subreaper used to reap reparented processes
           --no-pivot                do not use pivot root to jail process inside rootfs.  This should be used whenever the rootfs is on top of a ramdisk
           --no-new-keyring          do not create a new session keyring for the container.  This will cause the container to inherit the calling processes session key
           --preserve-fds value      Pass N additional file descriptors to the container (stdio + $LISTEN_FDS + N in total) (default: 0)
           
        """# + "\n"

    static let spec = #"""
        NAME:
           swiftlet spec - create a new specification file

        USAGE:
           swiftlet spec [command options] [arguments...]

        DESCRIPTION:
           The spec command creates the new specification file named "config.json" for
        the bundle.

        The spec generated is just a starter file. Editing of the spec is required to
        achieve desired results. For example, the newly generated spec includes an args
        parameter that is initially set to call the "sh" command when the container is
        started. Calling "sh" may work for an ubuntu container or busybox, but will not
        work for containers that do not include the "sh" program.

        EXAMPLE:
          To run docker's hello-world container one needs to set the args parameter
        in the spec to call hello. This can be done using the sed command or a text
        editor. The following commands create a bundle for hello-world, change the
        default args parameter in the spec from "sh" to "/hello", then run the hello
        command in a new hello-world container named container1:

            mkdir hello
            cd hello
            docker pull hello-world
            docker export $(docker create hello-world) > hello-world.tar
            mkdir rootfs
            tar -C rootfs -xf hello-world.tar
            swiftlet spec
            sed -i 's;"sh";"/hello";' config.json
            swiftlet run container1

        In the run command above, "container1" is the name for the instance of the
        container that you are starting. The name you provide for the container instance
        must be unique on your host.

        An alternative for generating a customized spec config is to use "oci-runtime-tool", the
        sub-command "oci-runtime-tool generate" has lots of options that can be used to do any
        customizations as you want, see runtime-tools (https://github.com/opencontainers/runtime-tools)
        to get more information.

        When starting a container through swiftlet, swiftlet needs root privilege. If not
        already running as root, you can use sudo to give swiftlet root privilege. For
        example: "sudo swiftlet start container1" will give swiftlet root privilege to start the
        container on your host.

        Alternatively, you can start a rootless container, which has the ability to run
        without root privileges. For this to work, the specification file needs to be
        adjusted accordingly. You can pass the parameter --rootless to this command to
        generate a proper rootless spec file.

        Note that --rootless is not needed when you execute swiftlet as the root in a user namespace
        created by an unprivileged user.


        OPTIONS:
           --bundle value, -b value  path to the root of the bundle directory
           --rootless                generate a configuration for a rootless container
           
        """# + "\n"

    static let start = #"""
        NAME:
           swiftlet start - executes the user defined process in a created container

        USAGE:
           swiftlet start <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host.

        DESCRIPTION:
           The start command executes the user defined process in a created container.
        """# + "\n"

    static let state = #"""
        NAME:
           swiftlet state - output the state of a container

        USAGE:
           swiftlet state <container-id>

        Where "<container-id>" is your name for the instance of the container.

        DESCRIPTION:
           The state command outputs current state information for the
        instance of a container.
        """# + "\n"

    static let update = #"""
        NAME:
           swiftlet update - update container resource constraints

        USAGE:
           swiftlet update [command options] <container-id>

        OPTIONS:
           --resources value, -r value  path to the file containing the resources to update or '-' to read from the standard input

        The accepted format is as follow (unchanged values can be omitted):

        {
          "memory": {
            "limit": 0,
            "reservation": 0,
            "swap": 0
          },
          "cpu": {
            "shares": 0,
            "quota": 0,
            "period": 0,
            "realtimeRuntime": 0,
            "realtimePeriod": 0,
            "cpus": "",
            "mems": ""
          },
          "blockIO": {
            "weight": 0
          }
        }

        Note: if data is to be read from a file or the standard input, all
        other options are ignored.
           --blkio-weight value        Specifies per cgroup weight, range is from 10 to 1000 (default: 0)
           --cpu-period value          CPU CFS period to be used for hardcapping (in usecs). 0 to use system default
           --cpu-quota value           CPU CFS hardcap limit (in usecs). Allowed cpu time in a given period
           --cpu-burst value           CPU CFS hardcap burst limit (in usecs). Allowed accumulated cpu time additionally for burst a given period
           --cpu-share value           CPU shares (relative weight vs. other containers)
           --cpu-rt-period value       CPU realtime period to be used for hardcapping (in usecs). 0 to use system default
           --cpu-rt-runtime value      CPU realtime hardcap limit (in usecs). Allowed cpu time in a given period
           --cpuset-cpus value         CPU(s) to use
           --cpuset-mems value         Memory node(s) to use
           --memory value              Memory limit (in bytes)
           --memory-reservation value  Memory reservation or soft_limit (in bytes)
           --memory-swap value         Total memory usage (memory + swap); set '-1' to enable unlimited swap
           --pids-limit value          Maximum number of pids allowed in the container (default: 0)
           --l3-cache-schema value     The string of Intel RDT/CAT L3 cache schema
           --mem-bw-schema value       The string of Intel RDT/MBA memory bandwidth schema
           
        """# + "\n"

    static let app = #"""
        NAME:
           swiftlet - Open Container Initiative runtime

        swiftlet is a command line client for running applications packaged according to
        the Open Container Initiative (OCI) format and is a compliant implementation of the
        Open Container Initiative specification.

        swiftlet integrates well with existing process supervisors to provide a production
        container runtime environment for applications. It can be used with your
        existing process monitoring tools and the container will be spawned as a
        direct child of the process supervisor.

        Containers are configured using bundles. A bundle for a container is a directory
        that includes a specification file named "config.json" and a root filesystem.
        The root filesystem contains the contents of the container.

        To start a new instance of a container:

            # swiftlet run [ -b bundle ] <container-id>

        Where "<container-id>" is your name for the instance of the container that you
        are starting. The name you provide for the container instance must be unique on
        your host. Providing the bundle directory using "-b" is optional. The default
        value for "bundle" is the current directory.

        USAGE:
           swiftlet [global options] command [command options] [arguments...]

        VERSION:
           0.1.0
        commit: unknown
        spec: 1.3.0
        libseccomp: unknown

        COMMANDS:
           checkpoint  checkpoint a running container
           create      create a container
           delete      delete any resources held by the container often used with detached container
           events      display container events such as OOM notifications, cpu, memory, and IO usage statistics
           exec        execute new process inside the container
           kill        kill sends the specified signal (default: SIGTERM) to the container's init process
           list        lists containers started by swiftlet with the given root
           pause       pause suspends all processes inside the container
           ps          ps displays the processes running inside a container
           restore     restore a container from a previous checkpoint
           resume      resumes all processes that have been previously paused
           run         create and run a container
           spec        create a new specification file
           start       executes the user defined process in a created container
           state       output the state of a container
           update      update container resource constraints
           features    show the enabled features
           help, h     Shows a list of commands or help for one command

        GLOBAL OPTIONS:
           --debug             enable debug logging
           --log value         set the log file to write swiftlet logs to (default is '/dev/stderr')
           --log-format value  set the log format ('text' (default), or 'json') (default: "text")
           --root value        root directory for storage of container state (this should be located in tmpfs) (default: "/run/swiftlet")
           --criu value        path to the criu binary used for checkpoint and restore (default: "criu")
           --systemd-cgroup    enable systemd cgroup support, expects cgroupsPath to be of form "slice:prefix:name" for e.g. "system.slice:swiftlet:434234"
           --rootless value    ignore cgroup permission errors ('true', 'false', or 'auto') (default: "auto")
           --help, -h          show help
           --version, -v       print the version
        """# + "\n"
}
