import PlanKit
import Foundation

/// Where a command writes. The executable passes the real streams; tests capture them.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress output is only drawn then).
    public var stderrIsTerminal: Bool
    /// Where external tools (pdftotext, tesseract, pandoc, …) are looked for; nil means the
    /// `PATH` directories. Tests set it to see what a machine without them does.
    public var toolSearchPath: [String]?
    /// Where `write(_:)` sends bytes (UTF-8) for standard output; nil sends them to `out` as a String.
    public var outBytes: (@Sendable ([UInt8]) -> Void)?

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                stderrIsTerminal: Bool = false, toolSearchPath: [String]? = nil,
                outBytes: (@Sendable ([UInt8]) -> Void)? = nil) {
        self.outBytes = outBytes
        self.out = out
        self.err = err
        self.stderrIsTerminal = stderrIsTerminal
        self.toolSearchPath = toolSearchPath
    }

    /// An error in the one form every command reports it: "plankit <command>: error: <what>" on
    /// stderr (a file that could not be read or written names itself in `message`).
    public func reportError(_ command: String, _ message: String) {
        err("plankit \(command): error: \(message)\n")
    }

    /// UTF-8 bytes to standard output, without making a String of them (large JSON output).
    public func write(_ bytes: [UInt8]) {
        if let outBytes { outBytes(bytes) } else { out(String(decoding: bytes, as: UTF8.self)) }
    }

    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) },
        stderrIsTerminal: isatty(2) != 0,
        outBytes: { Console.writeAll(1, $0) })

    /// write(2) until every byte is out (a pipe takes them in pieces); stops on an error.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }
}

/// Exit codes shared by every command.
public enum ExitCode {
    public static let success: Int32 = 0
    /// Findings (lint errors) or some inputs failed (batch).
    public static let failure: Int32 = 1
    /// Usage or I/O error.
    public static let usage: Int32 = 2
}

/// The one error type commands throw; the tool maps it to a message and an exit code here only.
public struct CommandLineError: Error, Sendable {
    public var message: String
    public var exitCode: Int32
    /// Print the command's usage after the message.
    public var showUsage: Bool

    public init(_ message: String, exitCode: Int32 = ExitCode.usage, showUsage: Bool = false) {
        self.message = message
        self.exitCode = exitCode
        self.showUsage = showUsage
    }
}

/// A `plankit` subcommand.
public protocol Subcommand {
    static var name: String { get }
    static var summary: String { get }
    static var usage: String { get }
    /// Runs with the arguments after the subcommand's name; returns the exit code.
    static func run(_ arguments: [String], console: Console) throws(CommandLineError) -> Int32
}

/// `plankit`: dispatches to subcommands and maps errors to messages and exit codes.
public enum CommandLineTool {
    public static let version = PlanKitVersion.current

    /// Every subcommand, in the order `--help` lists them.
    static let subcommands: [any Subcommand.Type] = [
        ParseCommand.self, RepairCommand.self, LintCommand.self, BatchCommand.self, ReviewCommand.self, ExportCommand.self, CatalogCommand.self,
        LexCommand.self, DoctorCommand.self,
    ]

    public static func main(_ arguments: [String], console: Console = .standard) -> Int32 {
        guard let first = arguments.first else {
            console.err(overview)
            return ExitCode.usage
        }
        switch first {
        case "-h", "--help", "help":
            console.out(overview)
            return ExitCode.success
        case "--version":
            console.out("plankit \(version)\n")
            return ExitCode.success
        default:
            break
        }
        guard let command = subcommands.first(where: { $0.name == first }) else {
            console.err("plankit: error: unknown command '\(first)'\n\n" + overview)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(command.usage)
            return ExitCode.success
        }
        do {
            return try command.run(rest, console: console)
        } catch {
            console.reportError(command.name, error.message)
            if error.showUsage { console.err("\n" + command.usage) }
            return error.exitCode
        }
    }

    static var overview: String {
        var text = """
        plankit \(version): Vietnamese gender-equality plans to structured, validated JSON.

        USAGE: plankit <command> [options] FILE...

        COMMANDS:

        """
        for command in subcommands {
            text += "  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += "\nRun 'plankit <command> --help' for a command's options.\n"
        return text
    }
}

/// Small helpers for hand-parsed arguments (the tool takes no dependencies).
struct ArgumentScanner {
    private var arguments: [String]
    private(set) var positional: [String] = []

    init(_ arguments: [String]) {
        self.arguments = arguments
    }

    /// Splits flags from positional arguments; `--` ends the flags. `valued` flags consume the next argument.
    mutating func scan(flags: Set<String>, valued: Set<String>) throws(CommandLineError) -> (set: Set<String>, values: [String: [String]]) {
        var set: Set<String> = []
        var values: [String: [String]] = [:]
        var i = 0
        var onlyPositional = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if onlyPositional || !arg.hasPrefix("-") || arg == "-" {
                positional.append(arg)
                continue
            }
            if arg == "--" { onlyPositional = true; continue }
            var name = arg
            var inlineValue: String? = nil
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            if valued.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard i < arguments.count else { throw CommandLineError("option \(name) needs a value", showUsage: true) }
                    values[name, default: []].append(arguments[i])
                    i += 1
                }
            } else if flags.contains(name), inlineValue == nil {
                set.insert(name)
            } else {
                throw CommandLineError("unknown option '\(arg)'", showUsage: true)
            }
        }
        return (set, values)
    }
}
