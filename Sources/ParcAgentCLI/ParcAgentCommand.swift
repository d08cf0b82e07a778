import ArgumentParser
import ParcAgent

@main
struct ParcAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-agent",
        abstract: "The Parc agent: inventories this Linux machine and reports it to a Parc server.",
        version: AgentInfo.version
    )
}
