#compdef parc-server

__parc-server_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__parc-server_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __parc-server_complete "${completions[@]:0:-1}"
    fi
}

__parc-server_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_parc-server() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Create the data directory, database, CA, server certificate and a first manager token.'
            'serve:Run the HTTPS server (staff API, agent API, portal).'
            'migrate:Apply pending database migrations (serve also does this on start).'
            'cert:The server'\''s TLS certificate.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|serve|migrate|cert|help)
            "_parc-server_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parc-server_init() {
    local -i ret=1
    local -ar arg_specs=(
        '--data-dir[Data directory\: CA, certificates, SQLite database. \[env\: PARC_DATA_DIR\] (default\: /var/lib/parc-server)]:data-dir:'
        '--database[sqlite\:PATH or postgres\://user\:password@host\[\:port\]/database. \[env\: PARC_DATABASE\] (default\: sqlite in the data directory)]:database:'
        '--log-level[trace, debug, info, notice, warning, error or critical. \[env\: PARC_LOG_LEVEL\] (default\: info)]:log-level:'
        '--log-format[text or json. \[env\: PARC_LOG_FORMAT\] (default\: text)]:log-format:'
        '*--hostname[A DNS name or IP the server certificate covers; repeat for several. (default\: localhost, 127.0.0.1)]:hostname:'
        '--json[Print the result as JSON, for scripts.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-server_serve() {
    local -i ret=1
    local -ar arg_specs=(
        '--data-dir[Data directory\: CA, certificates, SQLite database. \[env\: PARC_DATA_DIR\] (default\: /var/lib/parc-server)]:data-dir:'
        '--database[sqlite\:PATH or postgres\://user\:password@host\[\:port\]/database. \[env\: PARC_DATABASE\] (default\: sqlite in the data directory)]:database:'
        '--log-level[trace, debug, info, notice, warning, error or critical. \[env\: PARC_LOG_LEVEL\] (default\: info)]:log-level:'
        '--log-format[text or json. \[env\: PARC_LOG_FORMAT\] (default\: text)]:log-format:'
        '--listen[HOST\:PORT to listen on; port 0 picks a free port. \[env\: PARC_LISTEN\] (default\: 127.0.0.1\:8443)]:listen:'
        '*--hostname[Names for the server certificate when this start creates it.]:hostname:'
        '--maintenance-every[Time between passes that open preventive maintenance tickets\: 1h, 30m, 45s; 0 turns the scheduler off. \[env\: PARC_MAINTENANCE_EVERY\] (default\: 1h)]:maintenance-every:'
        '--billing-every[Time between scheduled billing runs (draft invoices for the periods due)\: 1h, 24h; 0 (the default) leaves them to people. \[env\: PARC_BILLING_EVERY\]]:billing-every:'
        '--alerts-every[Time between alert scans (warranties, contracts, licences, agents, invoices); SLA alerts are checked every 30s besides. 0 turns alerts off. \[env\: PARC_ALERTS_EVERY\] (default\: 10m)]:alerts-every:'
        '--webhook-allow[Private, loopback or link-local ranges webhooks may still be sent to, comma-separated\: 10.1.2.0/24,127.0.0.1. Others are refused (they would reach into your network). \[env\: PARC_WEBHOOK_ALLOW\] (default\: none)]:webhook-allow:'
        '--webhook-retries[When a failed webhook is tried again, counted from its first attempt\: durations in s, m or h, comma-separated; then it fails for good. \[env\: PARC_WEBHOOK_RETRIES\] (default\: 5s,5m,30m,2h,5h,10h,24h)]:webhook-retries:'
        '--webhook-timeout[Time one webhook attempt may take, from resolving the name to the answer\: 10s, 30s. \[env\: PARC_WEBHOOK_TIMEOUT\] (default\: 10s)]:webhook-timeout:'
        '--max-connections[Connections open at once; more are closed as they arrive. Lowered to fit the descriptor limit, which the server raises to its hard limit at start. \[env\: PARC_MAX_CONNECTIONS\] (default\: 10000)]:max-connections:'
        '--handshake-timeout[Time a new connection has to finish its TLS handshake\: 10s, 1m. \[env\: PARC_HANDSHAKE_TIMEOUT\] (default\: 10s)]:handshake-timeout:'
        '--idle-timeout[Time a connection may stay open without a request\: 60s, 5m. \[env\: PARC_IDLE_TIMEOUT\] (default\: 60s)]:idle-timeout:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-server_migrate() {
    local -i ret=1
    local -ar arg_specs=(
        '--data-dir[Data directory\: CA, certificates, SQLite database. \[env\: PARC_DATA_DIR\] (default\: /var/lib/parc-server)]:data-dir:'
        '--database[sqlite\:PATH or postgres\://user\:password@host\[\:port\]/database. \[env\: PARC_DATABASE\] (default\: sqlite in the data directory)]:database:'
        '--log-level[trace, debug, info, notice, warning, error or critical. \[env\: PARC_LOG_LEVEL\] (default\: info)]:log-level:'
        '--log-format[text or json. \[env\: PARC_LOG_FORMAT\] (default\: text)]:log-format:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-server_cert() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'reissue:Issue a new server certificate and key, signed by the existing CA.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        reissue)
            "_parc-server_cert_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parc-server_cert_reissue() {
    local -i ret=1
    local -ar arg_specs=(
        '--data-dir[Data directory\: CA, certificates, SQLite database. \[env\: PARC_DATA_DIR\] (default\: /var/lib/parc-server)]:data-dir:'
        '--database[sqlite\:PATH or postgres\://user\:password@host\[\:port\]/database. \[env\: PARC_DATABASE\] (default\: sqlite in the data directory)]:database:'
        '--log-level[trace, debug, info, notice, warning, error or critical. \[env\: PARC_LOG_LEVEL\] (default\: info)]:log-level:'
        '--log-format[text or json. \[env\: PARC_LOG_FORMAT\] (default\: text)]:log-format:'
        '*--hostname[A DNS name or IP the certificate covers; repeat for several. (default\: the current names)]:hostname:'
        '--json[Print the result as JSON, for scripts.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-server_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _parc-server ]]; then
    _parc-server "${@}"
else
    compdef _parc-server parc-server
fi
