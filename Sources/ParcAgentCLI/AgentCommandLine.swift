#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

// parc-agent reads its own command line. ArgumentParser builds its model by reflection at every
// start, which costs this binary about 1.4 ms (the runtime scans 7,000 conformance records per new
// type): 15% of a whole inventory. The agent's commands are few and flat, so a table describes
// them, and the help, the errors and the shell completions are all made from that table.

/// One `--name VALUE` option of a command, or a flag when `value` is nil.
struct AgentOption: Sendable {
    /// What the shells offer for the value; `choices` are also the only values accepted, a `list` is
    /// checked by its command.
    enum Completion: Sendable {
        case none, file, directory
        case choices([String])
        case list([String])
    }

    var name: String
    var value: String?
    var help: String
    var required = false
    var completion = Completion.none

    static func flag(_ name: String, help: String) -> AgentOption {
        AgentOption(name: name, value: nil, help: help)
    }

    var choices: [String]? {
        if case .choices(let choices) = completion { return choices }
        return nil
    }

    var usage: String { value.map { "--\(name) <\($0)>" } ?? "--\(name)" }
}

struct AgentCommand: Sendable {
    var name: String
    var abstract: String
    var discussion: String = ""
    var options: [AgentOption] = []
    var run: @Sendable (AgentArguments) throws -> Void
}

/// What the command line gave: option values by name, and the flags that were set.
struct AgentArguments: Sendable {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []

    subscript(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    init(values: [String: String] = [:], flags: Set<String> = []) {
        self.values = values
        self.flags = flags
    }

    /// Parses the arguments after the command's name. `--name value` and `--name=value` both work;
    /// a repeated option keeps its last value.
    init(parsing arguments: ArraySlice<String>, for command: AgentCommand) throws(AgentUsageError) {
        var remaining = arguments
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                let what = argument.hasPrefix("-") && argument.count > 1 ? "unknown option" : "unexpected argument"
                throw AgentUsageError("\(what) '\(argument)'", command: command)
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            guard let option = command.options.first(where: { $0.name == name }) else {
                throw AgentUsageError("unknown option '--\(name)'", command: command)
            }
            guard option.value != nil else {
                if inline != nil { throw AgentUsageError("--\(name) takes no value", command: command) }
                flags.insert(name)
                continue
            }
            guard let value = inline ?? remaining.popFirst() else {
                throw AgentUsageError("missing value for \(option.usage)", command: command)
            }
            if let choices = option.choices, !choices.contains(value) {
                throw AgentUsageError("--\(name) must be one of \(choices.joined(separator: ", ")), not '\(value)'", command: command)
            }
            values[name] = value
        }
        for option in command.options where option.required && values[option.name] == nil {
            throw AgentUsageError("missing \(option.usage)", command: command)
        }
    }
}

/// A command line that cannot run: said with the command's usage, exit status 64 (EX_USAGE).
struct AgentUsageError: Error {
    var message: String
    var command: AgentCommand?

    init(_ message: String, command: AgentCommand? = nil) {
        self.message = message
        self.command = command
    }
}

/// Ends the program with this status after the command said why.
struct AgentExit: Error {
    var status: Int32
}

/// The whole program: `parc-agent COMMAND [OPTIONS]`, plus help, version and completions.
struct AgentProgram {
    var name: String
    var abstract: String
    var discussion: String
    var version: String
    var commands: [AgentCommand]

    /// Runs the command line and returns the exit status.
    func main(_ arguments: [String]) -> Int32 {
        do {
            try dispatch(arguments[...])
            return 0
        } catch let usage as AgentUsageError {
            var text = "Error: \(usage.message)\n"
            if let command = usage.command {
                text += "Usage: \(usageLine(command))\n  See '\(name) \(command.name) --help' for more information.\n"
            } else {
                text += "Usage: \(name) <command> [options]\n  See '\(name) --help' for more information.\n"
            }
            writeStandardError(text)
            return 64
        } catch let exit as AgentExit {
            return exit.status
        } catch {
            writeStandardError("Error: \(error)\n")
            return 1
        }
    }

