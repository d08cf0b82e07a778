import ParcDomain

/// What `/metrics` answers, in the Prometheus text format `promtool check metrics` accepts: the
/// registry's series, each with its HELP line, then the gauges counted from the database at scrape
/// time (`OperationalGauges`).
enum MetricsExposition {
    /// One line per metric Parc records; a name missing here gets a HELP line naming it, and the
    /// test that runs promtool lists it.
    static let help: [String: String] = [
        "http_server_requests_total": "HTTP requests answered, by route, method and status.",
        "http_server_request_errors_total": "HTTP requests answered with an error, by route, method and status.",
        "http_server_request_duration_seconds": "Time to answer an HTTP request, by route, method and status.",
        "http_server_active_requests": "HTTP requests being answered now, by method.",
        "parc_checkins_total": "Agent check-ins, by whether the machine had changed.",
        "parc_reports_total": "Agent reports received.",
        "parc_connections_refused_total": "Connections refused at the connection cap (serve --max-connections).",
    ]

    static func text(registry: [UInt8], gauges: OperationalGauges) -> String {
        var output = ""
        for line in String(decoding: registry, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).split(separator: " ").first.map(String.init) ?? ""
                output += "# HELP \(name) \(help[name] ?? "Parc metric \(name).")\n"
            }
            output += line + "\n"
        }
        for (name, value, text) in [
            ("parc_agents_reporting", gauges.agentsReporting, "Agents (not revoked) that checked in within the last 24 hours."),
            ("parc_agents_stale", gauges.agentsStale, "Agents (not revoked) silent for more than 24 hours, or never heard from."),
            ("parc_tickets_open", gauges.ticketsOpen, "Tickets not resolved or closed."),
            ("parc_tickets_breached", gauges.ticketsBreached, "Open tickets past their SLA."),
            ("parc_invoices_overdue", gauges.invoicesOverdue, "Issued invoices past their due date with something still due."),
        ] {
            output += "# HELP \(name) \(text)\n# TYPE \(name) gauge\n\(name) \(value)\n"
        }
        return output
    }
}
