// sokogen: writes Soko's benchmark table of school results; `sokogen --help` lists the options.

import Foundation

exit(Generator.main(arguments: Array(CommandLine.arguments.dropFirst())))