    private func dispatch(_ arguments: ArraySlice<String>) throws {
        guard let first = arguments.first else {
            print(help(), terminator: "")
            return
        }
        let rest = arguments.dropFirst()
        switch first {
        case "-h", "--help":
            print(help(), terminator: "")
        case "help":
            guard let topic = rest.first else {
                print(help(), terminator: "")
                return
            }
            print(try command(named: topic).map(help(for:)) ?? help(), terminator: "")
        case "--version":
            print(version)
        case "--generate-completion-script":
            guard let shell = rest.first, let script = completionScript(shell: shell) else {
                throw AgentUsageError("--generate-completion-script needs a shell: bash, zsh or fish")
            }
            print(script, terminator: "")
        default:
            guard let command = try command(named: first) else { return }
            if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
                print(help(for: command), terminator: "")
                return
            }
            try command.run(try AgentArguments(parsing: rest, for: command))
        }
    }

    private func command(named name: String) throws(AgentUsageError) -> AgentCommand? {
        if let command = commands.first(where: { $0.name == name }) { return command }
        let known = commands.map(\.name).joined(separator: ", ")
        throw AgentUsageError(name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown command '\(name)'; commands are \(known)")
    }

    // MARK: Help

    func usageLine(_ command: AgentCommand) -> String {
        let options = command.options.map { $0.required ? $0.usage : "[\($0.usage)]" }
        return ([name, command.name] + options).joined(separator: " ")
    }

    func help() -> String {
        var text = "OVERVIEW: \(abstract)\n\n"
        if !discussion.isEmpty { text += discussion + "\n\n" }
        text += "USAGE: \(name) <command> [options]\n\nCOMMANDS:\n"
        for command in commands { text += Self.row(command.name, command.abstract) }
        text += "\nOPTIONS:\n"
        text += Self.row("--version", "Show the version.")
        text += Self.row("-h, --help", "Show help information.")
        text += "\n  See '\(name) help <command>' for detailed help.\n"
        return text
    }

    func help(for command: AgentCommand) -> String {
        var text = "OVERVIEW: \(command.abstract)\n\n"
        if !command.discussion.isEmpty { text += command.discussion + "\n\n" }
        text += "USAGE: \(usageLine(command))\n\nOPTIONS:\n"
        for option in command.options {
            var help = option.help
            if let choices = option.choices { help += " (values: \(choices.joined(separator: ", ")))" }
            text += Self.row(option.usage, help)
        }
        text += Self.row("-h, --help", "Show help information.")
        return text
    }

    /// A two-column row: the name in 24 columns, the text wrapped at 80.
    private static func row(_ name: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: 26)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > 80 {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        lines.append(line)
        let head = "  " + name
        var result =
            head.count < indent.count - 1
            ? head + String(repeating: " ", count: indent.count - head.count) + lines[0] + "\n"
            : head + "\n" + indent + lines[0] + "\n"
        for continuation in lines.dropFirst() { result += indent + continuation + "\n" }
        return result
    }

    // MARK: Completions

    func completionScript(shell: String) -> String? {
        switch shell {
        case "bash": bashCompletion()
        case "zsh": zshCompletion()
        case "fish": fishCompletion()
        default: nil
        }
    }

    private var functionName: String { "_" + name.replacing("-", with: "_") }

    private func bashCompletion() -> String {
        var script = """
            # bash completion for \(name) (made by '\(name) --generate-completion-script bash')
            \(functionName)() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                if [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\((commands.map(\.name) + ["help", "--help", "--version"]).joined(separator: " "))" -- "$cur"))
                    return
                fi
                case "${COMP_WORDS[1]}" in

            """
        for command in commands {
            script += "        \(command.name))\n            case \"$prev\" in\n"
            for option in command.options where option.value != nil {
                let reply: String
                switch option.completion {
                case .none: reply = "COMPREPLY=()"
                case .file: reply = "COMPREPLY=($(compgen -f -- \"$cur\"))"
                case .directory: reply = "COMPREPLY=($(compgen -d -- \"$cur\"))"
                case .choices(let choices), .list(let choices):
                    reply = "COMPREPLY=($(compgen -W \"\(choices.joined(separator: " "))\" -- \"$cur\"))"
                }
                script += "                --\(option.name)) \(reply); return ;;\n"
            }
            let words = (command.options.map { "--" + $0.name } + ["--help"]).joined(separator: " ")
            script += "            esac\n            COMPREPLY=($(compgen -W \"\(words)\" -- \"$cur\")) ;;\n"
        }
        script += "        help) COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " "))\" -- \"$cur\")) ;;\n"
        script += "    esac\n}\ncomplete -F \(functionName) \(name)\n"
        return script
    }

    private func zshCompletion() -> String {
        var script = """
            #compdef \(name)
            # zsh completion for \(name) (made by '\(name) --generate-completion-script zsh')
            \(functionName)() {
                local -a commands
                commands=(

            """
        for command in commands { script += "        \(Self.singleQuoted(command.name + ":" + command.abstract))\n" }
        script += """
                )
                if (( CURRENT == 2 )); then
                    _describe -t commands 'command' commands
                    return
                fi
                local command=$words[2]
                shift words
                (( CURRENT-- ))
                case $command in

            """
        for command in commands {
            let specs = command.options.map { option -> String in
                let help = option.help.replacing("[", with: "\\[").replacing("]", with: "\\]")
                guard let value = option.value else { return Self.singleQuoted("--\(option.name)[\(help)]") }
                let action: String
                switch option.completion {
                case .none: action = " "
                case .file: action = "_files"
                case .directory: action = "_files -/"
                case .choices(let choices): action = "(\(choices.joined(separator: " ")))"
                case .list(let choices): action = "_values -s , \(value) \(choices.joined(separator: " "))"
                }
                return Self.singleQuoted("--\(option.name)[\(help)]:\(value):\(action)")
            }
            script += "        \(command.name)) _arguments \((specs + ["'(-h --help)'{-h,--help}'[Show help information.]'"]).joined(separator: " ")) ;;\n"
        }
        script += "        help) _describe -t commands 'command' commands ;;\n    esac\n}\n\(functionName) \"$@\"\n"
        return script
    }

    private func fishCompletion() -> String {
        var script = "# fish completion for \(name) (made by '\(name) --generate-completion-script fish')\n"
        script += "complete -c \(name) -f\n"
        script += "complete -c \(name) -n '__fish_use_subcommand' -l version -d 'Show the version.'\n"
        for command in commands {
            script += "complete -c \(name) -n '__fish_use_subcommand' -a \(command.name) -d \(Self.singleQuoted(command.abstract))\n"
        }
        script += "complete -c \(name) -n '__fish_seen_subcommand_from help' -a \(Self.singleQuoted(commands.map(\.name).joined(separator: " ")))\n"
        for command in commands {
            let condition = "-n '__fish_seen_subcommand_from \(command.name)'"
            for option in command.options {
                var line = "complete -c \(name) \(condition) -l \(option.name)"
                switch option.completion {
                case .none: line += option.value == nil ? "" : " -x"
                case .file: line += " -r -F"
                case .directory: line += " -x -a '(__fish_complete_directories)'"
                case .choices(let choices), .list(let choices): line += " -x -a \(Self.singleQuoted(choices.joined(separator: " ")))"
                }
                script += line + " -d \(Self.singleQuoted(option.help))\n"
            }
        }
        return script
    }

    private static func singleQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

/// Writes text for people on standard error (FileHandle is not in FoundationEssentials).
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
