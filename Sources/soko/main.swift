// The `soko` command: reads the arguments, runs one subcommand, exits with its code.
import Soko
