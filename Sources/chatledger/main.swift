import API
import Foundation

exit(CommandLineInterface.run(CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
